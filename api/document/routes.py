"""GET /documents/{global id}/export?format=md|pdf|docx — the latest version as a file.

Bearer auth like /graphql, a personal access token with documents:read included (the SPA fetches it and saves the blob); another user's document,
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
from api.security import client_address
from api.token.auth import authenticate
from api.vocabulary import TokenScope

FORMATS = ("md", "pdf", "docx")


def _error(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "code": code}}, status_code=status)


async def export(request: Request) -> Response:
    settings = get_settings()
    principal = await authenticate(settings, request.headers.get("authorization"), client_address(request.scope, settings))
    user_id = principal.user_id
    if user_id is None:
        return _error(401, principal.error or "Authentication required", "UNAUTHENTICATED")
    if principal.scopes is not None and TokenScope.DOCUMENTS_READ not in principal.scopes:
        return _error(403, "This access token cannot read documents: it needs the documents:read scope", "FORBIDDEN")
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
