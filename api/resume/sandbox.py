"""Child-process entry point: `python -m api.resume.sandbox '<limits json>' < file`.

Runs in a separate process started by api.resume.parser. It lowers its own resource
limits (CPU seconds, address space) BEFORE importing any parser, reads the document from
stdin and writes one JSON object to stdout:

    {"ok": true, "kind": "pdf", "pages": 2, "text": "...", "truncated": false}
    {"ok": false, "code": "TOO_MANY_PAGES" | "CORRUPT" | "LIMIT_EXCEEDED" | ..., "message": "..."}

If a limit kills the process (SIGXCPU / SIGKILL) the parent maps the exit status.
Never import this module from the web/worker process; run it as a program.
"""

from __future__ import annotations

import io
import json
import re
import sys


def _apply_limits(cpu_seconds: int, memory_bytes: int) -> None:
    """Lower this process's limits (Linux). Where a limit cannot be set (other OSes), the
    parent's wall-clock timeout still applies."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return

    def lower(which: int, soft: int, hard: int | None = None) -> None:
        hard = soft if hard is None else hard
        try:
            _, current_hard = resource.getrlimit(which)
            if current_hard != resource.RLIM_INFINITY:  # cannot raise above the existing hard limit
                soft, hard = min(soft, current_hard), min(hard, current_hard)
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):  # pragma: no cover
            pass

    if cpu_seconds > 0:
        lower(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)  # SIGXCPU at the soft limit, SIGKILL one second later
    if memory_bytes > 0:
        lower(resource.RLIMIT_AS, memory_bytes)
    lower(resource.RLIMIT_CORE, 0)
    lower(resource.RLIMIT_FSIZE, 1 << 20)  # the parser has no business writing files


def _fail(code: str, message: str) -> dict:
    return {"ok": False, "code": code, "message": message}


def _pdf_text(data: bytes, max_pages: int, max_chars: int) -> dict:
    import logging

    logging.disable(logging.WARNING)  # pdfminer is chatty about broken fonts
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser)
        count = 0
        for _ in PDFPage.create_pages(doc):  # early stop: never walk more than max_pages + 1 pages
            count += 1
            if count > max_pages:
                return _fail("TOO_MANY_PAGES", f"The PDF has more than {max_pages} pages; résumés are limited to {max_pages}.")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return _fail("ENCRYPTED", "The PDF is password-protected; upload an unprotected copy.")
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as e:
        return _fail("CORRUPT", f"The PDF structure is damaged ({type(e).__name__}).")
    if count == 0:
        return _fail("CORRUPT", "The PDF has no readable pages.")

    import pdfplumber

    parts: list[str] = []
    total = 0
    truncated = False
    from api.resume.layout import page_text

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        meta = pdf.metadata or {}
        dated = meta.get("ModDate") or meta.get("CreationDate")
        for page in pdf.pages[:max_pages]:
            t = page_text(page.extract_words(x_tolerance=1.5), float(page.width), float(page.height))
            page.flush_cache()
            parts.append(t)
            total += len(t)
            if total > max_chars:
                truncated = True
                break
    text = "\n\n".join(parts)
    return {
        "ok": True,
        "kind": "pdf",
        "pages": count,
        "text": text[:max_chars],
        "truncated": truncated,
        "document_date": _pdf_date(dated),
    }


def _pdf_date(value: object) -> str | None:
    """'D:20150121001247-05'00'' -> '2015-01-21' (None when absent or unreadable)."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    m = re.match(r"^(?:D:)?((?:19|20)\d\d)(\d\d)(\d\d)", str(value or ""))
    if not m or not ("01" <= m.group(2) <= "12" and "01" <= m.group(3) <= "31"):
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def _docx_text(data: bytes, max_pages: int, max_chars: int) -> dict:
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        info = zf.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        return _fail("CORRUPT", "The DOCX file is damaged (no word/document.xml).")
    if info.file_size > 20 * 1024 * 1024:
        return _fail("LIMIT_EXCEEDED", "The DOCX document body is unreasonably large (zip bomb?).")
    import docx  # python-docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises assorted errors on bad XML
        return _fail("CORRUPT", f"The DOCX file could not be read ({type(e).__name__}).")
    lines: list[str] = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            cells: list[str] = []
            for c in row.cells:
                if c.text not in cells:
                    cells.append(c.text)
            lines.append(" | ".join(cells))
    text = "\n".join(lines)
    return {"ok": True, "kind": "docx", "pages": 1, "text": text[:max_chars], "truncated": len(text) > max_chars}


def main(argv: list[str]) -> int:
    limits = json.loads(argv[1]) if len(argv) > 1 else {}
    _apply_limits(int(limits.get("cpu_seconds", 10)), int(limits.get("memory_bytes", 512 * 1024 * 1024)))
    kind = limits.get("kind", "pdf")
    max_pages = int(limits.get("max_pages", 20))
    max_chars = int(limits.get("max_text_chars", 200_000))
    try:
        data = sys.stdin.buffer.read()
        result = _docx_text(data, max_pages, max_chars) if kind == "docx" else _pdf_text(data, max_pages, max_chars)
    except MemoryError:
        result = _fail("LIMIT_EXCEEDED", "Parsing the file needed more memory than allowed.")
    except RecursionError:
        result = _fail("LIMIT_EXCEEDED", "The file is nested too deeply to parse.")
    except Exception as e:  # libraries wrap errors (pdfplumber -> PdfminerException): look at the chain
        chain: list[BaseException] = []
        cur: BaseException | None = e
        while cur is not None and len(chain) < 10:
            chain.append(cur)
            cur = cur.__cause__ or cur.__context__
        if any(isinstance(x, MemoryError) for x in chain):
            result = _fail("LIMIT_EXCEEDED", "Parsing the file needed more memory than allowed.")
        elif any(isinstance(x, RecursionError) for x in chain):
            result = _fail("LIMIT_EXCEEDED", "The file is nested too deeply to parse.")
        else:
            result = _fail("CORRUPT", f"The file could not be parsed ({type(chain[-1]).__name__}).")
    out = json.dumps(result)
    sys.stdout.write(out)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
