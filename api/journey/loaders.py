"""Per-request loaders of the journey domain: one `WHERE … IN (…)` per batch, owner-filtered."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.db import read_session
from api.graphql.loader import OwnedLoader, by_id_loader
from api.journey import repository
from api.models import CareerContext, CareerJourney, Decision, Milestone, SkillSnapshot

Row = TypeVar("Row")


class ViewerRowLoader(OwnedLoader[int, Row]):
    """The viewer's one row of a kind (only the caller's own user id ever resolves), so the
    viewer fields that read it share one statement."""

    async def read(self, session: AsyncSession) -> Row | None:
        raise NotImplementedError

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Row]:
        if self.user_id not in keys:
            return {}
        async with read_session() as session:
            row = await self.read(session)
        return {self.user_id: row} if row else {}


CareerJourneyByIdLoader = by_id_loader(CareerJourney)


class CareerJourneyByUserIdLoader(ViewerRowLoader[CareerJourney]):
    async def read(self, session: AsyncSession) -> CareerJourney | None:
        return await repository.journey_for(session, self.user_id)


CareerContextByIdLoader = by_id_loader(CareerContext)


class CareerContextByUserIdLoader(ViewerRowLoader[CareerContext]):
    async def read(self, session: AsyncSession) -> CareerContext | None:
        return await repository.context_for(session, self.user_id)


DecisionByIdLoader = by_id_loader(Decision)
MilestoneByIdLoader = by_id_loader(Milestone)
SkillSnapshotByIdLoader = by_id_loader(SkillSnapshot)
