"""profile11: spoken languages, years per skill and total years of experience on the profile

Revision ID: 0013_profile11
Revises: 0012_oidc
Create Date: 2026-11-29 21:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0013_profile11'
down_revision = '0012_oidc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('users', sa.Column('languages', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False))
    op.add_column('users', sa.Column('skill_years', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False))
    op.add_column('users', sa.Column('years_experience', sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column('users', 'years_experience')
    op.drop_column('users', 'skill_years')
    op.drop_column('users', 'languages')
