"""POST /uploads/resume: a multipart upload (field "file") with a Bearer token: a sign-in's access
token, or a personal access token with the profile:write scope.

The body is capped while it streams (the app's BodyLimit has a larger cap for this path only,
and the file part is checked against RESUME_MAX_BYTES here), so an oversized upload is refused
with 413 before it is stored. The answer is 202 with the pending upload's global id; the worker
parses it and the status moves to completed or failed (query `node(id)` or `resumeUploads`).
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse

from api.config import get_settings
from api.db import unit_of_work
from api.errors import AppError, RateLimited
from api.graphql.relay import encode_id
from api.resume import service
from api.security import client_address
from api.token.auth import authenticate
from api.vocabulary import TokenScope

UPLOAD_OVERHEAD_BYTES = 64 * 1024  # multipart boundaries and part headers around the file


def _error(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "code": code}}, status_code=status)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


async def upload_resume(request: Request) -> JSONResponse:
    settings = get_settings()
    principal = await authenticate(settings, request.headers.get("authorization"), client_address(request.scope, settings))
    user_id = principal.user_id
    if user_id is None:
        return _error(401, principal.error or "Authentication required", "UNAUTHENTICATED")
    if principal.scopes is not None and TokenScope.PROFILE_WRITE not in principal.scopes:
        return _error(403, "This access token cannot upload a résumé: it needs the profile:write scope", "FORBIDDEN")
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return _error(415, "Send the file as multipart/form-data in a field named 'file'.", "INVALID")
    cap = settings.resume_max_bytes
    try:
        async with request.form(max_files=1, max_fields=5) as form:
            part = form.get("file")
            if not isinstance(part, UploadFile):
                return _error(400, "No file in the 'file' field.", "REQUIRED")
            content = await part.read(cap + 1)
            filename = part.filename
    except MultiPartException as error:
        return _error(400, f"The upload is not valid multipart/form-data: {error.message}", "INVALID")
    if len(content) > cap:
        return _error(413, f"The file is larger than the {_mb(cap)} limit.", "TOO_LARGE")
    try:
        async with unit_of_work() as session:
            upload = await service.create_upload(session, user_id, filename, content)
    except AppError as error:
        response = _error(429, error.message, error.code.value)
        if isinstance(error, RateLimited) and error.retry_after is not None:
            response.headers["retry-after"] = str(error.retry_after)
        return response
    return JSONResponse(
        {
            "id": encode_id("ResumeUpload", upload.id),
            "status": "PENDING",
            "filename": upload.filename,
            "size": upload.size,
        },
        status_code=202,
    )
