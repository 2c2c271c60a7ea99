"""Pure pipeline analytics over application rows.

An application row is a mapping or object with (all optional except status):
``status, source, created_at, applied_at, interview_at, offer_at, decided_at,
status_history`` where ``status_history`` is a list of ``{"status", "at"}``
mappings or ``(status, at)`` pairs.

Stages, in order: saved → applied → interview → offer → accepted. The app's own statuses read
as: interested = saved, declined = withdrawn (the person said no).
``rejected`` / ``withdrawn`` / ``ghosted`` end an application at the last
stage it reached.  An application *reached* a stage when it has that stage's
timestamp, the stage in its history, or a later stage (an offer implies an
interview implies applying).  A rejected / withdrawn application with no
other trace is counted as applied.

* funnel: counts reaching applied / interview / offer / accepted and the
  conversion percent from each stage to the next.
* response rate by source: of the applications that were applied, the share
  that moved beyond applied (interview, offer, accepted, or rejected after
  applying).
* applications per ISO week: by applied date (created date as a fallback).
* average days in each stage: from entering a stage to the next recorded
  event (next stage or the decision).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from api.dates import iso_week, to_datetime

__all__ = [
    "STAGES",
    "FunnelStep",
    "PipelineAnalytics",
    "SourceStats",
    "normalise_status",
    "pipeline_analytics",
]

STAGES = ("saved", "applied", "interview", "offer", "accepted")
FUNNEL = ("applied", "interview", "offer", "accepted")
ENDINGS = ("rejected", "withdrawn", "ghosted")
_RANK = {s: i for i, s in enumerate(STAGES)}
_STATUS_ALIASES = {
    "wishlist": "saved",
    "bookmarked": "saved",
    "interested": "saved",
    "draft": "saved",
    "new": "saved",
    "saved": "saved",
    "applied": "applied",
    "submitted": "applied",
    "application sent": "applied",
    "screening": "interview",
    "phone screen": "interview",
    "interviewing": "interview",
    "interview": "interview",
    "assessment": "interview",
    "technical": "interview",
    "onsite": "interview",
    "offer": "offer",
    "offered": "offer",
    "negotiating": "offer",
    "accepted": "accepted",
    "hired": "accepted",
    "offer accepted": "accepted",
    "rejected": "rejected",
    "not selected": "rejected",
    "withdrawn": "withdrawn",
    "withdrew": "withdrawn",
    "declined": "withdrawn",
    "offer declined": "withdrawn",
    "ghosted": "ghosted",
    "no response": "ghosted",
    "archived": "withdrawn",
}


def _field(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, Mapping) else getattr(row, name, None)


def normalise_status(status: Any) -> str | None:
    if status is None:
        return None
    s = str(status).strip().lower().replace("_", " ").replace("-", " ")
    return _STATUS_ALIASES.get(s, s or None)


@dataclass
class FunnelStep:
    stage: str
    count: int
    conversion_from_previous: float | None  # percent; None for the first step or a zero base

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SourceStats:
    source: str
    applied: int
    responses: int
    response_rate: float | None  # percent

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class PipelineAnalytics:
    total: int
    by_status: dict[str, int]
    funnel: list[FunnelStep]
    response_by_source: list[SourceStats]
    per_week: dict[str, int]  # ISO week -> applications
    avg_days_in_stage: dict[str, float | None]  # saved/applied/interview/offer -> days
    overall_response_rate: float | None = None

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "by_status": dict(self.by_status),
            "funnel": [f.to_dict() for f in self.funnel],
            "response_by_source": [s.to_dict() for s in self.response_by_source],
            "per_week": dict(self.per_week),
            "avg_days_in_stage": dict(self.avg_days_in_stage),
            "overall_response_rate": self.overall_response_rate,
        }


@dataclass
class _Timeline:
    status: str | None
    source: str
    events: dict[str, datetime] = field(default_factory=dict)  # stage/ending -> first time
    reached: int = -1  # highest stage rank reached
    ending: str | None = None


def _history(row: Any) -> list[tuple[str, datetime | None]]:
    out: list[tuple[str, datetime | None]] = []
    for h in _field(row, "status_history") or []:
        if isinstance(h, (tuple, list)):
            st, at = h[0], (h[1] if len(h) > 1 else None)
        else:
            st, at = _field(h, "status"), (_field(h, "at") or _field(h, "changed_at") or _field(h, "created_at"))
        st = normalise_status(st)
        if st:
            dt = to_datetime(at)
            out.append((st, dt))
    return out


def _timeline(row: Any) -> _Timeline:
    status = normalise_status(_field(row, "status"))
    t = _Timeline(status, str(_field(row, "source") or "unknown").strip() or "unknown")
    for stage, col in (
        ("saved", "created_at"),
        ("applied", "applied_at"),
        ("interview", "interview_at"),
        ("offer", "offer_at"),
    ):
        dt = to_datetime(_field(row, col))
        if dt:
            t.events[stage] = dt
    decided = to_datetime(_field(row, "decided_at"))
    seen = [s for s in t.events if s in _RANK]
    for st, at in _history(row):
        if st in _RANK or st in ENDINGS:
            if at and (st not in t.events or at < t.events[st]):
                t.events[st] = at
            seen.append(st)
    if status:
        seen.append(status)
    ranks = [_RANK[s] for s in seen if s in _RANK]
    t.reached = max(ranks) if ranks else -1
    endings = [s for s in seen if s in ENDINGS]
    t.ending = status if status in ENDINGS else (endings[-1] if endings and status not in _RANK else None)
    if t.ending and t.reached < _RANK["applied"]:
        t.reached = _RANK["applied"]  # rejected / withdrawn without trace: it was applied
    if decided:
        key = "accepted" if status == "accepted" else (t.ending or "decided")
        t.events.setdefault(key, decided)
        t.events["decided"] = decided
    elif "accepted" in t.events or (t.ending and t.ending in t.events):
        t.events["decided"] = t.events.get("accepted") or t.events[t.ending]  # type: ignore[index]
    return t


def _pct(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def pipeline_analytics(rows: Iterable[Any]) -> PipelineAnalytics:
    """Totals, funnel, response rate by source, per-week counts, average stage durations."""
    tls = [_timeline(r) for r in rows]
    by_status = Counter(t.status or "unknown" for t in tls)

    funnel: list[FunnelStep] = []
    prev = None
    for stage in FUNNEL:
        n = sum(1 for t in tls if t.reached >= _RANK[stage])
        funnel.append(FunnelStep(stage, n, None if prev is None else _pct(n, prev)))
        prev = n

    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t in tls:
        if t.reached < _RANK["applied"]:
            continue
        responded = t.reached > _RANK["applied"] or t.ending == "rejected"
        per_source[t.source][0] += 1
        per_source[t.source][1] += int(responded)
    sources = [SourceStats(s, a, r, _pct(r, a)) for s, (a, r) in per_source.items()]
    sources.sort(key=lambda s: (-s.applied, s.source.lower()))
    total_applied = sum(s.applied for s in sources)
    overall = _pct(sum(s.responses for s in sources), total_applied)

    weeks: Counter[str] = Counter()
    for t in tls:
        if t.reached < _RANK["applied"]:
            continue
        when = t.events.get("applied") or t.events.get("saved")
        if when:
            weeks[iso_week(when.date())] += 1
    per_week = dict(sorted(weeks.items()))

    durations: dict[str, list[float]] = defaultdict(list)
    order = ["saved", "applied", "interview", "offer", "decided"]
    for t in tls:
        for i, stage in enumerate(order[:-1]):
            start = t.events.get(stage)
            if start is None:
                continue
            end = next((t.events[n] for n in order[i + 1 :] if n in t.events and t.events[n] >= start), None)
            if end is not None:
                durations[stage].append((end - start).total_seconds() / 86400.0)
    avg = {s: (round(sum(durations[s]) / len(durations[s]), 1) if durations[s] else None) for s in order[:-1]}

    return PipelineAnalytics(len(tls), dict(sorted(by_status.items())), funnel, sources, per_week, avg, overall)
