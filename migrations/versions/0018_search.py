"""search: the score index of job_scores gains job_id, so the SCORE order (score, then job id) is
read from it in order: a search with many matches walks it and stops at its page instead of
scoring and sorting every match.

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


def downgrade() -> None:
    op.create_index('ix_job_scores_user_id_score', 'job_scores', ['user_id', 'score'], unique=False)
    op.drop_index('ix_job_scores_user_id_score_job_id', table_name='job_scores')
