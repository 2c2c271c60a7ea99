"""Guidance rule evaluation for many people with realistic histories: users per second and SQL
statements per user.

    .venv/bin/python bench/bench_guidance.py [USERS]

Seeds USERS people (default 10,000) into a scratch database (created, migrated and dropped by
the script) with COPY: goals with steps and months of progress entries, applications with their
status history, saved and discovered jobs with parsed requirements and scores, skill snapshots,
milestones, cached learning patterns and predictions, and 6,000 global postings. Then runs
`evaluate_users` over everyone in batches of 500 (as the hourly cron does) twice: the first run
writes insights and alerts, the second finds every fact already raised. Counts statements with a
SQLAlchemy event listener. Figures only: no assertions.

Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the local servers) and its own database.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import POSTING_COLUMNS, posting_rows, scratch_database

BATCH = 500
ZONES = ("UTC", "Europe/Berlin", "America/Los_Angeles", "America/New_York", "Pacific/Auckland", "Asia/Kolkata")
SKILLS = (
    "Python",
    "Go",
    "Kubernetes",
    "Docker",
    "PostgreSQL",
    "AWS",
    "Terraform",
    "React",
    "TypeScript",
    "Kafka",
    "Rust",
    "GraphQL",
    "Spark",
    "dbt",
    "Airflow",
    "Java",
)
GOALS = ("Kubernetes certification", "Learn Go", "Terraform in production", "System design", "Rust basics", "AWS architect")
STATUSES = ("interested", "applied", "applied", "applied", "interview", "rejected", "offer")
NOW = datetime.now(UTC).replace(microsecond=0)


async def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    async with scratch_database() as database_url:
        started = time.perf_counter()
        counts = await seed(database_url, users)
        print(
            f"seeded {users:,} users in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
        await run(users)


# --------------------------------------------------------------------------- seeding


async def seed(database_url: str, users: int) -> dict[str, int]:
    import asyncpg

    rng = random.Random(9)
    today = NOW.date()
    rows: dict[str, list[tuple]] = {
        table: []
        for table in (
            "users",
            "guidance_settings",
            "notification_preferences",
            "career_journeys",
            "goals",
            "goal_steps",
            "goal_progress_entries",
            "milestones",
            "jobs",
            "job_scores",
            "applications",
            "application_status_changes",
            "skill_snapshots",
            "postings",
        )
    }
    goal_id = step_id = entry_id = job_id = application_id = change_id = snapshot_id = 0
    for user_id in range(1, users + 1):
        zone = ZONES[user_id % len(ZONES)]
        skills = rng.sample(SKILLS, 4)
        rows["users"].append(
            (
                user_id,
                f"bench{user_id}",
                f"bench{user_id}@example.com",
                "-",
                skills,
                zone,
                NOW - timedelta(days=rng.randint(1, 200)),
            )
        )
        rows["guidance_settings"].append((user_id, "eager" if user_id % 10 == 0 else "normal"))
        rows["notification_preferences"].append((user_id, None, None))  # no quiet hours: every alert is raised now
        per_week = rng.choice((7.0, 3.5, 2.0, 1.0))
        patterns = {
            "cadence": {"active_days_per_week": per_week, "sufficient": user_id % 3 != 0},
            "acceleration": {"week": rng.randint(2, 4), "sufficient": user_id % 4 == 0},
        }
        prediction = {"target_role": "Senior Engineer", "readiness": round(rng.uniform(0.4, 0.95), 3), "skill_gaps": []}
        rows["career_journeys"].append((user_id, "Engineer", "Senior Engineer", json.dumps(patterns), json.dumps(prediction)))
        for g in range(2):
            goal_id += 1
            started = today - timedelta(days=rng.randint(20, 150))
            target = started + timedelta(days=rng.randint(30, 180)) if rng.random() < 0.7 else None
            active_days = rng.randint(0, 40)
            quiet = rng.choice((1, 2, 4, 9, 25))
            progress = min(95, active_days * rng.randint(1, 3))
            rows["goals"].append((goal_id, user_id, rng.choice(GOALS) + f" {g}", "active", "medium", progress, started, target))
            for position in range(1, 4):
                step_id += 1
                rows["goal_steps"].append((step_id, user_id, goal_id, position, f"Step {position}", position == 1))
            span = max(1, (today - started).days - quiet)
            for _ in range(active_days):
                entry_id += 1
                when = datetime.combine(started + timedelta(days=rng.randrange(span)), datetime.min.time(), tzinfo=UTC)
                when += timedelta(hours=rng.randint(6, 23))
                rows["goal_progress_entries"].append(
                    (
                        entry_id,
                        user_id,
                        goal_id,
                        when,
                        rng.randint(0, 3),
                        45,
                        rng.choice((None, 2, 3, 4)),
                        rng.choice((None, 2, 4)),
                    )
                )
        rows["milestones"].append(
            (user_id, user_id, "certification", "AWS Developer", today - timedelta(days=rng.randint(1, 300)))
        )
        for j in range(6):
            job_id += 1
            stack = rng.sample(SKILLS, 4)
            parsed = {"must_have": stack[:2], "nice_to_have": stack[2:], "years_min": 3, "years_max": None, "seniority": "senior"}
            created = NOW - timedelta(days=rng.randint(0, 90))
            origin = "discovered" if j % 2 else "manual"
            rows["jobs"].append(
                (
                    job_id,
                    user_id,
                    f"Company {job_id % 500}",
                    f"Platform Engineer {j}",
                    stack,
                    json.dumps(parsed),
                    origin,
                    created,
                )
            )
            rows["job_scores"].append((job_id, user_id, rng.randint(30, 95), created))
            if j < 2:
                application_id += 1
                status = rng.choice(STATUSES)
                changed = NOW - timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 23))
                rows["applications"].append((application_id, user_id, job_id, status, changed, changed - timedelta(days=1)))
                change_id += 1
                rows["application_status_changes"].append((change_id, application_id, "interested", status, changed))
        for s in range(3):
            snapshot_id += 1
            levels = {skill: round(min(1.0, 0.3 + 0.2 * s + rng.random() * 0.1), 2) for skill in skills}
            rows["skill_snapshots"].append((snapshot_id, user_id, today - timedelta(days=30 * (3 - s)), json.dumps(levels)))
    rows["postings"] = posting_rows(rng, NOW, SKILLS)

    columns = {
        "users": ("id", "username", "email", "password_hash", "skills", "timezone", "updated_at"),
        "guidance_settings": ("user_id", "level"),
        "notification_preferences": ("user_id", "quiet_hours_start", "quiet_hours_end"),
        "career_journeys": ("user_id", "current_role", "target_role", "patterns", "prediction"),
        "goals": ("id", "user_id", "title", "status", "difficulty", "progress", "started_on", "target_date"),
        "goal_steps": ("id", "user_id", "goal_id", "position", "title", "done"),
        "goal_progress_entries": ("id", "user_id", "goal_id", "logged_at", "amount", "minutes", "mood", "energy"),
        "milestones": ("id", "user_id", "kind", "title", "achieved_on"),
        "jobs": ("id", "user_id", "company", "title", "tech_stack", "parsed_requirements", "origin", "created_at"),
        "job_scores": ("job_id", "user_id", "score", "scored_at"),
        "applications": ("id", "user_id", "job_id", "status", "applied_at", "created_at"),
        "application_status_changes": ("id", "application_id", "from_status", "to_status", "changed_at"),
        "skill_snapshots": ("id", "user_id", "taken_on", "skills"),
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


# --------------------------------------------------------------------------- evaluation


async def run(users: int) -> None:
    from sqlalchemy import event

    from api import db
    from api.guidance import evaluation

    statements = 0

    def count(*args: object) -> None:
        nonlocal statements
        statements += 1

    engine = db.get_engine().sync_engine
    event.listen(engine, "before_cursor_execute", count)
    ids = list(range(1, users + 1))
    for label in ("first run (writes insights and alerts)", "second run (every fact already raised)"):
        statements, insights, alerts = 0, 0, 0
        started = time.perf_counter()
        for start in range(0, users, BATCH):
            async with db.unit_of_work() as session:
                summary = await evaluation.evaluate_users(session, ids[start : start + BATCH], NOW)
            insights += len(summary.insight_ids)
            alerts += len(summary.notifications)
        elapsed = time.perf_counter() - started
        print(
            f"{label}: {users:,} users in {elapsed:.1f} s = {users / elapsed:,.0f} users/s; "
            f"{statements:,} SQL statements = {statements / users:.4f} per user "
            f"({statements / ((users + BATCH - 1) // BATCH):.0f} per batch of {BATCH}); {insights:,} insights, {alerts:,} alerts"
        )
    event.remove(engine, "before_cursor_execute", count)


if __name__ == "__main__":
    asyncio.run(main())
