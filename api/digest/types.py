from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.digest.loaders import DeliveriesByDigestIdLoader, DigestByIdLoader
from api.graphql.enums import expose
from api.graphql.errors import FieldError
from api.graphql.mapping import Mapped
from api.graphql.node import OwnedNode
from api.graphql.relay import Connection
from api.vocabulary import DigestKind

if TYPE_CHECKING:
    from api.notification.types import Delivery

expose(DigestKind)


@strawberry.type
class DigestItem(Mapped):
    text: str
    detail: str | None = None
    href: str | None = strawberry.field(default=None, description='An in-app path ("/jobs/<id>")')


@strawberry.type
class DigestSection(Mapped):
    key: str = strawberry.field(
        description="matches, follow_ups, interviews, focus, insight, market; today, streak, pipeline, tomorrow"
    )
    title: str
    items: list[DigestItem]


@strawberry.type(name="Digest", description="A morning briefing or evening summary as it was written (the archive).")
class Digest(OwnedNode, loader=DigestByIdLoader):
    kind: DigestKind
    local_date: date = strawberry.field(description="The person's local date it is for")
    is_test: bool = strawberry.field(description='A preview ("send me a test now"); it does not take the day\'s digest')
    subject: str
    sections: list[DigestSection]
    text: str = strawberry.field(description="The plain-text rendering")
    created_at: datetime

    @strawberry.field(description="Where it was sent (email, push), with the outcome; in-app needs no delivery.")
    async def deliveries(self, info: strawberry.Info) -> list[Annotated["Delivery", strawberry.lazy("api.notification.types")]]:
        from api.notification.types import Delivery

        return [Delivery.from_model(row) for row in await DeliveriesByDigestIdLoader.of(info.context).load(self.id)]


@strawberry.type
class DigestConnection(Connection[Digest]):
    pass


@strawberry.input
class DigestPreviewInput:
    kind: DigestKind


@strawberry.type
class DigestPayload:
    digest: Digest | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
