"""Export a generated document (title + Markdown body) as Markdown, PDF or DOCX.

The body is read by markdown-it-py with only what documents use switched on: '#'–'######'
headings (below '###' shown as '###'), '-' / '*' / '+' (and '•') bullets, '1.' / '1)' numbered
items, blank-line separated paragraphs whose line breaks are kept (letters, signatures), and
inline **bold** and *italic*. Everything else (links, code, HTML, tables) stays plain text.

PDF text uses a Unicode TrueType font (DejaVu Sans) when one is found
(`font_path`, api/document/fonts/, or the usual system locations); otherwise the
core Helvetica font is used and text is transliterated to Latin-1 ("Łódź" -> "Lodz",
"Привет" -> "Privet"), so export never fails on non-Latin-1 characters.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

FONT_CANDIDATES: tuple[Path, ...] = (
    Path(__file__).with_name("fonts") / "DejaVuSans.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"),
    Path("/usr/local/share/fonts/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
)

MIME_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class ExportDocument:
    title: str
    body: str
    author: str = ""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    kind: Literal["h1", "h2", "h3", "p", "bullet", "number"]
    runs: tuple[Run, ...]
    number: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


_MARKDOWN = MarkdownIt("zero").enable(["heading", "list", "emphasis", "newline"])
_BULLET_DOT = re.compile(r"^(\s*)•(?=\s)", re.M)  # "• item" lines, as letters often have them
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML (DOCX) cannot hold these


def _runs(inline: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    for token in inline.children or ():
        if token.type in ("strong_open", "strong_close"):
            bold += 1 if token.type == "strong_open" else -1
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
        else:
            text = "\n" if token.type in ("softbreak", "hardbreak") else token.content
            style = (bold > 0, italic > 0)
            if runs and (runs[-1].bold, runs[-1].italic) == style:
                runs[-1] = Run(runs[-1].text + text, *style)
            elif text:
                runs.append(Run(text, *style))
    return tuple(runs)


def parse_blocks(body: str) -> list[Block]:
    """Headings, paragraphs and list items, in order (nested list items come out flat)."""
    blocks: list[Block] = []
    kind: Literal["h1", "h2", "h3", "p", "bullet", "number"] = "p"
    number = 0
    for token in _MARKDOWN.parse(_BULLET_DOT.sub(r"\1-", _UNSAFE.sub("", body))):
        if token.type == "heading_open":
            kind = f"h{min(int(token.tag[1]), 3)}"  # type: ignore[assignment]
        elif token.type == "list_item_open":
            kind, number = ("number", int(token.info)) if token.info else ("bullet", 0)
        elif token.type == "inline":
            blocks.append(Block(kind, _runs(token), number))
            kind, number = "p", 0  # further paragraphs of a list item are plain paragraphs
    return blocks


# --------------------------------------------------------------------------- markdown


def to_markdown(doc: ExportDocument) -> str:
    body = doc.body.replace("\r\n", "\n").strip()
    first = body.split("\n", 1)[0].strip()
    if first.lstrip("# ").strip() == doc.title.strip() and first.startswith("#"):
        return body + "\n"
    return f"# {doc.title.strip()}\n\n{body}\n"


# --------------------------------------------------------------------------- transliteration

# fmt: off
_TRANSLIT = {
    # only characters OUTSIDE Latin-1 (ß, æ, ø, é ... are kept as they are)
    "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i", "ŋ": "ng", "‘": "'", "’": "'", "‚": ",",
    "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‒": "-", "−": "-", "•": "-", "◦": "-", "▪": "-", "…": "...",
    "€": "EUR", "™": "(TM)", "→": "->", "←": "<-", "\u00a0": " ", "\u200b": "", "✓": "v", "✔": "v",
}
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
                 "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g"], strict=True))
_GRK = dict(zip("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώς",
                ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "t", "y", "f",
                 "ch", "ps", "o", "a", "e", "i", "i", "o", "y", "o", "s"], strict=True))
# fmt: on


def transliterate(text: str) -> str:
    """Best-effort Latin-1 version of `text` (never raises)."""
    out: list[str] = []
    for ch in text:
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
            continue
        low = ch.lower()
        if low in _CYR or low in _GRK:
            t = _CYR.get(low, _GRK.get(low, ""))
            out.append(t.capitalize() if ch != low else t)
            continue
        try:
            ch.encode("latin-1")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        try:
            base.encode("latin-1")
            out.append(base if base else "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


# --------------------------------------------------------------------------- PDF


def _body_blocks(doc: ExportDocument) -> list[Block]:
    """The body's blocks without a top heading that repeats the title (the title is printed anyway)."""
    title = doc.title.strip()
    return [b for b in parse_blocks(doc.body) if not (b.kind == "h1" and b.text.strip() == title)]


def find_unicode_font(font_path: str | Path | None = None) -> Path | None:
    candidates = ([Path(font_path)] if font_path else []) + list(FONT_CANDIDATES)
    return next((p for p in candidates if p.is_file()), None)


def to_pdf(doc: ExportDocument, *, font_path: str | Path | None = None, unicode_font: bool = True) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(doc.title)
    if doc.author:
        pdf.set_author(doc.author)
    font = find_unicode_font(font_path) if unicode_font else None
    if font is not None:
        family = "DocFont"
        bold = font.with_name(font.stem + "-Bold" + font.suffix)
        oblique = font.with_name(font.stem + "-Oblique" + font.suffix)
        pdf.add_font(family, "", str(font))
        pdf.add_font(family, "B", str(bold if bold.is_file() else font))
        pdf.add_font(family, "I", str(oblique if oblique.is_file() else font))
        fix = lambda s: s  # noqa: E731
    else:
        family = "Helvetica"
        fix = transliterate
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def write_runs(runs: tuple[Run, ...], size: float, line_h: float) -> None:
        for run in runs:
            pdf.set_font(family, ("B" if run.bold else "") + ("I" if run.italic else ""), size)
            pdf.write(line_h, fix(run.text))
        pdf.ln(line_h)

    pdf.set_font(family, "B", 18)
    pdf.multi_cell(width, 9, fix(doc.title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    sizes = {"h1": 15, "h2": 13, "h3": 12}
    for block in _body_blocks(doc):
        if block.kind in sizes:
            pdf.ln(2)
            pdf.set_font(family, "B", sizes[block.kind])
            pdf.multi_cell(width, 7, fix(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block.kind in ("bullet", "number"):
            marker = ("• " if font is not None else "- ") if block.kind == "bullet" else f"{block.number}. "
            pdf.set_font(family, "", 11)
            pdf.set_x(pdf.l_margin + 4)
            pdf.write(6, marker)
            old = pdf.l_margin
            pdf.set_left_margin(old + 4 + pdf.get_string_width(marker))
            write_runs(block.runs, 11, 6)
            pdf.set_left_margin(old)
            pdf.set_x(old)
        else:
            write_runs(block.runs, 11, 6)
            pdf.ln(2)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- DOCX


def to_docx(doc: ExportDocument) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = doc.title
    if doc.author:
        d.core_properties.author = doc.author
    d.add_heading(doc.title, level=0)
    for block in _body_blocks(doc):
        if block.kind in ("h1", "h2", "h3"):
            d.add_heading(block.text, level=int(block.kind[1]))
            continue
        style = {"bullet": "List Bullet", "number": "List Number"}.get(block.kind)
        p = d.add_paragraph(style=style) if style else d.add_paragraph()
        for run in block.runs:
            added = p.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- dispatch


def safe_filename(title: str, ext: str) -> str:
    base = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()[:80] or "document"
    return f"{base}.{ext}"


def export_document(doc: ExportDocument, fmt: str) -> tuple[bytes, str, str]:
    """(content, mime type, suggested file name) for fmt in md | pdf | docx."""
    fmt = fmt.lower().lstrip(".")
    if fmt in ("md", "markdown"):
        return to_markdown(doc).encode("utf-8"), MIME_TYPES["md"], safe_filename(doc.title, "md")
    if fmt == "pdf":
        return to_pdf(doc), MIME_TYPES["pdf"], safe_filename(doc.title, "pdf")
    if fmt == "docx":
        return to_docx(doc), MIME_TYPES["docx"], safe_filename(doc.title, "docx")
    raise ValueError(f"unknown export format {fmt!r}; expected md, pdf or docx")
