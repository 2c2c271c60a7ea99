"""Market demand of a snapshot's skills, from the instance's own ingested postings. Pure.

The service asks the repository for one aggregate (`PostingCounts`: how many postings fall in
the window ``(as_of - N days, as_of]`` and the one before it, and how many of each mention each
wanted skill, by canonical key); `market_demand` turns that into a note per skill (stored with
`records.to_jsonable`):

* ``share`` - the fraction (0..1) of the window's postings that mention the skill;
* ``trend_percent`` - the change in mentions against the previous window, counted as the market
  trends do (`api.market.trends.skill_trends`): ``100 * (current - previous) / previous``, flat
  under ``FLAT_PERCENT``; ``None`` when there is no baseline (the skill is new, or the previous
  window has too few postings to compare);
* a sentence built from those numbers.

With fewer than ``MIN_POSTINGS`` postings in the window nothing is estimated: the note carries
only the count and a ``message`` saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from api.market.trends import FLAT_PERCENT, LOW_CONFIDENCE_TOTAL
from api.skill.taxonomy import canonical, canonical_key, default_taxonomy

WINDOW_DAYS = 90
MIN_POSTINGS = LOW_CONFIDENCE_TOTAL  # fewer postings than this in a window: no estimate from it


@dataclass(frozen=True)
class PostingCounts:
    """The answer of the one aggregate query over postings."""

    as_of: datetime
    window_days: int
    current_total: int  # postings in (as_of - window, as_of]
    previous_total: int  # postings in (as_of - 2 * window, as_of - window]
    mentions: dict[str, tuple[int, int]] = field(default_factory=dict)  # canonical key -> (current, previous)


@dataclass(frozen=True)
class MarketDemand:
    skill: str
    window_days: int
    as_of: datetime
    postings: int
    previous_postings: int
    sufficient: bool
    mentions: int | None = None
    previous_mentions: int | None = None
    share: float | None = None  # 0..1
    trend_percent: float | None = None
    trend: str | None = None  # up | down | flat | new | gone | none | unknown
    low_confidence: bool = False  # few mentions behind the trend
    sentence: str | None = None
    message: str | None = None  # why there is no estimate


def skill_forms(skills: list[str]) -> dict[str, str]:
    """Lowercased spelling -> canonical key for every spelling the taxonomy knows of each skill
    (its name and aliases), so postings that store an alias still count. A spelling that the
    taxonomy resolves to another skill is left out."""
    tx = default_taxonomy()
    forms: dict[str, str] = {}
    for skill in skills:
        key = canonical_key(skill)
        entry = tx.get(skill)
        for form in (entry.forms if entry else ()) + (skill, canonical(skill)):
            if form and canonical_key(form) == key:
                forms.setdefault(form.strip().lower(), key)
    return forms


def _pct(value: float) -> str:
    return f"{value:.0f}%" if value == int(value) else f"{value:g}%"


def _trend(mentions: int, previous: int, previous_total: int) -> tuple[float | None, str]:
    if previous_total < MIN_POSTINGS:
        return None, "unknown"
    if previous == 0:
        return None, ("none" if mentions == 0 else "new")
    pct = round(100.0 * (mentions - previous) / previous, 1)
    if mentions == 0:
        return pct, "gone"
    if abs(pct) < FLAT_PERCENT:
        return pct, "flat"
    return pct, ("up" if pct > 0 else "down")


def market_demand(skill: str, counts: PostingCounts) -> MarketDemand:
    """The note for one skill (any spelling; compared by canonical key)."""
    name, window = canonical(skill), counts.window_days
    base: dict[str, Any] = {
        "skill": name,
        "window_days": window,
        "as_of": counts.as_of,
        "postings": counts.current_total,
        "previous_postings": counts.previous_total,
    }
    if counts.current_total < MIN_POSTINGS:
        return MarketDemand(
            **base,
            sufficient=False,
            message=(f"Not enough postings yet: {counts.current_total} of {MIN_POSTINGS} needed in the last {window} days"),
        )
    mentions, previous = counts.mentions.get(canonical_key(skill), (0, 0))
    share = round(mentions / counts.current_total, 3)
    pct, trend = _trend(mentions, previous, counts.previous_total)
    low = trend not in ("unknown", "none") and mentions + previous < LOW_CONFIDENCE_TOTAL
    sentence = (
        f"{name} is in {_pct(round(100 * share, 1))} of the {counts.current_total} postings "
        f"of the last {window} days ({mentions})"
    )
    if trend == "unknown":
        sentence += f"; too few postings in the {window} days before ({counts.previous_total}) to tell a trend"
    elif trend == "new":
        sentence += f", new: none in the {window} days before"
    elif trend == "flat":
        sentence += f", about as many as in the {window} days before ({previous})"
    elif trend in ("up", "down", "gone") and pct is not None:
        sentence += f", {'up' if pct > 0 else 'down'} {_pct(abs(pct))} on the {window} days before ({previous})"
    if low:
        sentence += " (low confidence: few mentions)"
    return MarketDemand(
        **base,
        sufficient=True,
        mentions=mentions,
        previous_mentions=previous,
        share=share,
        trend_percent=pct,
        trend=trend,
        low_confidence=low,
        sentence=sentence + ".",
    )
