"""GET /documents/{global id}/export?format=md|pdf|docx — the latest version as a file.

Bearer auth like /graphql (the SPA fetches it and saves the blob); another user's document,
a malformed id or an id of another type are all 404, exactly like a missing one.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.config import get_settings
from api.db import read_session
from api.document import repository
from api.document.export import ExportDocument, export_document
from api.errors import NotFound
from api.graphql.relay import decode_id
from api.user.tokens import bearer_user

FORMATS = ("md", "pdf", "docx")


def _error(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "code": code}}, status_code=status)


async def export(request: Request) -> Response:
    user_id, auth_error = bearer_user(get_settings(), request.headers.get("authorization"))
    if user_id is None:
        return _error(401, auth_error or "Authentication required", "UNAUTHENTICATED")
    fmt = request.query_params.get("format", "md").lower()
    if fmt not in FORMATS:
        return _error(400, "format must be md, pdf or docx", "INVALID")
    try:
        document_id = decode_id(request.path_params["id"], "Document")
    except NotFound:
        return _error(404, "Document not found", "NOT_FOUND")
    async with read_session() as session:
        document = await repository.get(session, user_id, document_id)
        latest = await repository.latest_version(session, document_id) if document is not None else None
    if document is None:
        return _error(404, "Document not found", "NOT_FOUND")
    if latest is None:
        return _error(409, "The document has no text yet", "INVALID_TRANSITION")
    body, mime, filename = await asyncio.to_thread(export_document, ExportDocument(title=document.title, body=latest.text), fmt)
    return Response(
        body,
        media_type=mime,
        headers={"content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store"},
    )
