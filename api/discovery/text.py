"""HTML → clean text, and small text repairs shared by the adapters.

One set of rules turns start/end/data events into text: `html_to_text` feeds it from markup
(feed descriptions, with html.parser), `element_text` from a page already parsed by lxml, so a
page is parsed once.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from lxml.html import HtmlElement

__all__ = ["collapse_whitespace", "element_text", "escaped_html_to_text", "fix_mojibake", "html_to_text"]

# Elements whose whole content is dropped.
_SKIP_ALWAYS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "head"})
# Dropped as page chrome when extracting a page's main text.
CHROME_TAGS = frozenset({"nav", "footer", "header", "aside", "form", "button", "dialog", "menu"})
# Block elements that end a paragraph (blank line).
_PARA = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "main",
        "figure",
        "address",
        "hr",
    }
)
# Block elements that end a line.
_LINE = frozenset(
    {
        "div",
        "br",
        "tr",
        "li",
        "dt",
        "dd",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "figcaption",
        "caption",
        "fieldset",
        "legend",
        "details",
        "summary",
        "option",
        "body",
        "html",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"})
_UNFINISHED_TAG = re.compile(r"<[a-zA-Z/!][^>]*$")
_UNFINISHED_ENTITY = re.compile(r"&#?[a-zA-Z0-9]{1,8}$")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


class _TextBuilder:
    def __init__(self, skip: frozenset[str]) -> None:
        self.skip = skip
        self.parts: list[str | int] = []
        self.skip_stack: list[str] = []
        self.pre_depth = 0
        self.pending_bullet = False
        self.li_depth = 0

    def _brk(self, kind: str) -> None:
        # consecutive breaks merge into the strongest one
        if self.pending_bullet:
            return  # a <p> directly inside <li> stays on the bullet's line
        strength = 2 if kind == "\n\n" and not self.li_depth else 1
        if self.parts and isinstance(self.parts[-1], int):
            self.parts[-1] = max(self.parts[-1], strength)
        else:
            self.parts.append(strength)

    def start(self, tag: str) -> None:
        if self.skip_stack:
            if tag == self.skip_stack[-1] and tag not in _VOID:
                self.skip_stack.append(tag)
            return
        if tag in self.skip and tag not in _VOID:
            self.skip_stack.append(tag)
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag in _PARA:
            self._brk("\n\n")
        elif tag in _LINE:
            self._brk("\n")
        if tag == "li":
            self.pending_bullet = True
            self.li_depth += 1
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def start_end(self, tag: str) -> None:
        if self.skip_stack:
            return
        if tag in _PARA:
            self._brk("\n\n")
        elif tag in _LINE:
            self._brk("\n")

    def end(self, tag: str) -> None:
        if self.skip_stack:
            if tag == self.skip_stack[-1]:
                self.skip_stack.pop()
            return
        if tag == "li":
            self.pending_bullet = False
            self.li_depth = max(0, self.li_depth - 1)
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _PARA:
            self._brk("\n\n")
        elif tag in _LINE and tag != "br":
            self._brk("\n")

    def data(self, data: str) -> None:
        if self.skip_stack:
            return
        if not data.strip() and not self.pre_depth and (not self.parts or isinstance(self.parts[-1], int)):
            return  # inter-block whitespace
        if self.pending_bullet and data.strip():
            self.pending_bullet = False
            self.parts.append("- ")
            data = data.lstrip()
        if self.pre_depth:
            self.parts.append(data.replace("\n", "\x00"))  # kept as hard line breaks
        else:
            self.parts.append(re.sub(r"[\r\n\t]+", " ", data))

    def text(self) -> str:
        return _finish("".join("\n" * p if isinstance(p, int) else p for p in self.parts))


class _MarkupEvents(HTMLParser):
    def __init__(self, builder: _TextBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start_end(tag)

    def handle_endtag(self, tag: str) -> None:
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)


def _walk(element: HtmlElement, builder: _TextBuilder) -> None:
    """The events html.parser would give for the element's markup, tail included."""
    if isinstance(element.tag, str):  # comments and processing instructions: only their tail counts
        builder.start(element.tag)
        if element.text:
            builder.data(element.text)
        for child in element:
            _walk(child, builder)
        if element.tag not in _VOID:
            builder.end(element.tag)
    if element.tail:
        builder.data(element.tail)


def _finish(raw: str) -> str:
    raw = _INVISIBLE.sub("", raw)
    lines: list[str] = []
    for chunk in raw.split("\n"):
        line = " ".join(_SPACES.sub(" ", chunk.replace("\x00", "\n")).split(" "))
        line = re.sub(r"[ \t]*\n[ \t]*", "\n", line).strip(" ")
        # collapse any remaining whitespace runs (other than the pre line breaks)
        line = re.sub(r"[^\S\n]+", " ", line).strip()
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"(?m)^- *$", "", text)  # empty list items
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def html_to_text(markup: str | None, *, drop_chrome: bool = False) -> str:
    """Convert (possibly truncated) HTML to clean text.

    Block elements become newlines (paragraph-level ones a blank line), ``<li>`` become
    ``- `` lines, entities are decoded, scripts/styles are dropped, whitespace is collapsed.
    With ``drop_chrome`` navigation, headers, footers, forms and asides are dropped too.
    """
    if not markup:
        return ""
    builder = _TextBuilder(_SKIP_ALWAYS | CHROME_TAGS if drop_chrome else _SKIP_ALWAYS)
    events = _MarkupEvents(builder)
    # feeds trim descriptions mid-tag ('<p class="x" style="padding: 3'): drop the unfinished tag
    events.feed(_UNFINISHED_ENTITY.sub("", _UNFINISHED_TAG.sub("", markup)))
    events.close()
    return builder.text()


def element_text(element: HtmlElement) -> str:
    """`html_to_text` of an element of a parsed page (and its tail, as its markup would have),
    without serialising and parsing it again."""
    builder = _TextBuilder(_SKIP_ALWAYS)
    _walk(element, builder)
    return builder.text()


def escaped_html_to_text(escaped: str | None) -> str:
    """For feeds (Greenhouse ``content``, Arbeitnow ``description``) that ship HTML-escaped HTML."""
    if not escaped:
        return ""
    return html_to_text(html.unescape(escaped))


def collapse_whitespace(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(_SPACES.sub(" ", _INVISIBLE.sub("", text)).split())


_MOJIBAKE_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]+")


def fix_mojibake(text: str | None) -> str:
    """Repair UTF-8 text that was decoded as Latin-1 (e.g. ``MecÃ¡nico`` → ``Mecánico``).

    Only byte runs that form valid UTF-8 sequences are repaired, so clean text, text with
    genuine Latin-1 accents and truncated sequences are left alone.
    """
    if not text or max(text) < "\u00c2":
        return text or ""

    def repair(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            return run.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return run

    return _MOJIBAKE_RUN.sub(repair, text)
