"""Per-request loaders of the journey domain: one `WHERE … IN (…)` per batch, owner-filtered."""

from __future__ import annotations

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.journey import repository
from api.models import CareerContext, CareerJourney, Decision, Milestone, SkillSnapshot


class CareerJourneyByIdLoader(OwnedLoader[int, CareerJourney]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, CareerJourney]:
        async with read_session() as session:
            return {j.id: j for j in await repository.journeys_by_ids(session, self.user_id, keys)}


class CareerJourneyByUserIdLoader(OwnedLoader[int, CareerJourney]):
    """The viewer's journey (only the caller's own user id ever resolves)."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, CareerJourney]:
        if self.user_id not in keys:
            return {}
        async with read_session() as session:
            journey = await repository.journey_for(session, self.user_id)
        return {self.user_id: journey} if journey else {}


class CareerContextByIdLoader(OwnedLoader[int, CareerContext]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, CareerContext]:
        async with read_session() as session:
            return {c.id: c for c in await repository.contexts_by_ids(session, self.user_id, keys)}


class CareerContextByUserIdLoader(OwnedLoader[int, CareerContext]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, CareerContext]:
        if self.user_id not in keys:
            return {}
        async with read_session() as session:
            context = await repository.context_for(session, self.user_id)
        return {self.user_id: context} if context else {}


class DecisionByIdLoader(OwnedLoader[int, Decision]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, Decision]:
        async with read_session() as session:
            return {d.id: d for d in await repository.decisions_by_ids(session, self.user_id, keys)}


class MilestoneByIdLoader(OwnedLoader[int, Milestone]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, Milestone]:
        async with read_session() as session:
            return {m.id: m for m in await repository.milestones_by_ids(session, self.user_id, keys)}


class SkillSnapshotByIdLoader(OwnedLoader[int, SkillSnapshot]):
    async def load_many_from_db(self, keys: list[int]) -> dict[int, SkillSnapshot]:
        async with read_session() as session:
            return {s.id: s for s in await repository.snapshots_by_ids(session, self.user_id, keys)}
