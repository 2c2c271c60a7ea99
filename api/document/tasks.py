"""Worker jobs of documents."""

from __future__ import annotations

import json

from api import queue
from api.db import fail_stale
from api.document import repository, stream
from api.document.generation import generate_document
from api.models import Document

TIMED_OUT = "Writing the document took too long and was stopped. Please try again."


async def document_generate(ctx: dict, document_id: int, number: int, feedback: str | None = None) -> str:
    """Write version `number` of a document (idempotent by document and version number)."""
    return await generate_document(document_id, number, feedback)


async def documents_fail_stale(ctx: dict) -> int:
    """Cron: a document pending or being written for longer than PENDING_TIMEOUT_MINUTES fails with
    a retryable error, so it no longer blocks edits (a late job for it then finds nothing to do)."""
    return await fail_stale(repository.stale_busy, _time_out)


def _time_out(document: Document) -> None:
    document.status, document.error_code, document.error, document.draft = "failed", "TIMED_OUT", TIMED_OUT, ""
    queue.publish(stream.CHANNEL, document.id, json.dumps({"status": "failed"}))
