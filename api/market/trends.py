"""Pure aggregation helpers for skill and salary trends.

Posting rows are ``(posted_date, skills)`` pairs (or mappings / objects with
``posted_date`` and ``skills``).  Skills are canonicalised through the
taxonomy and counted once per posting.

* ``weekly_skill_share`` – per ISO week: postings, and for each skill the
  count and the percent of that week's postings mentioning it.
* ``skill_trend`` / ``skill_trends`` – counts in the current window
  ``(as_of - N days, as_of]`` vs the previous one ``(as_of - 2N, as_of - N]``,
  percent change, a sentence, "new" for a zero baseline and a low-confidence
  flag when fewer than ``LOW_CONFIDENCE_TOTAL`` postings are behind it.
* ``salary_trend`` – salaries annualised (``api.discovery.salary.annualise``)
  and the median per month per currency for one role keyword.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from api.dates import iso_week, to_date, week_start
from api.discovery.salary import annualise
from api.skill.taxonomy import Taxonomy, default_taxonomy
from api.vocabulary import TrendStatus

__all__ = [
    "LOW_CONFIDENCE_TOTAL",
    "SalaryPoint",
    "SkillTrend",
    "WeeklyShare",
    "salary_trend",
    "skill_trend",
    "skill_trends",
    "trend_percent_map",
    "weekly_skill_share",
]

LOW_CONFIDENCE_TOTAL = 20  # fewer postings than this across both windows -> low confidence
FLAT_PERCENT = 5.0  # |change| below this is "flat"


def _field(row: Any, name: str, default: Any = None) -> Any:
    """Read ``name`` from a mapping or an object."""
    if isinstance(row, Mapping):
        return row.get(name, default)
    return getattr(row, name, default)


def _median(values: list[float]) -> float:
    vals = sorted(values)
    n = len(vals)
    if n == 0:
        raise ValueError("median of empty list")
    mid = n // 2
    return float(vals[mid]) if n % 2 else (vals[mid - 1] + vals[mid]) / 2.0


def _posting(row: Any) -> tuple[date | None, list[str]]:
    if isinstance(row, (tuple, list)):
        d, skills = row[0], row[1]
    else:
        d, skills = _field(row, "posted_date"), _field(row, "skills")
    return to_date(d), list(skills or [])


def _canon_set(skills: Iterable[str], tx: Taxonomy) -> dict[str, str]:
    return tx.canonical_set(skills)


# --------------------------------------------------------------------------- #
# weekly share
# --------------------------------------------------------------------------- #
@dataclass
class WeeklyShare:
    week: str  # ISO week "2025-W03"
    week_start: date
    postings: int
    counts: dict[str, int] = field(default_factory=dict)
    shares: dict[str, float] = field(default_factory=dict)  # percent of the week's postings

    def to_dict(self) -> dict:
        d = asdict(self)
        d["week_start"] = self.week_start.isoformat()
        return d


def weekly_skill_share(
    rows: Iterable[Any],
    skills: Iterable[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[WeeklyShare]:
    """Per ISO week, the share (percent, 1 decimal) of postings mentioning each skill.

    ``skills`` limits the output to those skills (reported even at 0).
    Weeks without postings between the first and last week are included with
    zero postings so charts have a continuous axis.
    """
    tx = taxonomy or default_taxonomy()
    wanted = _canon_set(skills, tx) if skills is not None else None
    totals: dict[date, int] = defaultdict(int)
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    for row in rows:
        d, sk = _posting(row)
        if d is None:
            continue
        ws = week_start(d)
        totals[ws] += 1
        for key, name in _canon_set(sk, tx).items():
            if wanted is not None and key not in wanted:
                continue
            names.setdefault(key, name)
            counts[ws][key] += 1
    if not totals:
        return []
    out: list[WeeklyShare] = []
    cur, last = min(totals), max(totals)
    report_keys = list(wanted) if wanted is not None else None
    if wanted is not None:
        names.update(wanted)
    while cur <= last:
        n = totals.get(cur, 0)
        c = counts.get(cur, {})
        keys = report_keys if report_keys is not None else sorted(c, key=lambda k: (-c[k], names[k].lower()))
        cnt = {names[k]: int(c.get(k, 0)) for k in keys}
        share = {names[k]: (round(100.0 * c.get(k, 0) / n, 1) if n else 0.0) for k in keys}
        out.append(WeeklyShare(iso_week(cur), cur, n, cnt, share))
        cur += timedelta(days=7)
    return out


# --------------------------------------------------------------------------- #
# window trend
# --------------------------------------------------------------------------- #
@dataclass
class SkillTrend:
    skill: str
    window_days: int
    as_of: date
    previous_count: int
    current_count: int
    previous_total: int  # all postings in the previous window
    current_total: int
    percent_change: float | None  # None when the baseline is zero
    status: TrendStatus
    low_confidence: bool
    sentence: str

    @property
    def previous_share(self) -> float:
        return round(100.0 * self.previous_count / self.previous_total, 1) if self.previous_total else 0.0

    @property
    def current_share(self) -> float:
        return round(100.0 * self.current_count / self.current_total, 1) if self.current_total else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["as_of"] = self.as_of.isoformat()
        d["previous_share"] = self.previous_share
        d["current_share"] = self.current_share
        return d


def _windows(window_days: int, as_of: date) -> tuple[date, date, date]:
    cur_start = as_of - timedelta(days=window_days)  # exclusive
    prev_start = as_of - timedelta(days=2 * window_days)  # exclusive
    return prev_start, cur_start, as_of


def _describe(name: str, window: int, prev: int, cur: int, low: bool) -> tuple[float | None, TrendStatus, str]:
    span = f"over {window} days, {prev} → {cur}"
    pct: float | None
    if prev == 0 and cur == 0:
        pct, status, s = None, TrendStatus.NONE, f"{name}: no postings in the last {window} days or the {window} before"
    elif prev == 0:
        pct, status, s = None, TrendStatus.NEW, f"{name} is new in postings {span}"
    else:
        pct = round(100.0 * (cur - prev) / prev, 1)
        if cur == 0:
            status = TrendStatus.GONE
        elif abs(pct) < FLAT_PERCENT:
            status = TrendStatus.FLAT
        else:
            status = TrendStatus.UP if pct > 0 else TrendStatus.DOWN
        sign = "+" if pct > 0 else ("±" if pct == 0 else "−")
        s = f"{name} {sign}{abs(pct):.0f}% in postings {span}"
    if low and status != TrendStatus.NONE:
        s += " (low confidence: few postings)"
    return pct, status, s + "."


def skill_trends(
    rows: Iterable[Any],
    window_days: int = 90,
    as_of: date | str | None = None,
    skills: Iterable[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> dict[str, SkillTrend]:
    """Trend for every skill seen in the two windows (or for ``skills``).

    ``as_of`` defaults to the latest posting date, so results are deterministic.
    Returned dict is keyed by canonical name, ordered by current count desc.
    """
    if window_days <= 0:
        raise ValueError("window_days must be positive")
    tx = taxonomy or default_taxonomy()
    data = [(d, sk) for d, sk in map(_posting, rows) if d is not None]
    end = to_date(as_of) if as_of is not None else (max(d for d, _ in data) if data else date.today())
    assert end is not None
    prev_start, cur_start, _ = _windows(window_days, end)
    wanted = _canon_set(skills, tx) if skills is not None else None
    prev_c: dict[str, int] = defaultdict(int)
    cur_c: dict[str, int] = defaultdict(int)
    prev_total = cur_total = 0
    names: dict[str, str] = dict(wanted or {})
    for d, sk in data:
        if cur_start < d <= end:
            bucket = cur_c
            cur_total += 1
        elif prev_start < d <= cur_start:
            bucket = prev_c
            prev_total += 1
        else:
            continue
        for key, name in _canon_set(sk, tx).items():
            if wanted is not None and key not in wanted:
                continue
            names.setdefault(key, name)
            bucket[key] += 1
    keys = list(wanted) if wanted is not None else list(names)
    out: dict[str, SkillTrend] = {}
    for key in sorted(keys, key=lambda k: (-cur_c.get(k, 0), -prev_c.get(k, 0), names[k].lower())):
        p, c = prev_c.get(key, 0), cur_c.get(key, 0)
        low = (p + c) < LOW_CONFIDENCE_TOTAL
        pct, status, sentence = _describe(names[key], window_days, p, c, low)
        out[names[key]] = SkillTrend(names[key], window_days, end, p, c, prev_total, cur_total, pct, status, low, sentence)
    return out


def skill_trend(
    rows: Iterable[Any],
    skill: str,
    window_days: int = 90,
    as_of: date | str | None = None,
    taxonomy: Taxonomy | None = None,
) -> SkillTrend:
    """Trend of one skill (see ``skill_trends``)."""
    tx = taxonomy or default_taxonomy()
    res = skill_trends(rows, window_days, as_of, [skill], tx)
    return res[tx.canonical(skill)]


def trend_percent_map(
    trends: Mapping[str, SkillTrend], new_as: float = 100.0, include_low_confidence: bool = True
) -> dict[str, float]:
    """skill -> percent change, for ``gaps.skill_gaps``.  "new" counts as ``new_as``."""
    out: dict[str, float] = {}
    for name, t in trends.items():
        if t.low_confidence and not include_low_confidence:
            continue
        if t.status == TrendStatus.NEW:
            out[name] = new_as
        elif t.percent_change is not None:
            out[name] = t.percent_change
    return out


# --------------------------------------------------------------------------- #
# salary
# --------------------------------------------------------------------------- #
@dataclass
class SalaryPoint:
    month: str  # "2025-03"
    currency: str
    median: float  # annualised
    count: int

    def to_dict(self) -> dict:
        return asdict(self)


def _salary_row(row: Any) -> tuple[Any, ...]:
    if isinstance(row, (tuple, list)):
        return tuple(row) + (None,) * (6 - len(row))
    return tuple(_field(row, k) for k in ("posted_date", "title", "salary_min", "salary_max", "currency", "period"))


def salary_trend(rows: Iterable[Any], role_keyword: str) -> list[SalaryPoint]:
    """Median annualised salary per month per currency for titles containing ``role_keyword``.

    Rows: ``(posted_date, title, salary_min, salary_max, currency, period)``.
    A row's salary is the midpoint of min and max (or whichever is present).
    Rows without a usable amount or with an unknown period are skipped.
    Sorted by month, then currency.
    """
    kw = re.compile(r"(?<!\w)" + re.escape(role_keyword.strip()) + r"(?!\w)", re.I)
    buckets: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in rows:
        d, title, lo, hi, cur, period = _salary_row(row)[:6]
        d = to_date(d)
        if d is None or not title or not kw.search(str(title)):
            continue
        vals = [float(v) for v in (lo, hi) if v is not None and float(v) > 0]
        if not vals:
            continue
        annual = annualise(sum(vals) / len(vals), period)
        if annual is None:
            continue
        buckets[(f"{d.year:04d}-{d.month:02d}", (cur or "?").upper())].append(annual)
    return [SalaryPoint(m, c, round(_median(v), 2), len(v)) for (m, c), v in sorted(buckets.items())]
