"""searchmem: the jobs' SCORE order as an index (user_id, match_score DESC NULLS LAST, id DESC), so a
search's page reads its first matches in order and stops; it replaces (user_id, match_score)

Revision ID: 0016_searchmem
Revises: 0015_account
Create Date: 2026-11-30 00:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016_searchmem'
down_revision = '0015_account'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_jobs_user_id_score_order',
        'jobs',
        ['user_id', sa.text('match_score DESC NULLS LAST'), sa.text('id DESC')],
        unique=False,
    )
    op.drop_index('ix_jobs_user_id_match_score', table_name='jobs')


def downgrade() -> None:
    op.create_index('ix_jobs_user_id_match_score', 'jobs', ['user_id', 'match_score'], unique=False)
    op.drop_index('ix_jobs_user_id_score_order', table_name='jobs')
