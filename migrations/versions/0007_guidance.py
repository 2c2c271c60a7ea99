"""guidance: career insights, guidance rules (the defaults loaded from api/guidance/data/rules.json),
per-user rule overrides and settings, career recommendations, monthly career health reports, users.last_seen_at

Revision ID: 0007_guidance
Revises: 0006_parsed_requirements
Create Date: 2026-11-29 17:44:10.358621
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from api.guidance.conditions import default_rules

revision = '0007_guidance'
down_revision = '0006_parsed_requirements'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('guidance_rules',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('trigger_type', sa.String(length=20), nullable=False),
    sa.Column('conditions', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('insight_kind', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('title_template', sa.String(length=300), nullable=False),
    sa.Column('message_template', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), server_default='true', nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("insight_kind IN ('opportunity', 'warning', 'milestone_ready', 'pivot_suggestion', 'check_in', 'market_nudge', 'celebration', 'welcome_back')", name=op.f('ck_guidance_rules_insight_kind_known')),
    sa.CheckConstraint("jsonb_typeof(conditions) = 'object'", name=op.f('ck_guidance_rules_conditions_object')),
    sa.CheckConstraint("priority IN ('low', 'medium', 'high', 'urgent')", name=op.f('ck_guidance_rules_priority_known')),
    sa.CheckConstraint("trigger_type IN ('time_based', 'progress_based', 'market_based', 'milestone_based')", name=op.f('ck_guidance_rules_trigger_type_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guidance_rules')),
    sa.UniqueConstraint('key', name=op.f('uq_guidance_rules_key'))
    )
    op.create_table('career_health_reports',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('overall', sa.Float(), nullable=False),
    sa.Column('skill_currency', sa.Float(), nullable=False),
    sa.Column('market_position', sa.Float(), nullable=False),
    sa.Column('growth', sa.Float(), nullable=False),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('risks', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.CheckConstraint("jsonb_typeof(risks) = 'array'", name=op.f('ck_career_health_reports_risks_array')),
    sa.CheckConstraint('growth BETWEEN 0 AND 1', name=op.f('ck_career_health_reports_growth_range')),
    sa.CheckConstraint('market_position BETWEEN 0 AND 1', name=op.f('ck_career_health_reports_market_position_range')),
    sa.CheckConstraint('overall BETWEEN 0 AND 1', name=op.f('ck_career_health_reports_overall_range')),
    sa.CheckConstraint('skill_currency BETWEEN 0 AND 1', name=op.f('ck_career_health_reports_skill_currency_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_career_health_reports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_health_reports')),
    sa.UniqueConstraint('user_id', 'month', name='uq_career_health_reports_user_id_month')
    )
    op.create_table('career_insights',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('rule_id', sa.BigInteger(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('evidence', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('actions', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('valid_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rephrased', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('notified', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acted_action', sa.SmallInteger(), nullable=True),
    sa.Column('dismissed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verdict', sa.String(length=12), nullable=True),
    sa.Column('verdict_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.CheckConstraint("jsonb_typeof(actions) = 'array'", name=op.f('ck_career_insights_actions_array')),
    sa.CheckConstraint("jsonb_typeof(evidence) = 'array'", name=op.f('ck_career_insights_evidence_array')),
    sa.CheckConstraint("kind IN ('opportunity', 'warning', 'milestone_ready', 'pivot_suggestion', 'check_in', 'market_nudge', 'celebration', 'welcome_back')", name=op.f('ck_career_insights_kind_known')),
    sa.CheckConstraint("priority IN ('low', 'medium', 'high', 'urgent')", name=op.f('ck_career_insights_priority_known')),
    sa.CheckConstraint("verdict IS NULL OR verdict IN ('useful', 'not_useful')", name=op.f('ck_career_insights_verdict_known')),
    sa.ForeignKeyConstraint(['rule_id'], ['guidance_rules.id'], name=op.f('fk_career_insights_rule_id_guidance_rules'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_career_insights_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_insights')),
    sa.UniqueConstraint('user_id', 'dedupe_key', name='uq_career_insights_user_id_dedupe_key')
    )
    op.create_index(op.f('ix_career_insights_rule_id'), 'career_insights', ['rule_id'], unique=False)
    op.create_index('ix_career_insights_user_id_created_at', 'career_insights', ['user_id', 'created_at'], unique=False)
    op.create_table('guidance_rule_overrides',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('rule_id', sa.BigInteger(), nullable=False),
    sa.Column('muted', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('conditions', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("jsonb_typeof(conditions) = 'object'", name=op.f('ck_guidance_rule_overrides_conditions_object')),
    sa.ForeignKeyConstraint(['rule_id'], ['guidance_rules.id'], name=op.f('fk_guidance_rule_overrides_rule_id_guidance_rules'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_guidance_rule_overrides_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guidance_rule_overrides')),
    sa.UniqueConstraint('user_id', 'rule_id', name='uq_guidance_rule_overrides_user_id_rule_id')
    )
    op.create_index(op.f('ix_guidance_rule_overrides_rule_id'), 'guidance_rule_overrides', ['rule_id'], unique=False)
    op.create_table('guidance_settings',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('level', sa.String(length=10), server_default='normal', nullable=False),
    sa.Column('daily_cap', sa.SmallInteger(), server_default='3', nullable=False),
    sa.Column('wellbeing', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('evaluation_hour', sa.SmallInteger(), server_default='8', nullable=False),
    sa.Column('next_evaluation_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_evaluated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("level IN ('off', 'weekly', 'normal', 'eager')", name=op.f('ck_guidance_settings_level_known')),
    sa.CheckConstraint('daily_cap BETWEEN 0 AND 50', name=op.f('ck_guidance_settings_daily_cap_range')),
    sa.CheckConstraint('evaluation_hour BETWEEN 0 AND 23', name=op.f('ck_guidance_settings_evaluation_hour_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_guidance_settings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guidance_settings')),
    sa.UniqueConstraint('user_id', name=op.f('uq_guidance_settings_user_id'))
    )
    op.create_index('ix_guidance_settings_next_evaluation_at', 'guidance_settings', ['next_evaluation_at'], unique=False)
    op.create_table('career_recommendations',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('subject_key', sa.String(length=200), nullable=False),
    sa.Column('facts_key', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('reasoning', sa.Text(), server_default='', nullable=False),
    sa.Column('expected_impact', sa.Text(), server_default='', nullable=False),
    sa.Column('time_to_complete_days', sa.Integer(), nullable=False),
    sa.Column('effort', sa.String(length=10), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('market_relevance', sa.Float(), nullable=False),
    sa.Column('personal_fit', sa.Float(), nullable=False),
    sa.Column('scoring', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('goal_steps', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('state', sa.String(length=10), server_default='open', nullable=False),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('goal_id', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("effort IN ('low', 'medium', 'high')", name=op.f('ck_career_recommendations_effort_known')),
    sa.CheckConstraint("state IN ('open', 'accepted', 'declined')", name=op.f('ck_career_recommendations_state_known')),
    sa.CheckConstraint("type IN ('next_goal', 'skill_focus', 'course', 'certification', 'networking')", name=op.f('ck_career_recommendations_type_known')),
    sa.CheckConstraint('confidence BETWEEN 0 AND 1', name=op.f('ck_career_recommendations_confidence_range')),
    sa.CheckConstraint('market_relevance BETWEEN 0 AND 1', name=op.f('ck_career_recommendations_market_relevance_range')),
    sa.CheckConstraint('personal_fit BETWEEN 0 AND 1', name=op.f('ck_career_recommendations_personal_fit_range')),
    sa.CheckConstraint('time_to_complete_days >= 0', name=op.f('ck_career_recommendations_time_to_complete_days_not_negative')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_career_recommendations_goal_id_goals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_career_recommendations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_recommendations'))
    )
    op.create_index(op.f('ix_career_recommendations_goal_id'), 'career_recommendations', ['goal_id'], unique=False)
    op.create_index('ix_career_recommendations_user_id_state', 'career_recommendations', ['user_id', 'state'], unique=False)
    op.create_index('uq_career_recommendations_user_subject_facts', 'career_recommendations', ['user_id', 'subject_key', 'facts_key'], unique=True)
    op.add_column('users', sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('notifications', sa.Column('insight_id', sa.BigInteger(), nullable=True))
    op.create_foreign_key(op.f('fk_notifications_insight_id_career_insights'), 'notifications', 'career_insights', ['insight_id'], ['id'], ondelete='SET NULL')
    load_default_rules()


def load_default_rules() -> None:
    """Insert the shipped rules, or bring existing ones up to the file (by key); idempotent."""
    rules = sa.table(
        'guidance_rules',
        *(sa.column(name) for name in ('key', 'name', 'description', 'trigger_type', 'insight_kind', 'priority',
                                       'title_template', 'message_template')),
        sa.column('conditions', postgresql.JSONB),
    )
    for rule in default_rules():
        statement = postgresql.insert(rules).values(**rule)
        op.execute(statement.on_conflict_do_update(index_elements=['key'], set_={k: statement.excluded[k] for k in rule if k != 'key'}))


def downgrade() -> None:
    op.drop_constraint(op.f('fk_notifications_insight_id_career_insights'), 'notifications', type_='foreignkey')
    op.drop_column('notifications', 'insight_id')
    op.drop_column('users', 'last_seen_at')
    op.drop_index('uq_career_recommendations_user_subject_facts', table_name='career_recommendations')
    op.drop_index('ix_career_recommendations_user_id_state', table_name='career_recommendations')
    op.drop_index(op.f('ix_career_recommendations_goal_id'), table_name='career_recommendations')
    op.drop_table('career_recommendations')
    op.drop_index('ix_guidance_settings_next_evaluation_at', table_name='guidance_settings')
    op.drop_table('guidance_settings')
    op.drop_index(op.f('ix_guidance_rule_overrides_rule_id'), table_name='guidance_rule_overrides')
    op.drop_table('guidance_rule_overrides')
    op.drop_index('ix_career_insights_user_id_created_at', table_name='career_insights')
    op.drop_index(op.f('ix_career_insights_rule_id'), table_name='career_insights')
    op.drop_table('career_insights')
    op.drop_table('career_health_reports')
    op.drop_table('guidance_rules')
