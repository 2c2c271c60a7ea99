"""Freshness: a cautious "possibly stale" signal for a posting, with the evidence behind it.

Pure: the caller gives the posting's dates, how often it was re-posted and the person's own history
with that company. The wording states facts ("Listed for 74 days"), never a verdict on the employer.

A posting is flagged only when one strong signal holds (the source's own expiry passed, or it was
re-posted twice or more) or at least two weaker ones agree (listed for more than 60 days; the person
applied to the company several times this year without any response).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from api.wording import plural, times

LONG_LISTED = timedelta(days=60)
STRONG_REPOSTS = 2
SILENT_APPLICATIONS = 3  # applications in the last year with no response, to count as a signal


@dataclass(frozen=True)
class CompanyHistory:
    """The person's applications to this company in the last year, and how many got a response."""

    company: str
    applications: int = 0
    responses: int = 0


@dataclass(frozen=True)
class Staleness:
    possibly_stale: bool
    evidence: list[str] = field(default_factory=list)


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b}"


def staleness(
    posted_at: datetime | None,
    first_seen_at: datetime | None,
    expires_at: datetime | None,
    repost_count: int,
    closed_at: datetime | None,
    company_history: CompanyHistory | None,
    now: datetime,
    *,
    first_posted_at: datetime | None = None,
) -> Staleness:
    """`first_posted_at`: when the earliest posting it repeats was posted (for "since Aug")."""
    strong: list[str] = []
    weak: list[str] = []
    if expires_at is not None and expires_at <= now:
        strong.append(f"The board's own expiry date passed on {_day(expires_at)}")
    if repost_count >= STRONG_REPOSTS:
        since = first_posted_at or posted_at
        suffix = f" since {since:%b}" if since is not None else ""
        strong.append(f"Re-posted {times(repost_count)}{suffix}")
    listed_since = min((d for d in (posted_at, first_seen_at) if d is not None), default=None)
    if closed_at is None and listed_since is not None and now - listed_since > LONG_LISTED:
        weak.append(f"Listed for {plural((now - listed_since).days, 'day')}")
    if company_history is not None and company_history.applications >= SILENT_APPLICATIONS and company_history.responses == 0:
        count = plural(company_history.applications, "application")
        weak.append(f"Your {count} to {company_history.company} this year got no response")
    flagged = bool(strong) or len(weak) >= 2
    return Staleness(possibly_stale=flagged, evidence=[*strong, *weak] if flagged else [])
