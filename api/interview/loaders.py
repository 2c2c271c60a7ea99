from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader, group
from api.interview import repository
from api.models import InterviewAnswer, InterviewSession


class InterviewSessionByIdLoader(OwnedLoader[int, InterviewSession]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, InterviewSession]:
        async with read_session() as session:
            return {s.id: s for s in await repository.by_ids(session, self.user_id, keys)}


class AnswersBySessionIdLoader(OwnedLoader[int, list[InterviewAnswer]]):
    def missing(self) -> list[InterviewAnswer]:
        return []

    async def load_many_from_db(self, keys: list[int]) -> dict[int, list[InterviewAnswer]]:
        async with read_session() as session:
            return group(await repository.answers_for(session, self.user_id, keys), "session_id")
