"""rescore: scores move from jobs to their own narrow table, job_scores

Writing a score used to update the whole jobs row: a new row version, its full-text vector
recomputed and every index of jobs (GIN, trigram) written again, per job. A job_scores row holds
only the total, the breakdown and when; re-scoring a user's jobs rewrites only those. The existing
scores move over (data migration) and the old columns go.

Revision ID: 0017_rescore
Revises: 0016_etag
Create Date: 2026-11-29 23:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0017_rescore'
down_revision = '0016_etag'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'job_scores',
        sa.Column('job_id', sa.BigInteger(), nullable=False),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('breakdown', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('scored_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('score BETWEEN 0 AND 100', name=op.f('ck_job_scores_score_range')),
        sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_job_scores_job_id_jobs'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_job_scores_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('job_id', name=op.f('pk_job_scores')),
    )
    op.execute(
        """
        INSERT INTO job_scores (job_id, user_id, score, breakdown, scored_at)
        SELECT id, user_id, match_score, score_breakdown, coalesce(scored_at, updated_at, created_at)
        FROM jobs WHERE match_score IS NOT NULL
        """
    )
    op.create_index('ix_job_scores_user_id_score', 'job_scores', ['user_id', 'score'], unique=False)
    op.drop_index('ix_jobs_user_id_match_score', table_name='jobs')
    op.drop_constraint(op.f('ck_jobs_match_score_range'), 'jobs', type_='check')
    op.drop_column('jobs', 'score_breakdown')
    op.drop_column('jobs', 'scored_at')
    op.drop_column('jobs', 'match_score')


def downgrade() -> None:
    op.add_column('jobs', sa.Column('match_score', sa.Integer(), nullable=True))
    op.add_column('jobs', sa.Column('scored_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('jobs', sa.Column('score_breakdown', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.execute(
        """
        UPDATE jobs SET match_score = s.score, scored_at = s.scored_at, score_breakdown = s.breakdown
        FROM job_scores AS s WHERE s.job_id = jobs.id
        """
    )
    op.create_check_constraint(op.f('ck_jobs_match_score_range'), 'jobs', 'match_score IS NULL OR (match_score BETWEEN 0 AND 100)')
    op.create_index('ix_jobs_user_id_match_score', 'jobs', ['user_id', 'match_score'], unique=False)
    op.drop_index('ix_job_scores_user_id_score', table_name='job_scores')
    op.drop_table('job_scores')
