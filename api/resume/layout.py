"""Reading order of a résumé page from word positions (pure; the sandbox feeds it pdfplumber words).

    page_text(words, width, height) -> str

`words` are dicts with x0, x1, top, bottom and text (pdfplumber's `extract_words`). Lines are words
sharing a baseline. A two-column page has a gutter: a vertical band that no word crosses on most of the
lines below the header, with a real share of the text on either side. When there is one, the full-width
lines above it (name, contact) come first, then the left column, then the right column, so lines of the
two columns are never merged. Right-aligned dates of a one-column layout are not a gutter: their side
holds too little of the text. Page numbers and running footers ("John Doe – 1/3", "Page 2 of 3") in the
top or bottom margin are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Word = Mapping[str, Any]

_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|página|p\.)\s*)?\d{1,2}(?:\s*(?:/|of|von|de)\s*\d{1,2})?$|^.{0,60}?[–—|-]\s*(?:page\s*)?\d{1,2}\s*/\s*\d{1,2}$",
    re.I,
)
_MARGIN = 0.07  # share of the page height at the top and bottom where running headers/footers live
_MIN_SIDE_SHARE = 0.1  # each column holds at least this share of the words below the header
_MAX_CROSSING = 0.06  # at most this share of the body lines may cross the gutter


def _lines(words: Sequence[Word], tolerance: float = 3.0) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(float(w["top"]), 1), float(w["x0"]))):
        if rows and abs(float(rows[-1][0]["top"]) - float(w["top"])) <= tolerance:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: float(w["x0"])) for r in rows]


def _join(row: Sequence[Word]) -> str:
    out = ""
    prev_x1 = None
    for w in row:
        if prev_x1 is not None:
            out += " "
        out += str(w["text"])
        prev_x1 = float(w["x1"])
    return out


@dataclass(frozen=True)
class _Phrase:
    """Words of a row closer than a wide space: a run of text no gutter can pass through."""

    x0: float
    x1: float
    words: int
    text: str


def _phrases(row: Sequence[Word]) -> list[_Phrase]:
    out: list[_Phrase] = []
    for w in row:
        x0, x1 = float(w["x0"]), float(w["x1"])
        size = float(w["bottom"]) - float(w["top"])
        if out and x0 - out[-1].x1 < 0.6 * size:
            last = out[-1]
            out[-1] = _Phrase(last.x0, max(last.x1, x1), last.words + 1, f"{last.text} {w['text']}")
        else:
            out.append(_Phrase(x0, x1, 1, str(w["text"])))
    return out


_DATE_OR_PLACE = re.compile(
    r"(?:19|20)\d\d|\bpresent\b|\bnow\b|^[A-Z][\w .'-]+,\s*[A-Z][\w .'-]+$|^(?:19|20)\d\d|^[\d/.–—-]+$", re.I
)


def _date_column(rows: Sequence[str]) -> bool:
    """The side of a table-like layout that only holds dates and places (rendercv, moderncv, sb2nov)."""
    rows = [r for r in rows if r]
    dated = sum(1 for r in rows if _DATE_OR_PLACE.search(r))
    return bool(rows) and dated >= 0.5 * len(rows)


def find_gutter(rows: Sequence[Sequence[Word]], width: float) -> tuple[float, int] | None:
    """(x of the gutter, index of the first body row) or None for a one-column page."""
    if len(rows) < 8:
        return None
    phrases = [_phrases(r) for r in rows]
    best: tuple[float, int, float] | None = None  # x, first body row, score
    for step in range(int(width * 0.2), int(width * 0.8), 2):
        x = float(step)
        crossing = [any(p.x0 < x < p.x1 for p in row) for row in phrases]
        # the header: rows at the top that cross x (a centred name, a contact line)
        first = max((i + 1 for i, c in enumerate(crossing[: len(rows) // 4]) if c), default=0)
        body = phrases[first:]
        if len(body) < 8:
            continue
        crossed = sum(crossing[first:])
        if crossed > _MAX_CROSSING * len(body):
            continue
        left = sum(p.words for row in body for p in row if p.x1 <= x)
        right = sum(p.words for row in body for p in row if p.x0 >= x)
        total = left + right
        if not total or min(left, right) < _MIN_SIDE_SHARE * total:
            continue
        both = sum(1 for row in body if any(p.x1 <= x for p in row) and any(p.x0 >= x for p in row))
        if both < 3:  # columns side by side, not a heading above a list
            continue
        if _date_column([" ".join(p.text for p in row if p.x1 <= x) for row in body]) or _date_column(
            [" ".join(p.text for p in row if p.x0 >= x) for row in body]
        ):
            continue
        score = crossed * 1000 - min(left, right)
        if best is None or score < best[2]:
            best = (x, first, score)
    return (best[0], best[1]) if best else None


def _drop_margins(rows: list[list[Word]], height: float) -> list[list[Word]]:
    out = []
    for r in rows:
        top = float(r[0]["top"])
        in_margin = top < height * _MARGIN or top > height * (1 - _MARGIN)
        if in_margin and _PAGE_NUMBER.match(_join(r).strip()):
            continue
        out.append(r)
    return out


def page_text(words: Sequence[Word], width: float, height: float) -> str:
    rows = _drop_margins(_lines(words), height)
    gutter = find_gutter(rows, width)
    if gutter is None:
        return "\n".join(_join(r) for r in rows)
    x, first = gutter
    head = [_join(r) for r in rows[:first]]
    left: list[str] = []
    right: list[str] = []
    for r in rows[first:]:
        lw = [w for w in r if (float(w["x0"]) + float(w["x1"])) / 2 < x]
        rw = [w for w in r if (float(w["x0"]) + float(w["x1"])) / 2 >= x]
        if lw:
            left.append(_join(lw))
        if rw:
            right.append(_join(rw))
    return "\n".join([*head, *left, *right])
