"""Per-request loaders of the journey domain: one `WHERE … IN (…)` per batch, owner-filtered.
`RowsByIdLoader` serves the goal domain's rows too."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.db import read_session
from api.graphql.loader import OwnedLoader
from api.journey import repository
from api.models import CareerContext, CareerJourney, Decision, Milestone, SkillSnapshot

Row = TypeVar("Row")


class RowsByIdLoader(OwnedLoader[int, Row]):
    """The caller's rows of `model` by id."""

    model: ClassVar[type]

    async def load_many_from_db(self, keys: list[int]) -> dict[int, Row]:
        async with read_session() as session:
            rows: list[Any] = await repository.owned_by_ids(session, self.model, self.user_id, keys)
        return {row.id: row for row in rows}


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


class CareerJourneyByIdLoader(RowsByIdLoader[CareerJourney]):
    model = CareerJourney


class CareerJourneyByUserIdLoader(ViewerRowLoader[CareerJourney]):
    async def read(self, session: AsyncSession) -> CareerJourney | None:
        return await repository.journey_for(session, self.user_id)


class CareerContextByIdLoader(RowsByIdLoader[CareerContext]):
    model = CareerContext


class CareerContextByUserIdLoader(ViewerRowLoader[CareerContext]):
    async def read(self, session: AsyncSession) -> CareerContext | None:
        return await repository.context_for(session, self.user_id)


class DecisionByIdLoader(RowsByIdLoader[Decision]):
    model = Decision


class MilestoneByIdLoader(RowsByIdLoader[Milestone]):
    model = Milestone


class SkillSnapshotByIdLoader(RowsByIdLoader[SkillSnapshot]):
    model = SkillSnapshot
