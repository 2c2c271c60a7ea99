"""Plain data types shared by every job source adapter (no DB, no GraphQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from api.vocabulary import JobType, RemoteOption, SalaryPeriod, values


@dataclass(frozen=True)
class SalaryRange:
    """A pay range. ``min``/``max`` may be equal (single figure); either may be None."""

    min: float | None
    max: float | None
    currency: str | None = None  # ISO 4217 code, e.g. "USD"
    period: SalaryPeriod | None = None

    def __post_init__(self) -> None:
        if self.period is not None and self.period not in values(SalaryPeriod):
            raise ValueError(f"invalid salary period {self.period!r}")
        if self.min is not None and self.max is not None and self.min > self.max:
            lo, hi = self.max, self.min
            object.__setattr__(self, "min", lo)
            object.__setattr__(self, "max", hi)


def _clean(text: str) -> str:
    return text.replace("\x00", "") if isinstance(text, str) else text


def web_url(url: str | None) -> str:
    """`url` when it is an absolute http(s) address without control characters, else ""."""
    candidate = (url or "").strip()
    try:
        parts = urlsplit(candidate) if candidate.isprintable() else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return candidate


@dataclass
class NormalizedPosting:
    """One job posting, normalised from any source."""

    source: str
    source_id: str
    url: str
    company: str
    title: str
    locations: list[str] = field(default_factory=list)
    remote: RemoteOption | None = None
    job_type: JobType | None = None
    salary: SalaryRange | None = None
    description: str = ""
    posted_at: datetime | None = None  # always timezone-aware when set
    tags: list[str] = field(default_factory=list)
    expires_at: datetime | None = None  # the source's validThrough / closing date, when it gives one

    def __post_init__(self) -> None:
        # Whatever a board sends: only a web address is kept as the link (no javascript:, data:…),
        # and no NUL characters, which PostgreSQL text cannot hold.
        self.url = web_url(self.url)
        self.source_id, self.company, self.title = _clean(self.source_id), _clean(self.company), _clean(self.title)
        self.description = _clean(self.description)
        self.locations = [_clean(place) for place in self.locations]
        self.tags = [_clean(tag) for tag in self.tags]
        if self.remote is not None and self.remote not in values(RemoteOption):
            raise ValueError(f"invalid remote mode {self.remote!r}")
        if self.job_type is not None and self.job_type not in values(JobType):
            raise ValueError(f"invalid job type {self.job_type!r}")
        if self.posted_at is not None and self.posted_at.tzinfo is None:
            raise ValueError("posted_at must be timezone-aware")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("expires_at must be timezone-aware")


@dataclass
class SourceQuery:
    """What to look for. Board-wide feeds are filtered client side with it."""

    keywords: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    remote: bool | None = None
    board_token: str | None = None  # company board token (slug; Workday 'tenant/site/wdN'; a careers page URL)
