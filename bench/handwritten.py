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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.config import get_settings
from api.guidance.service import CHECKLIST
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


async def jobs(pool: asyncpg.Pool, user_id: int, variables: dict[str, Any]) -> dict[str, Any]:
    async with pool.acquire() as conn:
        total = await conn.fetchval(JOBS_COUNT, user_id)
        rows = await conn.fetch(JOBS_PAGE, user_id, variables["first"])
        applied: dict[int, list[dict[str, Any]]] = {}
        for a in await conn.fetch(APPLICATIONS, user_id, [r["id"] for r in rows]):
            applied.setdefault(a["job_id"], []).append({"id": gid("Application", a["id"]), "status": name(a["status"])})
    edges = []
    for r in rows:
        has_salary = r["salary_min"] is not None or r["salary_max"] is not None
        node = {
            "id": gid("Job", r["id"]),
            "company": r["company"],
            "title": r["title"],
            "location": r["location"],
            "description": r["description"],
            "salary": {"min": r["salary_min"], "max": r["salary_max"], "currency": r["salary_currency"]} if has_salary else None,
            "jobType": name(r["job_type"]),
            "remoteOption": name(r["remote_option"]),
            "techStack": list(r["tech_stack"]),
            "sourceUrl": r["source_url"],
            "matchScore": r["match_score"],
            "createdAt": iso(r["created_at"]),
            "applications": applied.get(r["id"], []),
        }
        edges.append({"node": node})
    # the first page: strawberry's offset cursors ("offset:<n>", base64) of the relay connection
    end_cursor = base64.b64encode(f"offset:{len(rows) - 1}".encode()).decode() if rows else None
    page_info = {"hasNextPage": len(rows) < total, "endCursor": end_cursor}
    # no text search: the count is exact (an estimate only past 1,000 matches of a search)
    return {"jobs": {"totalCount": total, "totalCountIsEstimate": False, "pageInfo": page_info, "edges": edges}}


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


OPERATIONS = {"Jobs": jobs, "Today": today}


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
