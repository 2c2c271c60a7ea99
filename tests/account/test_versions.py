"""Data versions (api.account.versions): PostgreSQL changes a person's version in the transaction
of every write to what they can read, whoever writes (a mutation, the worker, raw SQL)."""

from __future__ import annotations

from sqlalchemy import text

from api.account import versions
from api.account.tables import owned_tables
from api.account.tasks import data_versions_compact
from api.db import read_session, unit_of_work
from api.graphql.relay import decode_id
from api.matching.tasks import jobs_rescore_for_user
from api.models.base import Base
from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.matching import profiled_user, scored
from tests.support.versions import raw_sql, user_id_of, version_of
from tests.support.waiting import worker_idle

TRIGGERS = text(
    "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE NOT t.tgisinternal AND t.tgname LIKE 'data_version_%'"
)


class TestTriggers:
    async def test_every_table_but_the_unversioned_has_its_four_triggers(self, client):
        # given: the database at head (migrations/env.py syncs the triggers from the models)
        async with read_session() as session:
            found = {(row.relname, row.tgname) for row in await session.execute(TRIGGERS)}
        # when
        missing = [
            (table, trigger)
            for table in versions.versioned_tables()
            for trigger in [*versions.TRIGGERS.values(), versions.TRUNCATE_TRIGGER]
            if (table, trigger) not in found
        ]
        # then
        assert missing == []

    def test_every_owned_table_bumps_its_owners_version_not_the_shared_one(self):
        # given
        owned = [owned.table for owned in owned_tables() if owned.name not in versions.UNVERSIONED]
        # when
        shared = [table.name for table in owned if "user_id" not in (versions.owner_query(table) or "")]
        # then
        assert shared == []

    def test_an_unversioned_table_exists(self):
        # then: a renamed table must not leave a stale exception behind
        assert set(versions.UNVERSIONED) <= set(Base.metadata.tables)


class TestBumps:
    async def test_a_mutation_bumps_the_version(self, client):
        # given
        user = await signed_up(client)
        user_id = await user_id_of(user.username)
        before = await version_of(user_id)
        # when
        await create_job(user, title="Platform Engineer")
        # then
        assert (await version_of(user_id))[0] > before[0]

    async def test_the_worker_bumps_the_version(self, client, worker):
        # given: a scored job whose score is then lost (re-scoring writes only scores that change)
        user = await profiled_user(client)
        job_id = await create_job(user, title="Senior Python Engineer", description="Python and PostgreSQL.")
        await scored(user, job_id)
        user_id = await user_id_of(user.username)
        await raw_sql("DELETE FROM job_scores WHERE job_id = :id", id=decode_id(job_id, "Job"))
        before = await version_of(user_id)
        # when: the worker's re-scoring task runs
        await jobs_rescore_for_user({}, user_id)
        # then
        assert (await version_of(user_id))[0] > before[0]

    async def test_raw_sql_bumps_the_version(self, client):
        # given
        user = await signed_up(client)
        job_id = decode_id(await create_job(user), "Job")
        user_id = await user_id_of(user.username)
        before = await version_of(user_id)
        # when
        await raw_sql("UPDATE jobs SET title = 'Renamed by hand' WHERE id = :id", id=job_id)
        # then
        assert (await version_of(user_id))[0] > before[0]

    async def test_a_child_row_without_user_id_bumps_its_owners_version(self, client):
        # given: an application (its status history hangs from it, without a user_id)
        user = await signed_up(client)
        job_id = decode_id(await create_job(user), "Job")
        user_id = await user_id_of(user.username)
        await raw_sql("INSERT INTO applications (user_id, job_id, status) VALUES (:u, :j, 'applied')", u=user_id, j=job_id)
        before = await version_of(user_id)
        # when: only the history changes
        await raw_sql(
            "INSERT INTO application_status_changes (application_id, to_status) "
            "SELECT id, 'interview' FROM applications WHERE user_id = :u",
            u=user_id,
        )
        # then
        assert (await version_of(user_id))[0] > before[0]

    async def test_another_persons_write_leaves_my_version(self, client):
        # given
        me, other = await signed_up(client), await signed_up(client)
        my_id = await user_id_of(me.username)
        before = await version_of(my_id)
        # when
        await create_job(other)
        # then
        assert (await version_of(my_id))[0] == before[0]

    async def test_a_statement_changing_nothing_leaves_the_version(self, client):
        # given
        user = await signed_up(client)
        user_id = await user_id_of(user.username)
        before = await version_of(user_id)
        # when
        await raw_sql("UPDATE jobs SET title = 'x' WHERE user_id = :u", u=user_id)
        # then
        assert await version_of(user_id) == before

    async def test_a_shared_table_bumps_the_shared_version(self, client):
        # given
        user = await signed_up(client)
        user_id = await user_id_of(user.username)
        before = await version_of(user_id)
        # when
        await raw_sql("UPDATE guidance_rules SET conditions = conditions WHERE id = (SELECT min(id) FROM guidance_rules)")
        # then
        assert (await version_of(user_id))[1] > before[1]

    async def test_a_rolled_back_write_leaves_the_version(self, client):
        # given
        user = await signed_up(client)
        user_id = await user_id_of(user.username)
        before = await version_of(user_id)
        # when
        try:
            async with unit_of_work() as session:
                await session.execute(text("UPDATE users SET timezone = 'Asia/Tokyo' WHERE id = :u"), {"u": user_id})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        # then
        assert await version_of(user_id) == before


class TestCompaction:
    async def test_compaction_keeps_every_version(self, client):
        # given: several writes (by hand: no job of the worker writes for this person meanwhile)
        user = await signed_up(client)
        user_id = await user_id_of(user.username)
        await worker_idle()
        for _ in range(3):
            await raw_sql("UPDATE users SET timezone = timezone WHERE id = :u", u=user_id)
        before = await version_of(user_id)
        # when: the worker's cron
        await data_versions_compact({})
        # then
        assert await version_of(user_id) == before
        async with read_session() as session:
            rows = await session.execute(text("SELECT count(*) FROM data_changes WHERE owner_id = :u"), {"u": user_id})
            assert rows.scalar_one() == 1
