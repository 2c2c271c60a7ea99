"""career memory: journeys, decisions, milestones, skill snapshots, career contexts, goals,
goal steps and the goal progress log

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('career_contexts',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('current_situation', sa.Text(), server_default='', nullable=False),
    sa.Column('short_term_goals', sa.Text(), server_default='', nullable=False),
    sa.Column('long_term_vision', sa.Text(), server_default='', nullable=False),
    sa.Column('learning_preferences', postgresql.ARRAY(sa.String(length=20)), server_default='{}', nullable=False),
    sa.Column('hours_per_week', sa.Float(), nullable=True),
    sa.Column('budget', sa.Float(), nullable=True),
    sa.Column('commitments', postgresql.ARRAY(sa.String(length=200)), server_default='{}', nullable=False),
    sa.Column('motivation_factors', postgresql.ARRAY(sa.String(length=200)), server_default='{}', nullable=False),
    sa.Column('stress_factors', postgresql.ARRAY(sa.String(length=200)), server_default='{}', nullable=False),
    sa.Column('stress_level', sa.SmallInteger(), nullable=True),
    sa.Column('last_assessed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("learning_preferences <@ ARRAY['video', 'reading', 'hands_on', 'courses', 'mentoring']::varchar[]", name=op.f('ck_career_contexts_learning_preferences_known')),
    sa.CheckConstraint('budget IS NULL OR budget >= 0', name=op.f('ck_career_contexts_budget_not_negative')),
    sa.CheckConstraint('hours_per_week IS NULL OR (hours_per_week BETWEEN 0 AND 168)', name=op.f('ck_career_contexts_hours_per_week_range')),
    sa.CheckConstraint('stress_level IS NULL OR (stress_level BETWEEN 1 AND 5)', name=op.f('ck_career_contexts_stress_level_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_career_contexts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_contexts')),
    sa.UniqueConstraint('user_id', name=op.f('uq_career_contexts_user_id'))
    )
    op.create_table('career_journeys',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('current_role', sa.String(length=200), server_default='', nullable=False),
    sa.Column('current_company', sa.String(length=200), server_default='', nullable=False),
    sa.Column('career_stage', sa.String(length=12), server_default='mid', nullable=False),
    sa.Column('target_role', sa.String(length=200), nullable=True),
    sa.Column('role_started_on', sa.Date(), nullable=True),
    sa.Column('patterns', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('velocity', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('prediction', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("career_stage IN ('entry', 'mid', 'senior', 'lead', 'executive')", name=op.f('ck_career_journeys_career_stage_known')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_career_journeys_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_journeys')),
    sa.UniqueConstraint('user_id', name=op.f('uq_career_journeys_user_id'))
    )
    op.create_table('goals',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('why', sa.Text(), server_default='', nullable=False),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), server_default='active', nullable=False),
    sa.Column('difficulty', sa.String(length=10), server_default='medium', nullable=False),
    sa.Column('learning_format', sa.String(length=20), nullable=True),
    sa.Column('progress', sa.SmallInteger(), server_default='0', nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('abandoned_on', sa.Date(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("difficulty IN ('easy', 'medium', 'hard', 'stretch')", name=op.f('ck_goals_difficulty_known')),
    sa.CheckConstraint("learning_format IS NULL OR learning_format IN ('video', 'reading', 'hands_on', 'courses', 'mentoring')", name=op.f('ck_goals_learning_format_known')),
    sa.CheckConstraint("status IN ('active', 'paused', 'completed', 'abandoned')", name=op.f('ck_goals_status_known')),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_goals_progress_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_goals_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    op.create_index('ix_goals_user_id_status', 'goals', ['user_id', 'status'], unique=False)
    op.create_table('milestones',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('impact_score', sa.SmallInteger(), nullable=True),
    sa.Column('market_value_note', sa.Text(), server_default='', nullable=False),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('achieved_on', sa.Date(), nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('promotion', 'certification', 'skill_mastery', 'project_completion', 'new_role', 'other')", name=op.f('ck_milestones_kind_known')),
    sa.CheckConstraint('impact_score IS NULL OR (impact_score BETWEEN 1 AND 10)', name=op.f('ck_milestones_impact_score_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_milestones_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    op.create_index('ix_milestones_user_id_achieved_on', 'milestones', ['user_id', 'achieved_on'], unique=False)
    op.create_table('skill_snapshots',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('skills', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('notes', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("jsonb_typeof(notes) = 'object'", name=op.f('ck_skill_snapshots_notes_object')),
    sa.CheckConstraint('jsonb_typeof(skills) = \'object\' AND NOT jsonb_path_exists(skills, \'$.* ? (@.type() != "number" || @ < 0 || @ > 1)\')', name=op.f('ck_skill_snapshots_proficiency_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_skill_snapshots_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_snapshots')),
    sa.UniqueConstraint('user_id', 'taken_on', name='uq_skill_snapshots_user_id_taken_on')
    )
    op.create_table('decisions',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('context', sa.Text(), server_default='', nullable=False),
    sa.Column('choice', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('lessons', sa.Text(), nullable=True),
    sa.Column('satisfaction', sa.SmallInteger(), nullable=True),
    sa.Column('outcome_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('goal_id', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('goal_set', 'goal_pivot', 'role_change', 'skill_focus', 'job_offer', 'other')", name=op.f('ck_decisions_kind_known')),
    sa.CheckConstraint('satisfaction IS NULL OR (satisfaction BETWEEN 1 AND 10)', name=op.f('ck_decisions_satisfaction_range')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_decisions_goal_id_goals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_decisions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    op.create_index(op.f('ix_decisions_goal_id'), 'decisions', ['goal_id'], unique=False)
    op.create_index('ix_decisions_user_id_decided_at', 'decisions', ['user_id', 'decided_at'], unique=False)
    op.create_table('goal_steps',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('goal_id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('done', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_steps_goal_id_goals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_goal_steps_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_steps'))
    )
    op.create_index('ix_goal_steps_goal_id_position', 'goal_steps', ['goal_id', 'position'], unique=False)
    op.create_index(op.f('ix_goal_steps_user_id'), 'goal_steps', ['user_id'], unique=False)
    op.create_table('goal_progress_entries',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('goal_id', sa.BigInteger(), nullable=False),
    sa.Column('step_id', sa.BigInteger(), nullable=True),
    sa.Column('logged_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('amount', sa.SmallInteger(), server_default='0', nullable=False),
    sa.Column('minutes', sa.Integer(), server_default='0', nullable=False),
    sa.Column('learning_format', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('mood', sa.SmallInteger(), nullable=True),
    sa.Column('energy', sa.SmallInteger(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.CheckConstraint("learning_format IS NULL OR learning_format IN ('video', 'reading', 'hands_on', 'courses', 'mentoring')", name=op.f('ck_goal_progress_entries_learning_format_known')),
    sa.CheckConstraint('amount BETWEEN 0 AND 100', name=op.f('ck_goal_progress_entries_amount_range')),
    sa.CheckConstraint('energy IS NULL OR (energy BETWEEN 1 AND 5)', name=op.f('ck_goal_progress_entries_energy_range')),
    sa.CheckConstraint('minutes BETWEEN 0 AND 1440', name=op.f('ck_goal_progress_entries_minutes_range')),
    sa.CheckConstraint('mood IS NULL OR (mood BETWEEN 1 AND 5)', name=op.f('ck_goal_progress_entries_mood_range')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_progress_entries_goal_id_goals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['goal_steps.id'], name=op.f('fk_goal_progress_entries_step_id_goal_steps'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_goal_progress_entries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_progress_entries'))
    )
    op.create_index('ix_goal_progress_entries_goal_id_logged_at', 'goal_progress_entries', ['goal_id', 'logged_at'], unique=False)
    op.create_index(op.f('ix_goal_progress_entries_step_id'), 'goal_progress_entries', ['step_id'], unique=False)
    op.create_index('ix_goal_progress_entries_user_id_logged_at', 'goal_progress_entries', ['user_id', 'logged_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_goal_progress_entries_user_id_logged_at', table_name='goal_progress_entries')
    op.drop_index(op.f('ix_goal_progress_entries_step_id'), table_name='goal_progress_entries')
    op.drop_index('ix_goal_progress_entries_goal_id_logged_at', table_name='goal_progress_entries')
    op.drop_table('goal_progress_entries')
    op.drop_index(op.f('ix_goal_steps_user_id'), table_name='goal_steps')
    op.drop_index('ix_goal_steps_goal_id_position', table_name='goal_steps')
    op.drop_table('goal_steps')
    op.drop_index('ix_decisions_user_id_decided_at', table_name='decisions')
    op.drop_index(op.f('ix_decisions_goal_id'), table_name='decisions')
    op.drop_table('decisions')
    op.drop_table('skill_snapshots')
    op.drop_index('ix_milestones_user_id_achieved_on', table_name='milestones')
    op.drop_table('milestones')
    op.drop_index('ix_goals_user_id_status', table_name='goals')
    op.drop_table('goals')
    op.drop_table('career_journeys')
    op.drop_table('career_contexts')
