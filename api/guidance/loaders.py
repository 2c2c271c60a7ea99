"""Per-request loaders of guidance: insights by id (owner-filtered) and the shared rules by id, one
statement per batch, so a list of insights with their rule names costs the same for 5 as for 100."""

from __future__ import annotations

from api.db import DriverRow
from api.graphql.loader import OwnedLoader, by_id_loader
from api.guidance import repository
from api.models import CareerInsight

InsightByIdLoader = by_id_loader(CareerInsight)


class GuidanceRuleByIdLoader(OwnedLoader[int, DriverRow | None]):
    """Rules belong to no one (every person sees the same rules), so this batch needs no owner filter."""

    async def load_many_from_db(self, keys: list[int]) -> dict[int, DriverRow | None]:
        return {rule.id: rule for rule in await repository.rules_by_ids(keys)}
