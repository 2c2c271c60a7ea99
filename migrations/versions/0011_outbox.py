"""outbox: jobs requested in a unit of work are written in its transaction (job_outbox)

After the commit they are sent to arq and the row deleted; the relay sends what was left.

Revision ID: 0011_outbox
Revises: 0010_fresh
Create Date: 2026-11-29 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0011_outbox'
down_revision = '0010_fresh'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'job_outbox',
        sa.Column('function', sa.String(length=100), nullable=False),
        sa.Column('args', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('key', sa.String(length=300), nullable=True),
        sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_job_outbox')),
    )
    op.create_index('ix_job_outbox_next_attempt_at', 'job_outbox', ['next_attempt_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_job_outbox_next_attempt_at', table_name='job_outbox')
    op.drop_table('job_outbox')
