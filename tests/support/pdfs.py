"""Tiny raw-PDF writer for tests (hostile and minimal documents)."""

from __future__ import annotations

import zlib
from datetime import date
from pathlib import Path


def build_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """objects[i] is the body of object i+1 (without 'n 0 obj'/'endobj'). Writes a valid xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, *, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` (latin-1) in Helvetica."""
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        safe = line.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + safe + b") Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            FONT,
            stream(content),
        ]
    )


def many_pages_pdf(n: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * n
    return build_pdf(objs)


def hidden_many_pages_pdf(n: int) -> bytes:
    """Many pages whose /Type is written so a raw byte scan cannot count them (only the parser can)."""
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /P#61ge /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * n  # '#61' = 'a' (PDF name escape)
    return build_pdf(objs)


def nested_pdf(depth: int) -> bytes:
    """A page whose resources contain `depth` nested arrays."""
    nested = b"[" * depth + b"]" * depth
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /X "
            + nested
            + b" >> /Contents 4 0 R >>",
            stream(b"BT /F1 12 Tf 72 700 Td (" + b"[" * 10 + b") Tj ET " + b"[" * depth + b"]" * depth),
            FONT,
        ]
    )


def bomb_pdf(decompressed_mb: int) -> bytes:
    """A content stream that inflates to `decompressed_mb` MB (a decompression bomb)."""
    co = zlib.compressobj(1)  # fast to build; ~230:1
    chunk = b" " * (1 << 20)
    parts = [co.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n")]
    for _ in range(decompressed_mb):
        parts.append(co.compress(chunk))
    parts.append(co.flush())
    data = b"".join(parts)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
            FONT,
        ]
    )


def text_heavy_pdf(n_ops: int) -> bytes:
    """One page with `n_ops` tiny text-show operators: cheap bytes, expensive layout analysis."""
    body = b"BT /F1 1 Tf " + b"1 0 Td (ab) Tj " * n_ops + b"ET"
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(body, compress=True),
            FONT,
        ]
    )


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "resumes"
TODAY = date(2025, 6, 1)


# A ToUnicode map sending "~" to U+0000: text extraction then yields real NUL characters, as
# PDFs made by some generators do.
NUL_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Nul def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <7E> <0000> endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end end"""


def nul_text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text extracts with a NUL character wherever a line has "~"."""
    ops = b"\n".join([b"BT /F1 11 Tf 72 760 Td 14 TL", *(b"(" + line.encode("latin-1") + b") Tj T*" for line in lines), b"ET"])
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            stream(ops),
            stream(NUL_CMAP),
        ]
    )
