"""Small normalisers shared by the adapters, and the client-side query filter."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from api.dates import to_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.matching.places import fold, place_matches
from api.vocabulary import JobType, RemoteOption

__all__ = [
    "filter_postings",
    "fold",
    "matches_query",
    "normalize_job_type",
    "normalize_remote",
    "parse_datetime",
    "split_location_mode",
    "split_locations",
]


def parse_datetime(value: object) -> datetime | None:
    """`api.dates.to_datetime` (ISO 8601 with any offset or none, which means UTC; dates) widened to
    what feeds send besides: epoch seconds or milliseconds (Lever's createdAt), as numbers or digit
    strings, and a lower-case 'z'."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{9,13}", value.strip()):
        value = int(value.strip())
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        value = re.sub(r"z$", "Z", value.strip())
    return to_datetime(value)


_JOB_TYPES = [
    (JobType.INTERNSHIP, re.compile(r"intern|praktik|trainee|werkstudent|working student|apprentice", re.I)),
    (JobType.TEMPORARY, re.compile(r"temp|short[\s_-]?term|fixed[\s_-]?term|seasonal|befristet", re.I)),
    (JobType.CONTRACT, re.compile(r"contract|freelance|contractor", re.I)),
    (JobType.PART_TIME, re.compile(r"part[\s_-]?time|teilzeit|parttime", re.I)),
    (JobType.FULL_TIME, re.compile(r"full[\s_-]?time|fulltime|vollzeit|^permanent full", re.I)),
]


def normalize_job_type(value: object) -> JobType | None:
    """Map 'FullTime', 'full_time', 'Full-time', 'Part-Time', 'Contract', 'Intern', 'Short Term'…"""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        for item in value:
            found = normalize_job_type(item)
            if found:
                return found
        return None
    text = str(value).strip()
    if not text:
        return None
    for job_type, pattern in _JOB_TYPES:
        if pattern.search(text):
            return job_type
    return None


def normalize_remote(value: object) -> RemoteOption | None:
    """'Remote'/'remote'/True → remote, 'Hybrid' → hybrid, 'OnSite'/'on-site'/'office' → onsite."""
    if value is None:
        return None
    if isinstance(value, bool):
        return RemoteOption.REMOTE if value else RemoteOption.ONSITE
    text = str(value).strip().lower()
    if not text or text in ("unspecified", "unknown", "null"):
        return None
    if "hybrid" in text:
        return RemoteOption.HYBRID
    if "remote" in text or "telecommute" in text or "anywhere" in text or "home" in text:
        return RemoteOption.REMOTE
    if re.search(r"on[\s_-]?site|in[\s_-]?office|office|in[\s_-]?person", text):
        return RemoteOption.ONSITE
    return None


_MODE_PREFIX = re.compile(
    r"^\s*(?P<mode>hybrid|remote|on[\s-]?site|in[\s-]?office)\s*(?:[-–—:|/,(]\s*|\s+(?:in|from)\s+)(?P<rest>.*?)\)?\s*$",
    re.I,
)
_MODE_SUFFIX = re.compile(r"^(?P<rest>.*?)\s*(?:[-–—|/,(]\s*)(?P<mode>hybrid|remote|on[\s-]?site)\)?\s*$", re.I)


def split_location_mode(location: str | None) -> tuple[str, RemoteOption | None]:
    """'Hybrid - London' → ('London', 'hybrid'); 'Remote' → ('', 'remote'); 'Berlin' → ('Berlin', None)."""
    if not location:
        return "", None
    text = " ".join(location.split())
    if normalize_remote(text) and re.fullmatch(r"(?i)(fully\s+)?(remote|hybrid|on[\s-]?site)", text):
        return "", normalize_remote(text)
    for pattern in (_MODE_PREFIX, _MODE_SUFFIX):
        match = pattern.match(text)
        if match and match.group("rest").strip():
            return match.group("rest").strip(), normalize_remote(match.group("mode"))
    return text, None


def split_locations(text: str | None, *, sep: str = r"[;,|]") -> list[str]:
    """'USA, Canada, Argentina' → ['USA', 'Canada', 'Argentina']."""
    if not text:
        return []
    return [part.strip() for part in re.split(sep, text) if part.strip()]


def _contains_term(haystack: str, term: str) -> bool:
    term = fold(term).strip()
    if not term:
        return True
    return re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", haystack) is not None


def matches_query(posting: NormalizedPosting, query: SourceQuery) -> bool:
    """Client-side filter used for feeds without server-side search.

    * keywords: any keyword (OR), whole-word, case/accent-insensitive, in title, company, tags
      or description;
    * locations: any query location and any posting location that can be the same place
      (`api.matching.places.place_matches`: "USA" keeps "Austin, TX", "Deutschland" keeps "Berlin",
      a posting "Worldwide" every place); a remote posting that names no place is open from anywhere;
      the query words "remote"/"anywhere"/"worldwide" keep every remote posting;
    * remote: True keeps only remote postings, False drops them, None keeps all.
    """
    if query.remote is True and posting.remote != "remote":
        return False
    if query.remote is False and posting.remote == "remote":
        return False
    if query.keywords:
        haystack = fold(" \n ".join([posting.title, posting.company, " ".join(posting.tags), posting.description]))
        if not any(_contains_term(haystack, kw) for kw in query.keywords):
            return False
    wanted = [loc.strip() for loc in query.locations if loc.strip()]
    if wanted:
        places = [loc for loc in posting.locations if loc and loc.strip()]
        remote = posting.remote == "remote"
        if not any(
            (remote and (fold(want) in _REMOTE_WORDS or not places)) or any(place_matches(want, place) for place in places)
            for want in wanted
        ):
            return False
    return True


_REMOTE_WORDS = frozenset({"remote", "anywhere", "worldwide"})


def filter_postings(postings: Iterable[NormalizedPosting], query: SourceQuery) -> list[NormalizedPosting]:
    return [p for p in postings if matches_query(p, query)]
