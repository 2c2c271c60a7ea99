"""GET /calendar/{token}.ics — the secret calendar feed (no sign-in: the token is the key).

The token is looked up by its SHA-256 (only the hash is stored), so an unknown token and a revoked
one are the same 404 with nothing that tells them apart."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from api.calendar import service
from api.config import get_settings
from api.db import read_session
from api.errors import NotFound

HEADERS = {"cache-control": "private, no-store", "x-content-type-options": "nosniff"}


async def feed(request: Request) -> Response:
    public_url = get_settings().public_url
    host = (urlsplit(public_url).hostname if public_url else None) or request.url.hostname or "localhost"
    try:
        async with read_session() as session:
            body = await service.feed_calendar(session, request.path_params["token"], host)
    except NotFound:
        return PlainTextResponse("Not found", status_code=404, headers=HEADERS)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={**HEADERS, "content-disposition": 'inline; filename="career-companion.ics"'},
    )
