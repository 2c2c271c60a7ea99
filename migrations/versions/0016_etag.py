"""etag: data versions (data_changes and the bump_data_version triggers on every table)

Revision ID: 0016_etag
Revises: 0015_account
Create Date: 2026-11-29 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016_etag'
down_revision = '0015_account'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'data_changes',
        sa.Column('owner_id', sa.BigInteger(), nullable=False),
        sa.Column('weight', sa.BigInteger(), server_default='1', nullable=False),
        sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_data_changes')),
    )
    op.create_index('ix_data_changes_owner_id', 'data_changes', ['owner_id'], unique=False)
    # The triggers are derived from the models (every table there is now); migrations/env.py runs
    # the same after each upgrade to head, so tables added by later revisions get them too.
    from api.account import versions

    versions.sync(op.get_bind())


def downgrade() -> None:
    op.execute('DROP FUNCTION IF EXISTS bump_data_version() CASCADE')  # and every trigger calling it
    op.drop_index('ix_data_changes_owner_id', table_name='data_changes')
    op.drop_table('data_changes')
