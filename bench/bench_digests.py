"""Digest generation for many people with realistic data: digests per second, SQL statements per
digest, and the ratio to the ideal of one batched read per table per batch of people.

    .venv/bin/python bench/bench_digests.py [USERS]

Seeds USERS people (default 10,000) into a scratch database (created, migrated and dropped by the
script) with COPY: notification preferences with the morning briefing due a minute ago (a fifth
chose email too, recorded as skipped: no SMTP here), learning patterns, goals with weeks of
progress, scored jobs (some strong matches since yesterday), applications with follow-up dates and
status changes, interviews today and tomorrow, open insights, documents, mock interviews and 6,000
global postings. Then runs the digest cron's work (`send_due`) at that instant for the due
briefings, then again for the evening summaries, in batches of DIGEST_BATCH_SIZE (500). Counts
statements with a SQLAlchemy event listener; "tables read" are the distinct tables named after
FROM/JOIN in one batch's reads. Figures only: no assertions.

Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local servers) and its own database.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import POSTING_COLUMNS, posting_rows, scratch_database

ZONES = ("UTC", "Europe/Berlin", "America/Los_Angeles", "America/New_York", "Pacific/Auckland", "Asia/Kolkata")
SKILLS = ("Python", "Go", "Kubernetes", "Docker", "PostgreSQL", "AWS", "Terraform", "React", "TypeScript", "Kafka", "Rust")
GOALS = ("Kubernetes certification", "Learn Go", "Terraform in production", "System design", "Rust basics", "AWS architect")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOW = datetime.now(UTC).replace(microsecond=0)
EMAIL = {"job_alerts": ["in_app"], "insights": ["in_app"], "digests": ["in_app", "email"], "follow_ups": ["in_app"]}


async def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    async with scratch_database() as database_url:
        started = time.perf_counter()
        counts = await seed(database_url, users)
        print(
            f"seeded {users:,} users in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
        await run(database_url, users)


# --------------------------------------------------------------------------- seeding


async def seed(database_url: str, users: int) -> dict[str, int]:
    import asyncpg

    rng = random.Random(10)
    today = NOW.date()
    tables = (
        "users",
        "notification_preferences",
        "career_journeys",
        "goals",
        "goal_progress_entries",
        "jobs",
        "job_scores",
        "applications",
        "application_status_changes",
        "interview_appointments",
        "career_insights",
        "documents",
        "interview_sessions",
        "postings",
    )
    rows: dict[str, list[tuple]] = {table: [] for table in tables}
    goal_id = entry_id = job_id = application_id = change_id = 0
    breakdown = json.dumps({"explanation": ["Skills: you have 4 of 5 must-have skills (missing Kafka)."]})
    for user_id in range(1, users + 1):
        zone = ZONES[user_id % len(ZONES)]
        rows["users"].append((user_id, f"bench{user_id}", f"bench{user_id}@example.com", "-", rng.sample(SKILLS, 4), zone))
        rows["notification_preferences"].append(
            (
                user_id,
                NOW - timedelta(minutes=1),
                NOW + timedelta(days=1),
                user_id % 4 == 0,
                json.dumps(EMAIL if user_id % 5 == 0 else {"digests": ["in_app"]}),
            )
        )
        usual = rng.sample(WEEKDAYS, 3)
        patterns = {"rhythm": {"weekdays": usual, "weekday_counts": {d: (5 if d in usual else 1) for d in WEEKDAYS}}}
        rows["career_journeys"].append((user_id, "Engineer", "Senior Engineer", json.dumps(patterns)))
        for g in range(2):
            goal_id += 1
            target = today + timedelta(days=rng.randint(5, 120)) if rng.random() < 0.7 else None
            rows["goals"].append(
                (
                    goal_id,
                    user_id,
                    f"{rng.choice(GOALS)} {g}",
                    "active",
                    "medium",
                    rng.randint(0, 90),
                    today - timedelta(days=60),
                    target,
                )
            )
            for _ in range(rng.randint(0, 15)):
                entry_id += 1
                when = NOW - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 12))
                rows["goal_progress_entries"].append((entry_id, user_id, goal_id, when, rng.randint(1, 10), 30))
        for j in range(6):
            job_id += 1
            scored = NOW - timedelta(hours=rng.randint(1, 72))
            rows["jobs"].append(
                (
                    job_id,
                    user_id,
                    f"Company {job_id % 500}",
                    f"Platform Engineer {j}",
                    rng.sample(SKILLS, 4),
                    "discovered",
                    scored,
                )
            )
            rows["job_scores"].append((job_id, user_id, rng.randint(40, 98), breakdown, scored))
            if j < 3:
                application_id += 1
                status = ("applied", "applied", "interview")[j]
                created = NOW - timedelta(days=rng.randint(0, 20))
                follow_up = today + timedelta(days=rng.randint(-3, 3)) if status == "applied" else None
                rows["applications"].append((application_id, user_id, job_id, status, created, created, follow_up))
                change_id += 1
                rows["application_status_changes"].append(
                    (change_id, application_id, "interested", status, NOW - timedelta(hours=rng.randint(1, 60)))
                )
                if status == "interview":
                    starts = NOW + timedelta(hours=rng.randint(1, 40))
                    rows["interview_appointments"].append((user_id, application_id, starts, zone, "technical"))
        rows["career_insights"].append(
            (
                user_id,
                "check_in",
                rng.choice(("low", "medium", "high")),
                "You've been quiet on Go",
                "No progress for 9 days.",
                "[]",
                "[]",
                f"bench:{user_id}",
                NOW - timedelta(days=1),
            )
        )
        if user_id % 3 == 0:
            rows["documents"].append((user_id, "cover_letter", "Cover letter", "completed", NOW - timedelta(hours=3)))
        if user_id % 4 == 0:
            rows["interview_sessions"].append((user_id, "behavioral", "completed", "{}", NOW - timedelta(hours=5), 7.0))
    rows["postings"] = posting_rows(rng, NOW, SKILLS)

    columns = {
        "users": ("id", "username", "email", "password_hash", "skills", "timezone"),
        "notification_preferences": ("user_id", "next_morning_at", "next_evening_at", "send_when_quiet", "channels"),
        "career_journeys": ("user_id", "current_role", "target_role", "patterns"),
        "goals": ("id", "user_id", "title", "status", "difficulty", "progress", "started_on", "target_date"),
        "goal_progress_entries": ("id", "user_id", "goal_id", "logged_at", "amount", "minutes"),
        "jobs": ("id", "user_id", "company", "title", "tech_stack", "origin", "created_at"),
        "job_scores": ("job_id", "user_id", "score", "breakdown", "scored_at"),
        "applications": ("id", "user_id", "job_id", "status", "applied_at", "created_at", "follow_up_on"),
        "application_status_changes": ("id", "application_id", "from_status", "to_status", "changed_at"),
        "interview_appointments": ("user_id", "application_id", "starts_at", "timezone", "kind"),
        "career_insights": ("user_id", "kind", "priority", "title", "message", "evidence", "actions", "dedupe_key", "created_at"),
        "documents": ("user_id", "kind", "title", "status", "created_at"),
        "interview_sessions": ("user_id", "kind", "status", "plan", "started_at", "overall_score"),
        "postings": POSTING_COLUMNS,
    }
    conn = await asyncpg.connect(database_url)
    try:
        for table, records in rows.items():
            await conn.copy_records_to_table(table, records=records, columns=columns[table])
            if "id" in columns[table]:
                await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return {table: len(records) for table, records in rows.items()}


# --------------------------------------------------------------------------- the runs

TABLE = re.compile(r"\b(?:FROM|JOIN)\s+([a-z_]+)\b", re.IGNORECASE)
NOT_TABLES = {"unnest", "win", "last", "ranked", "anon_1", "select"}


def tables_read(statements: list[str]) -> set[str]:
    found: set[str] = set()
    for statement in statements:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            found |= {t.lower() for t in TABLE.findall(statement)} - NOT_TABLES
    return found


async def run(database_url: str, users: int) -> None:
    import asyncpg
    from sqlalchemy import event

    from api import db
    from api.config import get_settings
    from api.digest.tasks import send_due

    batch = get_settings().digest_batch_size
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    engine = db.get_engine().sync_engine
    event.listen(engine, "before_cursor_execute", record)
    for label in ("morning briefings", "evening summaries"):
        if label == "evening summaries":
            conn = await asyncpg.connect(database_url)
            await conn.execute("UPDATE notification_preferences SET next_evening_at = $1", NOW - timedelta(minutes=1))
            await conn.close()
        statements.clear()
        started = time.perf_counter()
        result = await send_due(NOW)
        elapsed = time.perf_counter() - started
        batches = (result.due + batch - 1) // batch
        per_batch = len(statements) / max(1, batches)
        read = tables_read(statements)
        print(
            f"{label}: {result.due:,} due, {result.sent:,} digests ({result.quiet:,} quiet) in {elapsed:.1f} s = "
            f"{result.sent / elapsed:,.0f} digests/s; {len(statements):,} SQL statements = "
            f"{len(statements) / max(1, result.sent):.4f} per digest ({per_batch:.1f} per batch of {batch}); "
            f"{len(read)} tables read ({', '.join(sorted(read))}); ratio to the ideal of one read per table per batch: "
            f"{per_batch / max(1, len(read)):.2f}"
        )
    event.remove(engine, "before_cursor_execute", record)


if __name__ == "__main__":
    asyncio.run(main())
