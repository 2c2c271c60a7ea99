"""jobs: the parsed-requirements cache moves out of score_breakdown into columns of its own

score_breakdown keeps only what GraphQL serves; parses cached under its "_requirements" key
(keyed by source hashes) are dropped, and the next scoring parses and stores them anew.

Revision ID: 0006_parsed_requirements
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0006_parsed_requirements'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('jobs', sa.Column('parsed_requirements', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column('jobs', sa.Column('parsed_requirements_key', sa.Text(), nullable=True))
    op.execute("UPDATE jobs SET score_breakdown = score_breakdown - '_requirements' WHERE score_breakdown ? '_requirements'")


def downgrade() -> None:
    op.drop_column('jobs', 'parsed_requirements_key')
    op.drop_column('jobs', 'parsed_requirements')
