"""Ingestion: normalised postings → de-duplicated global postings and their listings; listings
gone from a fully fetched board close; postings are linked to one user's jobs, scored with the
explainable score, and strong new matches raise a durable alert.

The pure decisions come from `api.discovery.dedup` (same listing, canonical URL, fuzzy key within
30 days; reposts) and `api.skill.taxonomy.extract_skills`; this module only maps them to rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.discovery import repository
from api.discovery.dedup import Deduplicator, ExistingRecord, Outcome, canonical_url, closed_postings, posting_fuzzy_key
from api.discovery.postings import NormalizedPosting
from api.discovery.salary import annualise, whole_amount
from api.matching.scoring import Scorer, alert_strong_match
from api.models import Posting, PostingSource, User
from api.notification import service as notifications
from api.skill.taxonomy import extract_skills
from api.vocabulary import JobOrigin, NotificationTopic, RemoteOption

MAX_SKILLS = 60
MAX_DESCRIPTION = 50_000
JOB_DESCRIPTION_LIMIT = 20_000


@dataclass
class SourceOutcome:
    """What one source contributed to a run (stored in source_runs.outcomes)."""

    source: str
    status: str  # ok | skipped | error
    message: str
    found: int = 0
    new: int = 0
    duplicates: int = 0
    closed: int = 0
    matched: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Ingested:
    postings: list[Posting]  # the posting behind each distinct listing found, in feed order
    new: int = 0
    duplicates: int = 0
    reposts: int = 0


def skills_of(item: NormalizedPosting) -> list[str]:
    return [m.name for m in extract_skills(f"{item.title}\n{item.description}")][:MAX_SKILLS]


def posting_fields(item: NormalizedPosting, url_key: str, key: str, now: datetime) -> dict:
    salary = item.salary
    return {
        "source": item.source,
        "url": (item.url or "")[:2000],
        "canonical_url": url_key[:2000],
        "fuzzy_key": key[:700],
        "company": (item.company or "Unknown company")[:200],
        "title": item.title[:200],
        "locations": [loc[:200] for loc in item.locations][:20],
        "remote": item.remote,
        "job_type": item.job_type,
        "salary_min": whole_amount(salary.min) if salary else None,
        "salary_max": whole_amount(salary.max) if salary else None,
        "salary_currency": salary.currency if salary else None,
        "salary_period": salary.period if salary else None,
        "description": (item.description or "")[:MAX_DESCRIPTION],
        "skills": skills_of(item),
        "posted_at": item.posted_at or now,
        "expires_at": item.expires_at,
    }


def _refresh(posting: Posting, item: NormalizedPosting, url_key: str, key: str, now: datetime) -> None:
    """The same listing seen again: keep its content current (employers edit postings)."""
    for name, value in posting_fields(item, url_key, key, now).items():
        if name not in ("source", "posted_at", "expires_at"):
            setattr(posting, name, value)


def _keep_expiry(posting: Posting, item: NormalizedPosting) -> None:
    """The latest expiry a source gives wins; a source that stops giving one keeps the old."""
    if item.expires_at is not None:
        posting.expires_at = item.expires_at


def expired(posting: Posting, now: datetime) -> bool:
    return posting.expires_at is not None and posting.expires_at <= now


async def ingest(session: AsyncSession, items: list[NormalizedPosting], *, board: str | None, now: datetime) -> Ingested:
    await repository.lock_ingestion(session)
    url_keys = [canonical_url(i.url) for i in items]
    fuzzy_keys = [posting_fuzzy_key(i) for i in items]
    existing, listings = await repository.candidate_postings(
        session, [(i.source, i.source_id) for i in items], url_keys, fuzzy_keys
    )
    by_id = {p.id: p for p in existing}
    listing_of = {(s.source, s.source_id): s for s in listings}
    dedup = Deduplicator(
        ExistingRecord(
            str(s.posting_id),
            s.source,
            s.source_id,
            by_id[s.posting_id].canonical_url,
            by_id[s.posting_id].fuzzy_key,
            s.first_seen_at,
            by_id[s.posting_id].last_seen_at,
            by_id[s.posting_id].closed_at is not None,
        )
        for s in listings
    )
    fresh: dict[str, Posting] = {}
    repost_of: dict[str, str] = {}
    plan: list[tuple[NormalizedPosting, str]] = []  # (item, record id of its posting)
    result = Ingested(postings=[])
    reopened: list[int] = []
    expired_ids: list[int] = []
    for item, url_key, key in zip(items, url_keys, fuzzy_keys, strict=False):
        decision = dedup.process(item, now=now)
        if decision.outcome is Outcome.SAME and decision.match_id:
            result.duplicates += 1
            posting = fresh.get(decision.match_id) or by_id[int(decision.match_id)]
            if decision.rule == "source_id" and decision.match_id not in fresh:
                _refresh(posting, item, url_key, key, now)
            _keep_expiry(posting, item)
            posting.last_seen_at = now
            if expired(posting, now):  # still listed, but past the source's own expiry
                if posting.closed_at is None:
                    posting.closed_at = posting.expires_at
                    expired_ids.append(posting.id)
            elif posting.closed_at is not None:  # listed again: open again
                posting.closed_at = None
                reopened.append(posting.id)
            plan.append((item, decision.match_id))
            continue
        result.new += 1
        record_id = f"new-{len(fresh) + 1}"  # the Deduplicator numbers new records the same way
        fields = posting_fields(item, url_key, key, now)
        closed_at = item.expires_at if item.expires_at is not None and item.expires_at <= now else None
        fresh[record_id] = Posting(**fields, first_seen_at=now, last_seen_at=now, closed_at=closed_at)
        if decision.outcome is Outcome.REPOST and decision.match_id:
            result.reposts += 1
            repost_of[record_id] = decision.match_id
        plan.append((item, record_id))
    session.add_all(fresh.values())
    await session.flush()
    for record_id, original in repost_of.items():
        fresh[record_id].repost_of_id = (fresh.get(original) or by_id[int(original)]).id

    def posting_of(record_id: str) -> Posting:
        return fresh.get(record_id) or by_id[int(record_id)]

    seen: set[int] = set()
    for item, record_id in plan:
        posting = posting_of(record_id)
        listing = listing_of.get((item.source, item.source_id))
        if listing is None:
            listing = PostingSource(
                posting_id=posting.id,
                source=item.source,
                source_id=item.source_id[:200],
                board=board,
                url=(item.url or "")[:2000],
                first_seen_at=now,
                last_seen_at=now,
            )
            session.add(listing)
            listing_of[(item.source, item.source_id)] = listing
        else:
            listing.last_seen_at, listing.closed_at = now, None
            listing.url = (item.url or listing.url)[:2000]
            listing.board = board or listing.board
        if posting.id not in seen:
            seen.add(posting.id)
            result.postings.append(posting)
    await session.flush()
    if reopened:
        await repository.reopen_jobs_of_postings(session, reopened)
    for posting_id in expired_ids:
        await repository.close_jobs_of_postings(session, [posting_id], by_id[posting_id].expires_at or now)
    return result


async def close_missing(session: AsyncSession, source: str, board: str, seen_ids: list[str], now: datetime) -> int:
    """A board is fetched in full: its open listings missing now have closed. A posting closes
    when none of its listings is open; the jobs linked to it close with it."""
    listings = await repository.open_board_listings(session, source, board)
    gone = closed_postings([entry.source_id for entry in listings], seen_ids)
    if not gone:
        return 0
    touched = set()
    for entry in listings:
        if entry.source_id in gone:
            entry.closed_at = now
            touched.add(entry.posting_id)
    await session.flush()
    closed = await repository.postings_without_open_sources(session, sorted(touched))
    for posting in closed:
        posting.closed_at = now
    await repository.close_jobs_of_postings(session, [p.id for p in closed], now)
    return len(closed)


def job_fields(user_id: int, posting: Posting) -> dict:
    low = whole_amount(annualise(posting.salary_min, posting.salary_period))
    high = whole_amount(annualise(posting.salary_max, posting.salary_period))
    if low is not None and high is not None and low > high:
        low, high = high, low
    location = posting.locations[0] if posting.locations else ("Remote" if posting.remote == RemoteOption.REMOTE else "")
    return {
        "user_id": user_id,
        "posting_id": posting.id,
        "origin": JobOrigin.DISCOVERED,
        "company": posting.company,
        "title": posting.title,
        "location": location[:200],
        "description": posting.description[:JOB_DESCRIPTION_LIMIT],
        "requirements": "",
        "salary_min": low,
        "salary_max": high,
        "salary_currency": posting.salary_currency if (low is not None or high is not None) else None,
        "job_type": posting.job_type,
        "remote_option": posting.remote,
        "tech_stack": list(posting.skills),
        "source_url": posting.url or None,
        "closed_at": posting.closed_at,
        "is_repost": posting.repost_of_id is not None,
    }


async def link_for_user(
    session: AsyncSession, user: User, postings: list[Posting], scorer: Scorer, *, threshold: int, now: datetime
) -> tuple[int, list[notifications.Created]]:
    """The user's jobs for these postings (once per posting), scored; strong new ones alert."""
    new_ids = await repository.link_jobs(session, [job_fields(user.id, p) for p in postings if p.closed_at is None])
    created: list[notifications.Created] = []
    for job in await repository.jobs_by_ids_for_update(session, new_ids):
        await scorer.apply(session, job, now)
        alert = await alert_strong_match(session, job, threshold, " Found by your sources.")
        if alert is not None:
            created.append(alert)
    await notifications.send_on_channels(session, created, NotificationTopic.JOB_ALERTS)
    return len(new_ids), created
