"""A hand-written server answering the web app's own documents (by operation name) with asyncpg and
no GraphQL: the baseline `bench_dashboard.py` compares the API with. Same HTTP stack (Starlette
behind uvicorn), same bearer token check, same statements' worth of data, byte-identical JSON.

Run: python bench/handwritten.py PORT (DATABASE_URL and SECRET_KEY from the environment).
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.application.funnel import pipeline_analytics
from api.config import get_settings
from api.dates import iso_week, local_today
from api.goal.streaks import streak
from api.guidance.service import CHECKLIST
from api.matching import score
from api.user.tokens import bearer_user
from api.vocabulary import PRIORITY_ORDER

JOBS_COUNT = "SELECT count(*) FROM jobs WHERE user_id = $1"
JOBS_PAGE = """
SELECT id, company, title, location, description, salary_min, salary_max, salary_currency, job_type,
       remote_option, tech_stack, source_url, s.score AS match_score, created_at
FROM jobs LEFT JOIN job_scores AS s ON s.job_id = jobs.id
WHERE jobs.user_id = $1 ORDER BY s.score DESC NULLS LAST, id DESC LIMIT $2
"""
APPLICATIONS = "SELECT id, job_id, status FROM applications WHERE user_id = $1 AND job_id = ANY($2::bigint[])"
RANK = " ".join(f"WHEN '{priority.value}' THEN {rank}" for rank, priority in enumerate(PRIORITY_ORDER))
TOP_INSIGHTS = f"""
SELECT i.id, i.kind, i.priority, i.title, i.message, i.evidence, i.actions, i.created_at, i.valid_until, i.read_at,
       i.acted_at, i.acted_action, i.dismissed_at, i.verdict, i.rephrased, r.key, r.name
FROM career_insights i LEFT JOIN guidance_rules r ON r.id = i.rule_id
WHERE i.user_id = $1 AND i.dismissed_at IS NULL AND i.acted_at IS NULL AND (i.valid_until IS NULL OR i.valid_until >= $2)
  AND i.kind <> 'welcome_back'
ORDER BY CASE i.priority {RANK} END DESC, i.created_at DESC, i.id DESC LIMIT $3
"""
CHECKS = """
SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND cardinality(skills) > 0),
       EXISTS (SELECT 1 FROM resume_uploads WHERE user_id = $1 AND status = 'completed'),
       EXISTS (SELECT 1 FROM jobs WHERE user_id = $1),
       EXISTS (SELECT 1 FROM goals WHERE user_id = $1),
       EXISTS (SELECT 1 FROM saved_searches WHERE user_id = $1)
"""


def gid(type_name: str, db_id: int) -> str:
    return base64.b64encode(f"{type_name}:{db_id}".encode()).decode()


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def name(value: str | None) -> str | None:
    return value.upper() if value is not None else None


def salary(r: asyncpg.Record) -> dict[str, Any] | None:
    if r["salary_min"] is None and r["salary_max"] is None:
        return None
    return {"min": r["salary_min"], "max": r["salary_max"], "currency": r["salary_currency"]}


def page_info(count: int, total: int) -> dict[str, Any]:
    """The first page's: strawberry's offset cursors ("offset:<n>", base64) of the relay connection."""
    end_cursor = base64.b64encode(f"offset:{count - 1}".encode()).decode() if count else None
    return {"hasNextPage": count < total, "endCursor": end_cursor}


async def jobs(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    async with pool.acquire() as conn:
        total = await conn.fetchval(JOBS_COUNT, user_id)
        rows = await conn.fetch(JOBS_PAGE, user_id, variables["first"])
        applied: dict[int, list[dict[str, Any]]] = {}
        for a in await conn.fetch(APPLICATIONS, user_id, [r["id"] for r in rows]):
            applied.setdefault(a["job_id"], []).append({"id": gid("Application", a["id"]), "status": name(a["status"])})
    edges = []
    for r in rows:
        node = {
            "id": gid("Job", r["id"]),
            "company": r["company"],
            "title": r["title"],
            "location": r["location"],
            "description": r["description"],
            "salary": salary(r),
            "jobType": name(r["job_type"]),
            "remoteOption": name(r["remote_option"]),
            "techStack": list(r["tech_stack"]),
            "sourceUrl": r["source_url"],
            "matchScore": r["match_score"],
            "createdAt": iso(r["created_at"]),
            "applications": applied.get(r["id"], []),
        }
        edges.append({"node": node})
    # no text search: the count is exact (an estimate only past 1,000 matches of a search)
    return {"jobs": {"totalCount": total, "totalCountIsEstimate": False, "pageInfo": page_info(len(rows), total), "edges": edges}}


def _state(r: asyncpg.Record, now: datetime) -> str:
    if r["dismissed_at"] is not None:
        return "DISMISSED"
    if r["acted_at"] is not None:
        return "ACTED"
    if r["valid_until"] is not None and r["valid_until"] < now:
        return "EXPIRED"
    return "READ" if r["read_at"] is not None else "NEW"


def _action(index: int, stored: dict[str, Any]) -> dict[str, Any]:
    arguments = stored.get("arguments") or {}
    return {
        "index": index,
        "label": stored.get("label", ""),
        "kind": stored["kind"].upper(),
        "href": arguments.get("href") if stored["kind"] == "open" else None,
        "arguments": arguments,
    }


async def today(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    now = datetime.now(UTC)
    async with pool.acquire() as conn:
        rows = await conn.fetch(TOP_INSIGHTS, user_id, now, max(0, min(variables["limit"], 20)))
        checks = await conn.fetchrow(CHECKS, user_id)
    insights = [
        {
            "id": gid("Insight", r["id"]),
            "kind": r["kind"].upper(),
            "priority": r["priority"].upper(),
            "title": r["title"],
            "message": r["message"],
            "evidence": [{"label": e["label"], "value": e["value"]} for e in json.loads(r["evidence"])],
            "actions": [_action(i, a) for i, a in enumerate(json.loads(r["actions"]))],
            "ruleKey": r["key"],
            "ruleName": r["name"],
            "state": _state(r, now),
            "createdAt": iso(r["created_at"]),
            "validUntil": iso(r["valid_until"]),
            "readAt": iso(r["read_at"]),
            "actedAt": iso(r["acted_at"]),
            "actedAction": r["acted_action"],
            "dismissedAt": iso(r["dismissed_at"]),
            "verdict": name(r["verdict"]),
            "rephrased": r["rephrased"],
        }
        for r in rows
    ]
    items = [
        {"key": key, "label": label, "done": bool(done), "href": href}
        for (key, label, href), done in zip(CHECKLIST, checks, strict=True)
    ]
    checklist = {"complete": all(item["done"] for item in items), "items": items}
    return {"viewer": {"id": gid("User", user_id), "topInsights": insights, "firstRunChecklist": checklist}}


# --------------------------------------------------------------------------- Discover (Recommendations)

RECOMMENDATIONS = """
SELECT j.id, j.company, j.title, j.location, j.remote_option, j.source_url, j.origin, j.is_repost, j.posting_id,
       j.salary_min, j.salary_max, j.salary_currency, s.score, s.breakdown, count(*) OVER () AS total
FROM jobs AS j LEFT JOIN job_scores AS s ON s.job_id = j.id
WHERE j.user_id = $1 AND j.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM applications AS a WHERE a.job_id = j.id)
ORDER BY s.score DESC NULLS LAST, j.id DESC LIMIT $2
"""
SOURCES = "SELECT posting_id, source, url FROM posting_sources WHERE posting_id = ANY($1::bigint[]) ORDER BY id"
WEIGHTS = "SELECT skills, location, experience, reason FROM match_weights WHERE user_id = $1"
STARTING_WEIGHTS = "The starting weights: skills 50%, location 30%, experience 20%."


def connection(rows: list[asyncpg.Record], node: Callable[[asyncpg.Record], dict[str, Any]]) -> dict[str, Any]:
    """The first page of a relay connection as the pages ask for it: the count (each row carries it) and the nodes."""
    return {"totalCount": rows[0]["total"] if rows else 0, "edges": [{"node": node(r)} for r in rows]}


def fl(value: Any) -> float | None:
    """GraphQL Float: an int of stored JSON serialises as a float."""
    return None if value is None else float(value)


def _breakdown(stored: str | None) -> dict[str, Any] | None:
    if stored is None:
        return None
    b = score.ScoreBreakdown.from_dict(json.loads(stored))  # the pure breakdown, as the API reads it
    return {
        "total": b.total,
        "band": name(b.band),
        "provisional": b.provisional,
        "parts": [{"name": p.name, "score": p.score, "weight": fl(p.weight), "detail": p.detail} for p in b.summaries()],
        "matched": list(b.matched),
        "missingMustHave": list(b.missing_must_have),
        "missingNiceToHave": list(b.missing_nice_to_have),
        "explanation": list(b.explanation),
        "whatWouldRaiseIt": list(b.what_would_raise_it),
    }


async def recommendations(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    first = max(0, min(variables.get("first") or 20, 100))
    async with pool.acquire() as conn:
        rows = await conn.fetch(RECOMMENDATIONS, user_id, first)
        postings = [r["posting_id"] for r in rows if r["posting_id"] is not None]
        listed: dict[int, list[dict[str, Any]]] = {}
        for s in await conn.fetch(SOURCES, postings) if postings else []:
            listed.setdefault(s["posting_id"], []).append({"source": s["source"], "url": s["url"]})
        weights = await conn.fetchrow(WEIGHTS, user_id)

    def job(r: asyncpg.Record) -> dict[str, Any]:
        return {
            "id": gid("Job", r["id"]),
            "title": r["title"],
            "company": r["company"],
            "location": r["location"],
            "remoteOption": name(r["remote_option"]),
            "sourceUrl": r["source_url"],
            "origin": name(r["origin"]),
            "isRepost": r["is_repost"],
            "matchScore": r["score"],
            "salary": salary(r),
            "sources": listed.get(r["posting_id"], []) if r["posting_id"] is not None else [],
            "scoreBreakdown": _breakdown(r["breakdown"]),
        }

    page = connection(rows, job)
    if weights is None:
        w = {"skills": 0.5, "location": 0.3, "experience": 0.2, "reason": STARTING_WEIGHTS, "customised": False}
    else:
        w = {k: weights[k] for k in ("skills", "location", "experience", "reason")} | {"customised": True}
    return {
        "recommendations": {"totalCount": page["totalCount"], "pageInfo": page_info(len(rows), page["totalCount"])} | page,
        "viewer": {"id": gid("User", user_id), "matchWeights": w},
    }


# --------------------------------------------------------------------------- Goals

TIMEZONE = "SELECT timezone FROM users WHERE id = $1"
GOALS = """
SELECT id, title, why, target_date, status, difficulty, learning_format, progress, started_on, completed_on, abandoned_on,
       count(*) OVER () AS total
FROM goals WHERE user_id = $1 AND ($3::text[] IS NULL OR status = ANY($3::text[]))
ORDER BY created_at DESC, id DESC LIMIT $2
"""
STEPS = """
SELECT id, goal_id, title, position, done, done_at FROM goal_steps
WHERE user_id = $1 AND goal_id = ANY($2::bigint[]) ORDER BY goal_id, position, id
"""
RECENT_PROGRESS = """
SELECT id, goal_id, logged_at, amount, minutes, learning_format, note, mood, energy FROM (
  SELECT *, row_number() OVER (PARTITION BY goal_id ORDER BY logged_at DESC, id DESC) AS rank
  FROM goal_progress_entries WHERE user_id = $1 AND goal_id = ANY($2::bigint[])
) AS e WHERE rank <= 20 ORDER BY goal_id, logged_at DESC, id DESC
"""
# every local day with progress, per goal (goal_id NULL: of any goal)
ACTIVE_DAYS = """
SELECT goal_id, date(timezone($2, logged_at)) AS day FROM goal_progress_entries
WHERE user_id = $1 GROUP BY GROUPING SETS ((goal_id, day), (day))
"""


def _streak(days: list[date], today: date) -> dict[str, Any]:
    s = streak(days, today)
    return {"current": s.current, "longest": s.longest, "lastActiveOn": iso(s.last_active_on)}


async def goals(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    first = max(0, min(variables.get("first") or 20, 100))
    statuses = [s.lower() for s in ((variables.get("filter") or {}).get("statuses") or [])] or None
    async with pool.acquire() as conn:
        timezone = await conn.fetchval(TIMEZONE, user_id)
        rows = await conn.fetch(GOALS, user_id, first, statuses)
        ids = [r["id"] for r in rows]
        steps, entries = await conn.fetch(STEPS, user_id, ids), await conn.fetch(RECENT_PROGRESS, user_id, ids)
        active = await conn.fetch(ACTIVE_DAYS, user_id, timezone)
    today = local_today(timezone)
    steps_of: dict[int, list[dict[str, Any]]] = {}
    for s in steps:
        steps_of.setdefault(s["goal_id"], []).append(
            {
                "id": gid("GoalStep", s["id"]),
                "title": s["title"],
                "position": s["position"],
                "done": s["done"],
                "doneAt": iso(s["done_at"]),
            }
        )
    recent: dict[int, list[dict[str, Any]]] = {}
    for e in entries:
        recent.setdefault(e["goal_id"], []).append(
            {
                "id": gid("GoalProgressEntry", e["id"]),
                "loggedAt": iso(e["logged_at"]),
                "amount": e["amount"],
                "minutes": e["minutes"],
                "learningFormat": name(e["learning_format"]),
                "note": e["note"],
                "mood": e["mood"],
                "energy": e["energy"],
            }
        )
    days: dict[int | None, list[date]] = {}
    for a in active:
        days.setdefault(a["goal_id"], []).append(a["day"])

    def goal(r: asyncpg.Record) -> dict[str, Any]:
        return {
            "id": gid("Goal", r["id"]),
            "title": r["title"],
            "why": r["why"],
            "targetDate": iso(r["target_date"]),
            "status": name(r["status"]),
            "difficulty": name(r["difficulty"]),
            "learningFormat": name(r["learning_format"]),
            "progress": r["progress"],
            "startedOn": iso(r["started_on"]),
            "completedOn": iso(r["completed_on"]),
            "abandonedOn": iso(r["abandoned_on"]),
            "steps": steps_of.get(r["id"], []),
            "streak": _streak(days.get(r["id"], []), today),
            "recentProgress": recent.get(r["id"], []),
        }

    page = connection(rows, goal)
    return {"viewer": {"id": gid("User", user_id), "goals": page, "progressStreak": _streak(days.get(None, []), today)}}


# --------------------------------------------------------------------------- Journey

JOURNEY = """
SELECT id, "current_role", current_company, career_stage, target_role, role_started_on, computed_at, velocity, patterns, prediction
FROM career_journeys WHERE user_id = $1
"""
MILESTONES = """
SELECT id, kind, title, description, impact_score, market_value_note, role, achieved_on, count(*) OVER () AS total
FROM milestones WHERE user_id = $1 ORDER BY achieved_on DESC, id DESC LIMIT 100
"""
DECISIONS = """
SELECT d.id, d.kind, d.context, d.choice, d.decided_at, d.outcome, d.lessons, d.satisfaction, d.outcome_at,
       g.id AS goal_id, g.title AS goal_title, count(*) OVER () AS total
FROM decisions AS d LEFT JOIN goals AS g ON g.id = d.goal_id AND g.user_id = d.user_id
WHERE d.user_id = $1 ORDER BY d.decided_at DESC, d.id DESC LIMIT 100
"""
SNAPSHOTS = """
SELECT id, taken_on, skills, notes, count(*) OVER () AS total
FROM skill_snapshots WHERE user_id = $1 ORDER BY taken_on DESC LIMIT 100
"""
FINISHED_GOALS = """
SELECT id, title, status, difficulty, started_on, completed_on, abandoned_on, target_date, count(*) OVER () AS total
FROM goals WHERE user_id = $1 AND status IN ('completed', 'abandoned') ORDER BY created_at DESC, id DESC LIMIT 100
"""
OVERDUE_AFTER = timedelta(days=30)


def _basis(p: dict[str, Any]) -> dict[str, Any]:
    return {"sufficient": p["sufficient"], "basedOn": p["based_on"], "message": p["message"]}


def _metric(m: dict[str, Any], *fields: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m["name"]}
    for field in fields:
        out[field] = m["trend"] if field == "trend" else fl(m[field])
    return out | _basis(m)


def _velocity(v: dict[str, Any] | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {
        "asOf": v["as_of"],
        "milestones": _metric(v["milestones"], "current", "previous", "trend"),
        "roleMoves": _metric(v["role_moves"], "current", "typical"),
        "skillGrowth": _metric(v["skill_growth"], "current", "previous", "typical", "trend"),
    }


def _gap(g: dict[str, Any], matched: bool) -> dict[str, Any]:
    out = {"skill": g["skill"], "have": fl(g["have"]), "need": fl(g["need"]), "gap": fl(g["gap"])}
    return out | {"matchedBy": g.get("matched_by")} if matched else out


def _prediction(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if not p:
        return None
    basis = p["based_on"]
    return {
        "title": p["title"],
        "kind": name(p["kind"]),
        "expectedDate": p["expected_date"],
        "confidence": fl(p["confidence"]),
        "reasons": p["reasons"],
        "targetRole": p["target_role"],
        "readiness": fl(p["readiness"]),
        "basedOn": {"milestones": basis["milestones"], "snapshots": basis["snapshots"], "peerUsers": basis["peer_users"]},
        "skillGaps": [_gap(g, False) for g in p["skill_gaps"]],
        "currentRole": p.get("current_role"),
        "keySkills": [_gap(g, True) for g in p.get("key_skills", [])],
    }


def _patterns(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if not p:
        return None
    return {
        "computedAt": datetime.fromisoformat(p["computed_at"]).isoformat(),
        "timezone": p["timezone"],
        "formatByMinutes": {"preferred": name(p["format_by_minutes"]["preferred"])} | _basis(p["format_by_minutes"]),
        "formatByCompletion": {"preferred": name(p["format_by_completion"]["preferred"])} | _basis(p["format_by_completion"]),
        "cadence": {"cadence": name(p["cadence"]["cadence"])} | _basis(p["cadence"]),
        "rhythm": {"timeOfDay": p["rhythm"]["time_of_day"]} | _basis(p["rhythm"]),
        "goalLength": {"recommendedMaxWeeks": p["goal_length"]["recommended_max_weeks"]} | _basis(p["goal_length"]),
        "acceleration": {"week": p["acceleration"]["week"]} | _basis(p["acceleration"]),
        "obstacles": {
            "obstacles": [{"category": o["category"], "count": o["count"]} for o in p["obstacles"]["obstacles"]],
        }
        | _basis(p["obstacles"]),
        "successByDifficulty": _basis(p["success_by_difficulty"]),
        "finishTiming": {"finishesEarly": p["finish_timing"]["finishes_early"]} | _basis(p["finish_timing"]),
    }


def _snapshot_skills(skills: str, notes: str) -> list[dict[str, Any]]:
    """A snapshot's skills by name, the market demand given or computed from the postings (its note)."""
    levels, notes_of = json.loads(skills), json.loads(notes) or {}
    out = []
    for skill, level in sorted(levels.items(), key=lambda item: item[0].casefold()):
        note = notes_of.get(skill) or {}
        demand = note.get("market_demand")
        share = demand.get("share") if isinstance(demand, dict) else demand
        out.append({"skill": skill, "proficiency": float(level), "marketDemand": fl(share), "gap": fl(note.get("gap"))})
    return out


def _milestone(m: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": gid("Milestone", m["id"]),
        "kind": name(m["kind"]),
        "title": m["title"],
        "description": m["description"],
        "impactScore": m["impact_score"],
        "marketValueNote": m["market_value_note"],
        "role": m["role"],
        "achievedOn": iso(m["achieved_on"]),
    }


def _decision(d: asyncpg.Record, overdue_before: datetime) -> dict[str, Any]:
    return {
        "id": gid("Decision", d["id"]),
        "kind": name(d["kind"]),
        "context": d["context"],
        "choice": d["choice"],
        "decidedAt": iso(d["decided_at"]),
        "outcome": d["outcome"],
        "lessons": d["lessons"],
        "satisfaction": d["satisfaction"],
        "outcomeAt": iso(d["outcome_at"]),
        "isOpen": d["outcome"] is None,
        "isOverdue": d["outcome"] is None and d["decided_at"] < overdue_before,
        "goal": None if d["goal_id"] is None else {"id": gid("Goal", d["goal_id"]), "title": d["goal_title"]},
    }


def _snapshot(s: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": gid("SkillSnapshot", s["id"]),
        "takenOn": iso(s["taken_on"]),
        "skills": _snapshot_skills(s["skills"], s["notes"]),
    }


def _finished_goal(g: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": gid("Goal", g["id"]),
        "title": g["title"],
        "status": name(g["status"]),
        "difficulty": name(g["difficulty"]),
        "startedOn": iso(g["started_on"]),
        "completedOn": iso(g["completed_on"]),
        "abandonedOn": iso(g["abandoned_on"]),
        "targetDate": iso(g["target_date"]),
    }


async def journey_page(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    overdue_before = datetime.now(UTC) - OVERDUE_AFTER
    async with pool.acquire() as conn:
        journey = await conn.fetchrow(JOURNEY, user_id)
        milestones = await conn.fetch(MILESTONES, user_id)
        decisions = await conn.fetch(DECISIONS, user_id)
        snapshots = await conn.fetch(SNAPSHOTS, user_id)
        finished = await conn.fetch(FINISHED_GOALS, user_id)
    cached = {k: json.loads(journey[k]) if journey and journey[k] else None for k in ("velocity", "patterns", "prediction")}
    return {
        "viewer": {
            "id": gid("User", user_id),
            "journey": None
            if journey is None
            else {
                "id": gid("CareerJourney", journey["id"]),
                "currentRole": journey["current_role"],
                "currentCompany": journey["current_company"],
                "careerStage": name(journey["career_stage"]),
                "targetRole": journey["target_role"],
                "roleStartedOn": iso(journey["role_started_on"]),
                "computedAt": iso(journey["computed_at"]),
                "velocity": _velocity(cached["velocity"]),
            },
            "nextMilestonePrediction": _prediction(cached["prediction"]),
            "learningPatterns": _patterns(cached["patterns"]),
            "milestones": connection(milestones, _milestone),
            "decisions": connection(decisions, lambda d: _decision(d, overdue_before)),
            "skillSnapshots": connection(snapshots, _snapshot),
            "goals": connection(finished, _finished_goal),
        }
    }


# --------------------------------------------------------------------------- Analytics

ANALYTICS = """
SELECT a.id, a.status, a.created_at, a.applied_at, a.interview_at, a.offer_at, a.decided_at,
       CASE WHEN j.origin = 'discovered' AND p.source IS NOT NULL AND p.source <> '' THEN p.source ELSE j.origin END AS source,
       (SELECT coalesce(array_agg(c.to_status ORDER BY c.changed_at, c.id), '{}') FROM application_status_changes AS c
        WHERE c.application_id = a.id) AS history_statuses,
       (SELECT coalesce(array_agg(c.changed_at ORDER BY c.changed_at, c.id), '{}') FROM application_status_changes AS c
        WHERE c.application_id = a.id) AS history_times,
       count(*) OVER () AS total
FROM applications AS a JOIN jobs AS j ON j.id = a.job_id LEFT JOIN postings AS p ON p.id = j.posting_id
WHERE a.user_id = $1
"""


async def analytics(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    async with pool.acquire() as conn:
        rows = await conn.fetch(ANALYTICS, user_id)
        jobs_total = await conn.fetchval(JOBS_COUNT, user_id)
    by_status: dict[str, int] = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    result = pipeline_analytics(
        {
            "status": r["status"],
            "source": r["source"],
            "created_at": r["created_at"],
            "applied_at": r["applied_at"],
            "interview_at": r["interview_at"],
            "offer_at": r["offer_at"],
            "decided_at": r["decided_at"],
            "status_history": list(zip(r["history_statuses"], r["history_times"], strict=True)),
        }
        for r in rows
    )
    reached = {step.stage: step.count for step in result.funnel}
    weeks = []
    if result.per_week:
        starts = {date.fromisocalendar(int(w[:4]), int(w[6:]), 1): n for w, n in result.per_week.items()}
        current = min(starts)
        while current <= max(starts):
            weeks.append({"week": iso_week(current), "weekStart": current.isoformat(), "count": starts.get(current, 0)})
            current += timedelta(days=7)
    return {
        "viewer": {
            "id": gid("User", user_id),
            "analytics": {
                "totals": {
                    "jobs": jobs_total,
                    "applications": reached.get("applied", 0),
                    "interviews": reached.get("interview", 0),
                    "offers": reached.get("offer", 0),
                },
                "byStatus": [{"status": s, "count": n} for s, n in sorted(by_status.items())],
                "funnel": [
                    {"stage": f.stage, "count": f.count, "conversionFromPrevious": fl(f.conversion_from_previous)}
                    for f in result.funnel
                ],
                "responseBySource": [
                    {"source": s.source, "applied": s.applied, "responses": s.responses, "responseRate": fl(s.response_rate)}
                    for s in result.response_by_source
                ],
                "overallResponseRate": fl(result.overall_response_rate),
                "applicationsPerWeek": weeks,
                "averageDaysInStage": [{"stage": s, "days": fl(d)} for s, d in result.avg_days_in_stage.items()],
            },
        }
    }


OPERATIONS = {
    "Jobs": jobs,
    "Today": today,
    "Recommendations": recommendations,
    "Goals": goals,
    "JourneyPage": journey_page,
    "Analytics": analytics,
}


def create_app(database_url: str) -> Starlette:
    settings = get_settings()
    state: dict[str, asyncpg.Pool] = {}

    async def graphql(request: Request) -> Response:
        user_id, error = bearer_user(settings, request.headers.get("authorization"))
        if user_id is None:
            return JSONResponse({"data": None, "errors": [{"message": error}]})
        if request.method == "GET":  # as the web app sends queries
            params = request.query_params
            body = {"operationName": params.get("operationName"), "variables": json.loads(params.get("variables") or "{}")}
        else:
            body = await request.json()
        if "pool" not in state:
            state["pool"] = await asyncpg.create_pool(database_url, min_size=1, max_size=10)
        data = await OPERATIONS[body["operationName"]](state["pool"], user_id, body.get("variables") or {})
        # strawberry's encoding: json.dumps with compact separators
        return Response(json.dumps({"data": data}, separators=(",", ":")), media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST"])])


if __name__ == "__main__":
    url = os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
    uvicorn.run(create_app(url), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
