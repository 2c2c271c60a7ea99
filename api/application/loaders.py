from __future__ import annotations

from api.application import repository
from api.db import read_session
from api.graphql.loader import OwnedLoader, group
from api.models import Application, ApplicationStatusChange


class ApplicationByIdLoader(OwnedLoader[int, Application]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, Application]:
        async with read_session() as session:
            return {a.id: a for a in await repository.by_ids(session, self.user_id, keys)}


class ApplicationsByJobIdLoader(OwnedLoader[int, list[Application]]):
    def missing(self) -> list[Application]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[Application]]:
        async with read_session() as session:
            return group(await repository.by_job_ids(session, self.user_id, keys), "job_id")


class HistoryByApplicationIdLoader(OwnedLoader[int, list[ApplicationStatusChange]]):
    def missing(self) -> list[ApplicationStatusChange]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[ApplicationStatusChange]]:
        async with read_session() as session:
            return group(await repository.history_for(session, self.user_id, keys), "application_id")
