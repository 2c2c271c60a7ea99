"""Take your data with you, and bring it back.

GET  /export/archive.json       everything the person owns, one JSON archive (docs/export-format.md), streamed
GET  /export/jobs.csv           the jobs, with the application's status and applied date
GET  /export/applications.csv   the applications, with their dates and status history
POST /import/archive            an archive (the request body, JSON) into this empty account, one transaction
POST /import/applications.csv   past applications with their real dates (api/account/past.py), one transaction
GET  /account/email/confirm?token=…  the link mailed to a new address: the account moves to it (no auth: the link is it)
POST /import/resume.json        a JSON Resume into the profile and journey (api/account/jsonresume.py), one transaction

Bearer auth like /graphql (the SPA fetches them and saves or sends the file). Bodies over
`import_max_bytes` are refused with 413 before anything is read into the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from html import escape
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from api.account import email, jsonresume, past, service
from api.config import get_settings
from api.db import unit_of_work
from api.errors import AppError
from api.notification.tokens import InvalidLink
from api.security import client_address
from api.token.auth import authenticate
from api.token.service import granted
from api.vocabulary import TokenScope

T = TypeVar("T")

# What a personal access token needs for each download (imports take a signed-in session only).
ARCHIVE_SCOPES = frozenset({TokenScope.JOBS_READ, TokenScope.CAREER_READ, TokenScope.DOCUMENTS_READ, TokenScope.PROFILE_READ})
JOBS_SCOPES = frozenset({TokenScope.JOBS_READ})


def _error(status: int, message: str, code: str, field: str | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "code": code, "field": field}}, status_code=status)


async def _viewer(request: Request, needs: frozenset[str] | None = None) -> tuple[int | None, JSONResponse | None]:
    """The caller: a signed-in session, or a personal access token holding `needs` (None: a token
    is refused, as for imports, which only a person signed in may run)."""
    settings = get_settings()
    principal = await authenticate(settings, request.headers.get("authorization"), client_address(request.scope, settings))
    if principal.user_id is None:
        return None, _error(401, principal.error or "Authentication required", "UNAUTHENTICATED")
    if principal.scopes is not None:
        if needs is None:
            return None, _error(403, "An access token cannot do this: sign in instead", "FORBIDDEN")
        missing = sorted(needs - granted(principal.scopes))
        if missing:
            return None, _error(403, f"This access token needs the {', '.join(missing)} scope", "FORBIDDEN")
    return principal.user_id, None


def _download(body: object, media_type: str, filename: str) -> StreamingResponse:
    headers = {"content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store"}
    return StreamingResponse(body, media_type=media_type, headers=headers)  # type: ignore[arg-type]


async def export_archive(request: Request) -> Response:
    user_id, refused = await _viewer(request, ARCHIVE_SCOPES)
    if user_id is None:
        return refused  # type: ignore[return-value]
    now = datetime.now(UTC)
    name = f"career-companion-{now:%Y-%m-%d}.json"
    return _download(service.archive_chunks(user_id, now), "application/json", name)


async def export_jobs(request: Request) -> Response:
    user_id, refused = await _viewer(request, JOBS_SCOPES)
    if user_id is None:
        return refused  # type: ignore[return-value]
    return _download(service.jobs_csv(user_id), "text/csv; charset=utf-8", "jobs.csv")


async def export_applications(request: Request) -> Response:
    user_id, refused = await _viewer(request, JOBS_SCOPES)
    if user_id is None:
        return refused  # type: ignore[return-value]
    return _download(service.applications_csv(user_id), "text/csv; charset=utf-8", "applications.csv")


async def _body(request: Request) -> bytes | JSONResponse:
    limit = get_settings().import_max_bytes
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return _error(413, f"The file is larger than the import limit of {limit} bytes", "TOO_LARGE", "file")
    return body


async def _import(
    request: Request,
    read: Callable[[bytes], T],
    write: Callable[[AsyncSession, int, T], Awaitable[dict[str, int]]],
) -> Response:
    """A signed-in person's upload: bounded, read (refused with 400 before anything is written),
    then written in one unit of work; the counts of what was imported."""
    user_id, refused = await _viewer(request)
    if user_id is None:
        return refused  # type: ignore[return-value]
    body = await _body(request)
    if isinstance(body, JSONResponse):
        return body
    try:
        parsed = read(body)
        async with unit_of_work() as session:
            counts = await write(session, user_id, parsed)
    except AppError as error:
        return _error(400, error.message, error.code.value, error.field)
    return JSONResponse({"imported": counts})


async def import_archive(request: Request) -> Response:
    return await _import(request, service.parse_archive, service.import_archive)


def _past_applications(body: bytes) -> list[past.PastApplication]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise past.CsvRefused("The file is not UTF-8 text") from None
    return past.parse(text)


async def _import_past(session: AsyncSession, user_id: int, rows: list[past.PastApplication]) -> dict[str, int]:
    return {"applications": await past.import_past(session, user_id, rows)}


async def import_applications(request: Request) -> Response:
    return await _import(request, _past_applications, _import_past)


async def import_resume(request: Request) -> Response:
    return await _import(request, lambda body: jsonresume.parse(service.parse_archive(body)), jsonresume.apply)


def _page(title: str, message: str, status: int = 200) -> HTMLResponse:
    body = f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(message)}</p><p><a href='/settings'>Settings</a></p>"
    return HTMLResponse(body, status_code=status, headers={"cache-control": "no-store"})


async def confirm_email(request: Request) -> Response:
    try:
        async with unit_of_work() as session:
            address = await email.confirm(session, get_settings(), request.query_params.get("token", ""))
    except InvalidLink as error:
        return _page("This link does not work", str(error), 400)
    return _page("Address changed", f"You now sign in and get mail at {address}.")
