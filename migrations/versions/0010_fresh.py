"""fresh: the source's own expiry (validThrough / closing date) is kept on postings; expired postings close

Jobs read it through their posting (`jobs.posting_id`), so only `postings` gets the column.

Revision ID: 0010_fresh
Revises: 0009_boards
Create Date: 2026-11-29 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_fresh'
down_revision = '0009_boards'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('postings', sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        'ix_postings_expires_at_open', 'postings', ['expires_at'], postgresql_where=sa.text('closed_at IS NULL AND expires_at IS NOT NULL')
    )


def downgrade() -> None:
    op.drop_index('ix_postings_expires_at_open', table_name='postings')
    op.drop_column('postings', 'expires_at')
