"""Per-request loaders of career health."""

from __future__ import annotations

from api.graphql.loader import by_id_loader
from api.models import CareerHealthReport

CareerHealthReportByIdLoader = by_id_loader(CareerHealthReport)
