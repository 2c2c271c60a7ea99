from __future__ import annotations

import json
from collections.abc import AsyncGenerator

import strawberry
from graphql import GraphQLError
from strawberry import relay

from api import broker
from api.db import read_session
from api.document import repository, stream
from api.document.types import Document, DocumentStatus, DocumentStreamEvent
from api.errors import NotFound
from api.graphql.relay import decode_id
from api.models import Document as DocumentModel

FINISHED = (DocumentStatus.COMPLETED, DocumentStatus.FAILED)


async def _final(user_id: int, document_id: int) -> DocumentStreamEvent | None:
    """The closing event when the document is finished (its whole text replaces the streamed one)."""
    async with read_session() as session:
        document = await repository.get(session, user_id, document_id)
        if document is None or document.status not in FINISHED:
            return None
        latest = await repository.latest_version(session, document_id)
    return DocumentStreamEvent(
        offset=0,
        chunk=latest.text if latest else "",
        status=DocumentStatus(document.status),
        done=True,
        error=document.error,
        document=Document.from_model(document),
    )


async def _load(user_id: int, document_id: int) -> DocumentModel | None:
    async with read_session() as session:
        return await repository.get(session, user_id, document_id)


@strawberry.type
class DocumentSubscription:
    @strawberry.subscription(
        description="The text of a document as the worker writes it: first the text so far, then each new piece, "
        "and a last event (done) with the finished text or the error."
    )
    async def document_stream(self, info: strawberry.Info, id: relay.GlobalID) -> AsyncGenerator[DocumentStreamEvent, None]:
        # Read here, not by a permission class: signed out, the refusal is the stream's first
        # result (`next` with errors), as before; a permission would fail the subscribe message.
        user_id = info.context.viewer_id
        try:
            document_id = decode_id(id, "Document")
        except NotFound:
            raise GraphQLError("Document not found") from None
        # Listen before reading the text so far: every piece is either in it or arrives after.
        async with broker.hub().listen(broker.channel(stream.CHANNEL, document_id)) as listener:
            document = await _load(user_id, document_id)
            if document is None:
                raise GraphQLError("Document not found")
            final = await _final(user_id, document_id)
            if final is not None:
                yield final
                return
            so_far = max(await stream.snapshot(document_id), document.draft, key=len)
            length = len(so_far)
            yield DocumentStreamEvent(offset=0, chunk=so_far, status=DocumentStatus(document.status), done=False)
            while True:
                woken = await listener.wait(30.0)
                messages, lost = listener.take()
                if not woken or lost:  # quiet, or Redis reconnected: read the truth again
                    final = await _final(user_id, document_id)
                    if final is not None:
                        yield final
                        return
                    if lost:  # pieces may be missing: resynchronise from the snapshot
                        snapshot = await stream.snapshot(document_id)
                        if len(snapshot) > length:
                            yield DocumentStreamEvent(
                                offset=length, chunk=snapshot[length:], status=DocumentStatus.STREAMING, done=False
                            )
                            length = len(snapshot)
                for raw in messages:
                    data = json.loads(raw)
                    if "status" in data:
                        final = await _final(user_id, document_id)
                        if final is not None:
                            yield final
                            return
                        continue
                    offset, chunk = int(data["offset"]), data["chunk"]
                    if offset == 0 and not chunk:  # a new generation started over
                        length = 0
                        yield DocumentStreamEvent(offset=0, chunk="", status=DocumentStatus.STREAMING, done=False)
                        continue
                    if offset + len(chunk) <= length:
                        continue  # already part of the text so far
                    if offset > length:  # a gap (cannot happen with the snapshot protocol): resynchronise
                        chunk, offset = await stream.snapshot(document_id), 0
                        length = 0
                    tail = chunk[length - offset :]
                    yield DocumentStreamEvent(offset=length, chunk=tail, status=DocumentStatus.STREAMING, done=False)
                    length += len(tail)
