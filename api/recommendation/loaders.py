"""Per-request loaders of career recommendations."""

from __future__ import annotations

from api.graphql.loader import by_id_loader
from api.models import CareerRecommendation

CareerRecommendationByIdLoader = by_id_loader(CareerRecommendation)
