"""Worker jobs of documents."""

from __future__ import annotations

from api.document.generation import generate_document


async def document_generate(ctx: dict, document_id: int, number: int, feedback: str | None = None) -> str:
    """Write version `number` of a document (idempotent by document and version number)."""
    return await generate_document(document_id, number, feedback)
