from __future__ import annotations

from api.graphql.loader import by_id_loader
from api.models import PersonalAccessToken

PersonalAccessTokenByIdLoader = by_id_loader(PersonalAccessToken)
