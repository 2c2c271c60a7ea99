"""Resume file parsing in a sandboxed child process.

    parsed = parse_resume_pdf(path_or_bytes)                  # PDF only
    parsed = parse_resume(path_or_bytes)                      # PDF or DOCX
    parsed = await aparse_resume(path_or_bytes)               # same, off the event loop

Cheap checks run in the calling process BEFORE any parser touches the file: size cap,
file type (magic bytes), PDF end-of-file marker (truncation), a raw page-object count.
The parsing itself runs in `python -m api.resume.sandbox` with RLIMIT_CPU, RLIMIT_AS and a
wall-clock timeout (the child is killed when it expires). A hostile file can therefore only
kill the child; the caller gets a ResumeParseError(code, message).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from api.resume.extract import ParsedResume, extract_resume

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
Source = str | os.PathLike[str] | bytes | bytearray | memoryview  # a path or the file's bytes
_PAGE_OBJ = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

# error codes
NOT_PDF = "NOT_PDF"  # also used for "neither PDF nor DOCX"
CORRUPT = "CORRUPT"
TOO_LARGE = "TOO_LARGE"
TOO_MANY_PAGES = "TOO_MANY_PAGES"
LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
TIMEOUT = "TIMEOUT"
ENCRYPTED = "ENCRYPTED"
EMPTY = "EMPTY"  # parsed fine but no text (scanned image PDF)


class ResumeParseError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ParseLimits:
    max_bytes: int = 5 * 1024 * 1024
    max_pages: int = 20
    cpu_seconds: int = 10
    memory_bytes: int = 512 * 1024 * 1024  # address space of the child (interpreter + libraries included)
    wall_seconds: float = 20.0
    max_text_chars: int = 200_000


@dataclass(frozen=True)
class ExtractedText:
    kind: str  # "pdf" | "docx"
    pages: int
    text: str
    truncated: bool = False
    document_date: date | None = None  # the PDF's own ModDate/CreationDate


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _read_source(source: Source, limits: ParseLimits) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > limits.max_bytes:
            raise ResumeParseError(TOO_LARGE, f"The file is {_mb(len(data))}; the limit is {_mb(limits.max_bytes)}.")
        return data
    path = Path(source)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ResumeParseError(NOT_PDF, f"Cannot read the file: {e.strerror or e}.") from None
    if size > limits.max_bytes:
        raise ResumeParseError(TOO_LARGE, f"The file is {_mb(size)}; the limit is {_mb(limits.max_bytes)}.")
    with path.open("rb") as f:
        data = f.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:  # grew while we looked
        raise ResumeParseError(TOO_LARGE, f"The file is larger than {_mb(limits.max_bytes)}.")
    return data


def sniff_kind(data: bytes) -> str | None:
    """'pdf', 'docx' or None."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
    return None


def _precheck_pdf(data: bytes, limits: ParseLimits) -> None:
    if b"%%EOF" not in data[-8192:]:
        raise ResumeParseError(CORRUPT, "The PDF is truncated or incomplete (no end-of-file marker); upload the file again.")
    pages = len(_PAGE_OBJ.findall(data))
    if pages > limits.max_pages:
        raise ResumeParseError(TOO_MANY_PAGES, f"The PDF has about {pages} pages; résumés are limited to {limits.max_pages}.")


def _run_sandbox(data: bytes, kind: str, limits: ParseLimits) -> dict:
    payload = json.dumps(
        {
            "kind": kind,
            "max_pages": limits.max_pages,
            "max_text_chars": limits.max_text_chars,
            "cpu_seconds": limits.cpu_seconds,
            "memory_bytes": limits.memory_bytes,
        }
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(_PROJECT_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "LANG": "C.UTF-8",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.resume.sandbox", payload],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=str(_PROJECT_ROOT),
        env=env,
        start_new_session=True,  # own process group: a timeout kills everything it started
        close_fds=True,
    )
    try:
        out, err = proc.communicate(data, timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ResumeParseError(TIMEOUT, f"Parsing took longer than {limits.wall_seconds:g} s and was stopped.") from None
    rc = proc.returncode
    if rc != 0:
        if rc in (-signal.SIGXCPU, -signal.SIGKILL) or b"MemoryError" in err[-2000:]:
            what = "CPU time" if rc == -signal.SIGXCPU else "resources"
            raise ResumeParseError(LIMIT_EXCEEDED, f"Parsing used more {what} than allowed and was stopped.")
        if rc < 0:
            raise ResumeParseError(LIMIT_EXCEEDED, f"The parser was stopped by signal {-rc}.")
        raise ResumeParseError(CORRUPT, "The file could not be parsed.")
    try:
        result = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ResumeParseError(CORRUPT, "The parser returned no usable result.") from None
    if not result.get("ok"):
        raise ResumeParseError(result.get("code", CORRUPT), result.get("message", "The file could not be parsed."))
    return result


def extract_text(
    source: Source,
    limits: ParseLimits | None = None,
    *,
    allow_docx: bool = True,
) -> ExtractedText:
    """Text of a PDF (or DOCX) résumé, extracted in the sandbox. Raises ResumeParseError."""
    limits = limits or ParseLimits()
    data = _read_source(source, limits)
    if not data:
        raise ResumeParseError(NOT_PDF, "The file is empty.")
    kind = sniff_kind(data)
    if kind is None or (kind == "docx" and not allow_docx):
        expected = "a PDF or DOCX" if allow_docx else "a PDF"
        raise ResumeParseError(NOT_PDF, f"The file is not {expected} document.")
    if kind == "pdf":
        _precheck_pdf(data, limits)
    r = _run_sandbox(data, kind, limits)
    dated = r.get("document_date")
    return ExtractedText(
        kind=r["kind"],
        pages=int(r["pages"]),
        text=r["text"].replace("\x00", ""),  # PDFs often carry NULs, which PostgreSQL text cannot hold
        truncated=bool(r.get("truncated")),
        document_date=date.fromisoformat(dated) if dated else None,
    )


def parse_resume(
    source: Source,
    limits: ParseLimits | None = None,
    *,
    vocabulary: Mapping[str, str] | None = None,
    today: date | None = None,
    allow_docx: bool = True,
) -> ParsedResume:
    """Extract text in the sandbox, then structured fields (pure Python) in this process."""
    ex = extract_text(source, limits, allow_docx=allow_docx)
    if not ex.text.strip():
        raise ResumeParseError(EMPTY, "No text found in the file. Is it a scanned image? Upload a text-based PDF or DOCX.")
    # "Present" means the day the document was written when the PDF says so, else today
    parsed = extract_resume(ex.text, vocabulary=vocabulary, today=today or ex.document_date)
    return parsed.model_copy(update={"pages": ex.pages, "source_kind": ex.kind, "truncated": ex.truncated})


def parse_resume_pdf(
    source: Source,
    limits: ParseLimits | None = None,
    *,
    vocabulary: Mapping[str, str] | None = None,
    today: date | None = None,
) -> ParsedResume:
    """PDF only (NOT_PDF for anything else)."""
    return parse_resume(source, limits, vocabulary=vocabulary, today=today, allow_docx=False)


async def aparse_resume(
    source: Source,
    limits: ParseLimits | None = None,
    *,
    vocabulary: Mapping[str, str] | None = None,
    today: date | None = None,
) -> ParsedResume:
    """`parse_resume` in a worker thread (the child process does the heavy lifting)."""
    return await asyncio.to_thread(parse_resume, source, limits, vocabulary=vocabulary, today=today)
