"""Per-request loaders of digests: by id (owner-filtered, for `node(id)`) and the deliveries of each
digest (one statement per batch, so a page of digests with their deliveries costs the same for 5 as for 100)."""

from __future__ import annotations

from api.digest import repository
from api.graphql.loader import by_id_loader, grouped_loader
from api.models import Digest

DigestByIdLoader = by_id_loader(Digest)
DeliveriesByDigestIdLoader = grouped_loader(repository.deliveries_by_digest_ids, "digest_id")
