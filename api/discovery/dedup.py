"""Pure de-duplication helpers: canonical URLs, fuzzy keys, and the NEW/SAME/REPOST decision."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from api.dates import aware
from api.discovery.postings import NormalizedPosting
from api.wording import plural

__all__ = [
    "REPOST_GAP",
    "Decision",
    "Deduplicator",
    "ExistingRecord",
    "Outcome",
    "canonical_url",
    "closed_postings",
    "decide",
    "fuzzy_key",
    "posting_fuzzy_key",
]

REPOST_GAP = timedelta(days=30)

_TRACKING_EXACT = frozenset(
    {
        "gh_src",
        "lever-source",
        "lever-source[]",
        "lever-origin",
        "lever-via",
        "lever_source",
        "lever_origin",
        "ashby_src",
        "source",
        "src",
        "ref",
        "ref_src",
        "referrer",
        "referer",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "igshid",
        "trk",
        "trackingid",
        "refid",
        "campaignid",
        "utm",
        "sc_cid",
        "s_kwcid",
        "_ga",
        "_gl",
        "si",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING_EXACT


def canonical_url(url: str) -> str:
    """Normalise a posting URL for comparison.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters (utm_*,
    gh_src, lever-source, fbclid, gclid, ref…) and trailing slashes, and sorts the remaining
    query parameters. Job-identifying parameters such as ``gh_jid`` are kept.
    """
    if not url:
        return ""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "https"
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" + (f":{port}" if port and port != _DEFAULT_PORTS.get(scheme) else "")
    path = re.sub(r"/{2,}", "/", parts.path or "").rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


_SENIORITY = {
    "sr": "senior",
    "snr": "senior",
    "sen": "senior",
    "senior": "senior",
    "jr": "junior",
    "jnr": "junior",
    "junior": "junior",
    "mid": "mid",
    "midlevel": "mid",
    "princ": "principal",
    "prin": "principal",
    "mgr": "manager",
    "mngr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "assoc": "associate",
    "asst": "assistant",
    "dir": "director",
    "vp": "vice president",
    "ii": "2",
    "iii": "3",
    "iv": "4",
}
_COMPANY_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "ltd",
        "limited",
        "gmbh",
        "ag",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "aps",
        "pty",
        "kg",
        "ug",
        "se",
        "group",
        "holdings",
    }
)
# gender markers in DACH postings: (m/w/d), (f/m/x), (x/f/m), (all genders), m/f/d …
_GENDER = re.compile(r"\(\s*(?:[mwfdxh]\s*/\s*)+[mwfdxh]\s*\)|\(\s*all genders?\s*\)|\b(?:[mwfd]/){2}[mwfdx]\b", re.I)


def _norm(text: str | None) -> list[str]:
    if not text:
        return []
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"[^\w]+", " ", text)
    return text.split()


def _norm_title(title: str | None) -> str:
    cleaned = _GENDER.sub(" ", title or "")
    words = [_SENIORITY.get(w, w) for w in _norm(cleaned)]
    return " ".join(words)


def _norm_company(company: str | None) -> str:
    words = _norm(company)
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def _norm_location(location: str | None) -> str:
    return " ".join(_norm(location))


def fuzzy_key(company: str | None, title: str | None, location: str | None) -> str:
    """'Acme, Inc.' / 'Sr. Backend Engineer (m/w/d)' / 'Berlin' → 'acme|senior backend engineer|berlin'."""
    return "|".join((_norm_company(company), _norm_title(title), _norm_location(location)))


def posting_fuzzy_key(posting: NormalizedPosting) -> str:
    """Fuzzy key of a posting: first location, or 'remote' for location-less remote postings."""
    location = posting.locations[0] if posting.locations else ("remote" if posting.remote == "remote" else "")
    return fuzzy_key(posting.company, posting.title, location)


@dataclass(frozen=True)
class ExistingRecord:
    id: str
    source: str
    source_id: str
    canonical_url: str
    fuzzy_key: str
    first_seen: datetime
    last_seen: datetime
    closed: bool = False


class Outcome(StrEnum):
    NEW = "NEW"
    SAME = "SAME"
    REPOST = "REPOST"


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    rule: str | None = None  # "source_id" | "canonical_url" | "fuzzy_key"
    match_id: str | None = None  # ExistingRecord.id that matched
    reason: str = ""


def decide(
    posting: NormalizedPosting,
    candidates: Iterable[ExistingRecord],
    *,
    now: datetime | None = None,
    gap: timedelta = REPOST_GAP,
    url_key: str | None = None,
    key: str | None = None,
) -> Decision:
    """Classify an incoming posting against existing records.

    Rules, strongest first:
    1. same ``source`` + ``source_id`` → SAME (rule ``source_id``), whatever its state;
    2. same canonical URL → SAME (rule ``canonical_url``);
    3. same fuzzy key: SAME (rule ``fuzzy_key``) when that record is open and was last seen within
       ``gap`` (30 days); REPOST when it is closed or older than the gap;
    otherwise NEW.
    """
    now = aware(now or datetime.now(UTC))
    url_key = canonical_url(posting.url) if url_key is None else url_key
    key = posting_fuzzy_key(posting) if key is None else key
    records = list(candidates)
    for rec in records:
        if rec.source == posting.source and rec.source_id == posting.source_id:
            return Decision(Outcome.SAME, "source_id", rec.id, f"same {posting.source} id {posting.source_id}")
    if url_key:
        for rec in records:
            if rec.canonical_url and rec.canonical_url == url_key:
                return Decision(Outcome.SAME, "canonical_url", rec.id, f"same URL as {rec.source}:{rec.source_id}")
    if key.strip("|"):
        fuzzy = [rec for rec in records if rec.fuzzy_key == key]
        if fuzzy:
            latest = max(fuzzy, key=lambda r: (not r.closed, aware(r.last_seen)))
            age = now - aware(latest.last_seen)
            if not latest.closed and age <= gap:
                return Decision(
                    Outcome.SAME, "fuzzy_key", latest.id, f"same company/title/location, last seen {plural(age.days, 'day')} ago"
                )
            why = "previous posting closed" if latest.closed else f"previous posting last seen {plural(age.days, 'day')} ago"
            return Decision(Outcome.REPOST, "fuzzy_key", latest.id, why)
    return Decision(Outcome.NEW, None, None, "no match")


class Deduplicator:
    """In-memory index over existing records for batch ingestion (O(1) lookups per posting).

    ``process`` decides and then records the posting (as a new record, or by refreshing the
    matched one's ``last_seen``), so duplicates inside one batch are caught too.
    """

    def __init__(self, records: Iterable[ExistingRecord] = (), *, gap: timedelta = REPOST_GAP) -> None:
        self.gap = gap
        self._by_id: dict[str, ExistingRecord] = {}
        self._by_source: dict[tuple[str, str], str] = {}
        self._by_url: dict[str, list[str]] = {}
        self._by_key: dict[str, list[str]] = {}
        self._counter = 0
        for rec in records:
            self._add(rec)

    def _add(self, rec: ExistingRecord) -> None:
        self._by_id[rec.id] = rec
        self._by_source[(rec.source, rec.source_id)] = rec.id
        if rec.canonical_url:
            self._by_url.setdefault(rec.canonical_url, []).append(rec.id)
        self._by_key.setdefault(rec.fuzzy_key, []).append(rec.id)

    def candidates(self, posting: NormalizedPosting, url_key: str, key: str) -> list[ExistingRecord]:
        ids: list[str] = []
        sid = self._by_source.get((posting.source, posting.source_id))
        if sid:
            ids.append(sid)
        ids.extend(self._by_url.get(url_key, []))
        ids.extend(self._by_key.get(key, []))
        return [self._by_id[i] for i in dict.fromkeys(ids)]

    def process(self, posting: NormalizedPosting, *, now: datetime | None = None) -> Decision:
        now = aware(now or datetime.now(UTC))
        url_key, key = canonical_url(posting.url), posting_fuzzy_key(posting)
        alias = self._by_source.get((posting.source, posting.source_id))
        if alias is not None and (self._by_id[alias].source, self._by_id[alias].source_id) != (
            posting.source,
            posting.source_id,
        ):
            # this source+id was matched to a record of another source earlier in the batch
            decision = Decision(Outcome.SAME, "source_id", alias, f"same {posting.source} id {posting.source_id}")
        else:
            decision = decide(posting, self.candidates(posting, url_key, key), now=now, gap=self.gap, url_key=url_key, key=key)
        if decision.outcome is Outcome.SAME and decision.match_id:
            old = self._by_id[decision.match_id]
            self._by_id[old.id] = ExistingRecord(
                old.id, old.source, old.source_id, old.canonical_url, old.fuzzy_key, old.first_seen, now, False
            )
            if (posting.source, posting.source_id) not in self._by_source:
                self._by_source[(posting.source, posting.source_id)] = old.id
        else:
            self._counter += 1
            self._add(ExistingRecord(f"new-{self._counter}", posting.source, posting.source_id, url_key, key, now, now, False))
        return decision

    def records(self) -> Sequence[ExistingRecord]:
        return list(self._by_id.values())


def closed_postings(previous_source_ids: Iterable[str], current_source_ids: Iterable[str]) -> set[str]:
    """Ids a source listed last time but not now: those postings have closed."""
    return set(previous_source_ids) - set(current_source_ids)
