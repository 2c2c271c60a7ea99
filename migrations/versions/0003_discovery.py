"""discovery: postings and their sources, saved searches, watched companies, source runs,
match feedback and weights, user skills, job imports; jobs gain posting link, origin, closed,
repost, score breakdown and full-text/trigram search

A branch of its own from 0001 (0002 is another); the project upgrades to "heads".

Revision ID: 0003
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # trigram indexes on jobs.title/company (typo-tolerant search); trusted since PostgreSQL 13
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('postings',
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('url', sa.String(length=2000), server_default='', nullable=False),
    sa.Column('canonical_url', sa.String(length=2000), server_default='', nullable=False),
    sa.Column('fuzzy_key', sa.String(length=700), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('locations', postgresql.ARRAY(sa.String(length=200)), server_default='{}', nullable=False),
    sa.Column('remote', sa.String(length=10), nullable=True),
    sa.Column('job_type', sa.String(length=20), nullable=True),
    sa.Column('salary_min', sa.Integer(), nullable=True),
    sa.Column('salary_max', sa.Integer(), nullable=True),
    sa.Column('salary_currency', sa.String(length=3), nullable=True),
    sa.Column('salary_period', sa.String(length=10), nullable=True),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('skills', postgresql.ARRAY(sa.String(length=80)), server_default='{}', nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('repost_of_id', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.ForeignKeyConstraint(['repost_of_id'], ['postings.id'], name=op.f('fk_postings_repost_of_id_postings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_postings'))
    )
    op.create_index('ix_postings_canonical_url', 'postings', ['canonical_url'], unique=False)
    op.create_index('ix_postings_fuzzy_key', 'postings', ['fuzzy_key'], unique=False)
    op.create_index('ix_postings_posted_at', 'postings', ['posted_at'], unique=False)
    op.create_table('match_weights',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('skills', sa.Float(), nullable=False),
    sa.Column('location', sa.Float(), nullable=False),
    sa.Column('experience', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('abs(skills + location + experience - 1) < 0.001', name=op.f('ck_match_weights_sum_one')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_match_weights_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_match_weights'))
    )
    op.create_table('posting_sources',
    sa.Column('posting_id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.String(length=200), nullable=False),
    sa.Column('board', sa.String(length=200), nullable=True),
    sa.Column('url', sa.String(length=2000), server_default='', nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], name=op.f('fk_posting_sources_posting_id_postings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posting_sources')),
    sa.UniqueConstraint('source', 'source_id', name='uq_posting_sources_source_source_id')
    )
    op.create_index(op.f('ix_posting_sources_posting_id'), 'posting_sources', ['posting_id'], unique=False)
    op.create_table('saved_searches',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('keywords', postgresql.ARRAY(sa.String(length=80)), server_default='{}', nullable=False),
    sa.Column('locations', postgresql.ARRAY(sa.String(length=120)), server_default='{}', nullable=False),
    sa.Column('remote', sa.Boolean(), nullable=True),
    sa.Column('sources', postgresql.ARRAY(sa.String(length=20)), server_default='{}', nullable=False),
    sa.Column('interval_hours', sa.Integer(), server_default='24', nullable=False),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('interval_hours BETWEEN 1 AND 720', name=op.f('ck_saved_searches_interval_hours_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_searches_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_searches'))
    )
    op.create_index('ix_saved_searches_next_run_at', 'saved_searches', ['next_run_at'], unique=False)
    op.create_index(op.f('ix_saved_searches_user_id'), 'saved_searches', ['user_id'], unique=False)
    op.create_table('user_skills',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('aliases', postgresql.ARRAY(sa.String(length=80)), server_default='{}', nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_skills_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_skills'))
    )
    op.create_index('uq_user_skills_user_id_lower_name', 'user_skills', ['user_id', sa.literal_column('lower(name)')], unique=True)
    op.create_table('watched_companies',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('board_token', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('interval_hours', sa.Integer(), server_default='24', nullable=False),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("source IN ('greenhouse', 'lever', 'lever_eu', 'ashby')", name=op.f('ck_watched_companies_source_known')),
    sa.CheckConstraint('interval_hours BETWEEN 1 AND 720', name=op.f('ck_watched_companies_interval_hours_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_watched_companies_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watched_companies')),
    sa.UniqueConstraint('user_id', 'source', 'board_token', name='uq_watched_companies_user_id_source_board_token')
    )
    op.create_index('ix_watched_companies_next_run_at', 'watched_companies', ['next_run_at'], unique=False)
    op.create_table('job_imports',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('status', sa.String(length=10), server_default='pending', nullable=False),
    sa.Column('preview', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('error_code', sa.String(length=40), nullable=True),
    sa.Column('job_id', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_job_imports_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_job_imports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_imports'))
    )
    op.create_index('ix_job_imports_user_id_id', 'job_imports', ['user_id', 'id'], unique=False)
    op.create_table('match_feedback',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('job_id', sa.BigInteger(), nullable=True),
    sa.Column('target', sa.String(length=12), nullable=False),
    sa.Column('rating', sa.SmallInteger(), nullable=False),
    sa.Column('parts', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('location_reason', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.CheckConstraint("target IN ('job', 'skills', 'location', 'experience')", name=op.f('ck_match_feedback_target_known')),
    sa.CheckConstraint('rating IN (-1, 1)', name=op.f('ck_match_feedback_rating_sign')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_match_feedback_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_match_feedback_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_feedback'))
    )
    op.create_index('ix_match_feedback_user_id_id', 'match_feedback', ['user_id', 'id'], unique=False)
    op.create_table('source_runs',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('saved_search_id', sa.BigInteger(), nullable=True),
    sa.Column('watched_company_id', sa.BigInteger(), nullable=True),
    sa.Column('label', sa.String(length=200), server_default='', nullable=False),
    sa.Column('trigger', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), server_default='pending', nullable=False),
    sa.Column('sources_total', sa.Integer(), server_default='0', nullable=False),
    sa.Column('sources_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('found', sa.Integer(), server_default='0', nullable=False),
    sa.Column('new', sa.Integer(), server_default='0', nullable=False),
    sa.Column('duplicates', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('matched', sa.Integer(), server_default='0', nullable=False),
    sa.Column('outcomes', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['saved_search_id'], ['saved_searches.id'], name=op.f('fk_source_runs_saved_search_id_saved_searches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_source_runs_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['watched_company_id'], ['watched_companies.id'], name=op.f('fk_source_runs_watched_company_id_watched_companies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_runs'))
    )
    op.create_index('ix_source_runs_saved_search_id', 'source_runs', ['saved_search_id'], unique=False)
    op.create_index('ix_source_runs_user_id_id', 'source_runs', ['user_id', 'id'], unique=False)
    op.create_index('ix_source_runs_watched_company_id', 'source_runs', ['watched_company_id'], unique=False)
    op.create_index('uq_source_runs_user_id_active_manual', 'source_runs', ['user_id'], unique=True, postgresql_where=sa.text("trigger = 'manual' AND status IN ('pending', 'running')"))
    op.add_column('jobs', sa.Column('posting_id', sa.BigInteger(), nullable=True))
    op.add_column('jobs', sa.Column('origin', sa.String(length=12), server_default='manual', nullable=False))
    op.add_column('jobs', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('jobs', sa.Column('is_repost', sa.Boolean(), server_default='false', nullable=False))
    op.add_column('jobs', sa.Column('score_breakdown', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column('jobs', sa.Column('search_vector', postgresql.TSVECTOR(), sa.Computed("setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(company, '')), 'B') || setweight(to_tsvector('english', coalesce(location, '')), 'C') || setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(requirements, '')), 'D')", persisted=True), nullable=False))
    op.create_index('ix_jobs_company_trgm', 'jobs', ['company'], unique=False, postgresql_using='gin', postgresql_ops={'company': 'gin_trgm_ops'})
    op.create_index('ix_jobs_posting_id', 'jobs', ['posting_id'], unique=False)
    op.create_index('ix_jobs_search_vector', 'jobs', ['search_vector'], unique=False, postgresql_using='gin')
    op.create_index('ix_jobs_title_trgm', 'jobs', ['title'], unique=False, postgresql_using='gin', postgresql_ops={'title': 'gin_trgm_ops'})
    op.create_index('uq_jobs_user_id_posting_id', 'jobs', ['user_id', 'posting_id'], unique=True)
    op.create_foreign_key(op.f('fk_jobs_posting_id_postings'), 'jobs', 'postings', ['posting_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    # pg_trgm stays installed: other schemas may use it and dropping it is not ours to decide
    op.drop_constraint(op.f('fk_jobs_posting_id_postings'), 'jobs', type_='foreignkey')
    op.drop_index('uq_jobs_user_id_posting_id', table_name='jobs')
    op.drop_index('ix_jobs_title_trgm', table_name='jobs', postgresql_using='gin', postgresql_ops={'title': 'gin_trgm_ops'})
    op.drop_index('ix_jobs_search_vector', table_name='jobs', postgresql_using='gin')
    op.drop_index('ix_jobs_posting_id', table_name='jobs')
    op.drop_index('ix_jobs_company_trgm', table_name='jobs', postgresql_using='gin', postgresql_ops={'company': 'gin_trgm_ops'})
    op.drop_column('jobs', 'search_vector')
    op.drop_column('jobs', 'score_breakdown')
    op.drop_column('jobs', 'is_repost')
    op.drop_column('jobs', 'closed_at')
    op.drop_column('jobs', 'origin')
    op.drop_column('jobs', 'posting_id')
    op.drop_index('uq_source_runs_user_id_active_manual', table_name='source_runs', postgresql_where=sa.text("trigger = 'manual' AND status IN ('pending', 'running')"))
    op.drop_index('ix_source_runs_watched_company_id', table_name='source_runs')
    op.drop_index('ix_source_runs_user_id_id', table_name='source_runs')
    op.drop_index('ix_source_runs_saved_search_id', table_name='source_runs')
    op.drop_table('source_runs')
    op.drop_index('ix_match_feedback_user_id_id', table_name='match_feedback')
    op.drop_table('match_feedback')
    op.drop_index('ix_job_imports_user_id_id', table_name='job_imports')
    op.drop_table('job_imports')
    op.drop_index('ix_watched_companies_next_run_at', table_name='watched_companies')
    op.drop_table('watched_companies')
    op.drop_index('uq_user_skills_user_id_lower_name', table_name='user_skills')
    op.drop_table('user_skills')
    op.drop_index(op.f('ix_saved_searches_user_id'), table_name='saved_searches')
    op.drop_index('ix_saved_searches_next_run_at', table_name='saved_searches')
    op.drop_table('saved_searches')
    op.drop_index(op.f('ix_posting_sources_posting_id'), table_name='posting_sources')
    op.drop_table('posting_sources')
    op.drop_table('match_weights')
    op.drop_index('ix_postings_posted_at', table_name='postings')
    op.drop_index('ix_postings_fuzzy_key', table_name='postings')
    op.drop_index('ix_postings_canonical_url', table_name='postings')
    op.drop_table('postings')
