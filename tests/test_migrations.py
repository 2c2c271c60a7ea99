from __future__ import annotations

import asyncio
import uuid

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import create_async_engine

from api.models import Base
from tests.support.services import ROOT, create_database, drop_database, migrate


def _diff(database_url: str) -> list:
    async def run() -> list:
        engine = create_async_engine(database_url.replace("postgresql://", "postgresql+asyncpg://"))
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata)
            )
        await engine.dispose()
        return diff

    return asyncio.run(run())


class TestMigrations:
    def test_there_is_exactly_one_head(self):
        # given the revisions on disk (branches that landed in parallel must be merged)
        script = ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini")))
        # when
        heads = script.get_heads()
        # then
        assert len(heads) == 1, f"several alembic heads {heads}: add a merge revision (alembic merge heads)"

    def test_models_and_migrations_agree_and_round_trip(self, services):
        # given
        name = f"cc_migr_{uuid.uuid4().hex[:8]}"
        url = create_database(services.server_url, name)
        try:
            # when
            migrate(url, "head")
            after_upgrade = _diff_in_thread(url)
            migrate(url, "base", "downgrade")
            migrate(url, "head")
            after_round_trip = _diff_in_thread(url)
        finally:
            drop_database(services.server_url, name)
        # then
        assert after_upgrade == [], after_upgrade
        assert after_round_trip == []


def _diff_in_thread(url: str) -> list:
    # The test loop is running; compare in a fresh loop on a worker thread.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_diff, url).result()


def _run(database_url: str, statements: list[tuple[str, tuple]]) -> list[list]:
    """Each statement's rows, on a fresh connection in a fresh loop on a worker thread."""
    from concurrent.futures import ThreadPoolExecutor

    import asyncpg

    async def run() -> list[list]:
        connection = await asyncpg.connect(database_url)
        try:
            return [[tuple(r) for r in await connection.fetch(sql, *args)] for sql, args in statements]
        finally:
            await connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


class TestScoresMigration:
    def test_scores_move_to_their_own_table_and_back(self, services):
        # given: a scored and an unscored job before 0017_rescore
        name = f"cc_migr_{uuid.uuid4().hex[:8]}"
        url = create_database(services.server_url, name)
        try:
            migrate(url, "0016_etag")
            [[(user_id,)]] = _run(
                url, [("INSERT INTO users (username, email, password_hash) VALUES ('m', 'm@x.org', 'x') RETURNING id", ())]
            )
            insert = (
                "INSERT INTO jobs (user_id, company, title, match_score, scored_at, score_breakdown) "
                "VALUES ($1, 'Acme', $2, $3, CASE WHEN $3::int IS NULL THEN NULL ELSE now() END, $4::jsonb) RETURNING id"
            )
            [[(scored,)], [(unscored,)]] = _run(
                url, [(insert, (user_id, "Scored", 87, '{"total": 87}')), (insert, (user_id, "New", None, None))]
            )
            # when
            migrate(url, "head")
            moved = _run(url, [("SELECT job_id, user_id, score, breakdown FROM job_scores ORDER BY job_id", ())])[0]
            migrate(url, "0016_etag", "downgrade")
            back = _run(url, [("SELECT id, match_score, score_breakdown FROM jobs ORDER BY id", ())])[0]
        finally:
            drop_database(services.server_url, name)
        # then: the score (with its breakdown) moved, the unscored job has no row; a downgrade puts them back
        assert moved == [(scored, user_id, 87, '{"total": 87}')]
        assert back == [(scored, 87, '{"total": 87}'), (unscored, None, None)]
