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
