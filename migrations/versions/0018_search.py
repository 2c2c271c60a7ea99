"""search: the order indexes gain their tie-breaker, so a search with many matches reads its page
in order from them and stops there instead of sorting every match: job_scores' (user_id, score)
becomes (user_id, score, job_id) for SCORE, jobs' (user_id, created_at) becomes
(user_id, created_at, id) for NEWEST.

Revision ID: 0018_search
Revises: 0017_rescore
Create Date: 2026-11-30 03:45:00
"""

from __future__ import annotations

from alembic import op

revision = '0018_search'
down_revision = '0017_rescore'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_job_scores_user_id_score_job_id', 'job_scores', ['user_id', 'score', 'job_id'], unique=False)
    op.drop_index('ix_job_scores_user_id_score', table_name='job_scores')
    op.create_index('ix_jobs_user_id_created_at_id', 'jobs', ['user_id', 'created_at', 'id'], unique=False)
    op.drop_index('ix_jobs_user_id_created_at', table_name='jobs')


def downgrade() -> None:
    op.create_index('ix_jobs_user_id_created_at', 'jobs', ['user_id', 'created_at'], unique=False)
    op.drop_index('ix_jobs_user_id_created_at_id', table_name='jobs')
    op.create_index('ix_job_scores_user_id_score', 'job_scores', ['user_id', 'score'], unique=False)
    op.drop_index('ix_job_scores_user_id_score_job_id', table_name='job_scores')
