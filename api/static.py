"""The built web app's files: precompressed variants, and caching by whether the name is hashed.

`npm run build` writes `name.br` and `name.gz` next to every compressible file (web/scripts/
compress.mjs). A client that accepts brotli or gzip gets that variant with `Content-Encoding`;
everyone else the file itself. Files under /assets carry a content hash in their name, so they
are cached for a year as immutable; index.html is revalidated on every load (`no-cache`), so a
new build shows at once. Source maps are never served.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # in order of preference


def accepted(request: Request) -> set[str]:
    """The content codings the client accepts (q=0 refuses one)."""
    found = set()
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            found.add(coding.strip().lower())
    return found


def file_response(request: Request, path: Path, cache_control: str) -> Response:
    """`path` (which exists), or its best precompressed variant the client accepts."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"cache-control": cache_control, "vary": "accept-encoding"}
    codings = accepted(request)
    for coding, suffix in ENCODINGS:
        variant = path.with_name(path.name + suffix)
        if (coding in codings or "*" in codings) and variant.is_file():
            return FileResponse(variant, media_type=media_type, headers={**headers, "content-encoding": coding})
    return FileResponse(path, media_type=media_type, headers=headers)


def not_found() -> Response:
    return PlainTextResponse("Not Found", status_code=404)


def assets(directory: Path):
    """GET /assets/{path}: a hashed build file (never a source map or a precompressed variant by name)."""

    async def serve(request: Request) -> Response:
        name = request.path_params["path"]
        parts = name.split("/")
        if any(part in ("", ".", "..") or part.startswith(".") for part in parts) or name.endswith((".map", ".br", ".gz")):
            return not_found()
        path = directory.joinpath(*parts)
        if not path.is_file():
            return not_found()
        return file_response(request, path, IMMUTABLE)

    return serve
