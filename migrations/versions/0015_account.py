"""account: where each sign-in came from (user agent and address of a refresh-token family's first token)

Revision ID: 0015_account
Revises: 0014_pat
Create Date: 2026-11-29 22:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015_account'
down_revision = '0014_pat'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('refresh_tokens', sa.Column('user_agent', sa.String(length=300), nullable=True))
    op.add_column('refresh_tokens', sa.Column('ip', sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column('refresh_tokens', 'ip')
    op.drop_column('refresh_tokens', 'user_agent')
