"""Live text of a document being generated, relayed through Redis.

The worker APPENDs each delta to `document:{id}:text` and PUBLISHes it (with its offset) in one
MULTI, so a subscriber that SUBSCRIBEs first and then GETs the key misses nothing: a delta is
either in the snapshot or published after the subscription. Redis is only the fast path; the
row's `draft` (saved every half second) and finally the version are the truth.
Messages: {"offset": n, "chunk": "..."}; {"status": "completed" | "failed"}.
"""

from __future__ import annotations

import json

from api import broker

CHANNEL = "document"
TEXT_TTL_SECONDS = 3600


def text_key(document_id: int) -> str:
    return broker.channel(CHANNEL, f"{document_id}:text")


async def reset(document_id: int) -> None:
    """A new generation starts: the old partial text is gone; subscribers restart at offset 0."""
    pool = await broker.pool()
    async with pool.pipeline(transaction=True) as pipe:
        pipe.delete(text_key(document_id))
        pipe.publish(broker.channel(CHANNEL, document_id), json.dumps({"offset": 0, "chunk": ""}))
        await pipe.execute()


async def append(document_id: int, offset: int, chunk: str) -> None:
    pool = await broker.pool()
    async with pool.pipeline(transaction=True) as pipe:
        pipe.append(text_key(document_id), chunk)
        pipe.expire(text_key(document_id), TEXT_TTL_SECONDS)
        pipe.publish(broker.channel(CHANNEL, document_id), json.dumps({"offset": offset, "chunk": chunk}))
        await pipe.execute()


async def finished(document_id: int, status: str) -> None:
    """After the final row is committed: wake subscribers so they read it, drop the buffer."""
    pool = await broker.pool()
    await pool.publish(broker.channel(CHANNEL, document_id), json.dumps({"status": status}))
    await pool.delete(text_key(document_id))


async def snapshot(document_id: int) -> str:
    value = await (await broker.pool()).get(text_key(document_id))
    return value.decode("utf-8", "replace") if value else ""
