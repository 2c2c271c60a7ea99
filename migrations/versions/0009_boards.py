"""boards: watched companies on more company boards (SmartRecruiters, Recruitee, Workable, Workday, Personio,
Teamtailor, BambooHR, iCIMS, careers pages with JSON-LD)

Replaces the CHECK constraint on watched_companies.source with the longer list of `JobBoard` values.

Revision ID: 0009_boards
Revises: 0008_delivery
Create Date: 2026-11-29 19:10:00
"""

from __future__ import annotations

from alembic import op

revision = '0009_boards'
down_revision = '0008_delivery'
branch_labels = None
depends_on = None

OLD = ('greenhouse', 'lever', 'lever_eu', 'ashby')
NEW = (*OLD, 'smartrecruiters', 'recruitee', 'workable', 'workday', 'personio', 'teamtailor', 'bamboohr', 'icims', 'careers_page')


def _listed(sources: tuple[str, ...]) -> str:
    return "source IN (" + ", ".join(f"'{s}'" for s in sources) + ")"


def upgrade() -> None:
    op.drop_constraint(op.f('ck_watched_companies_source_known'), 'watched_companies', type_='check')
    op.create_check_constraint(op.f('ck_watched_companies_source_known'), 'watched_companies', _listed(NEW))


def downgrade() -> None:
    op.execute("DELETE FROM watched_companies WHERE NOT (" + _listed(OLD) + ")")
    op.drop_constraint(op.f('ck_watched_companies_source_known'), 'watched_companies', type_='check')
    op.create_check_constraint(op.f('ck_watched_companies_source_known'), 'watched_companies', _listed(OLD))
