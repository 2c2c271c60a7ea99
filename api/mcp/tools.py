"""The MCP tools: thin calls into the concepts' services and repositories, like GraphQL resolvers.

Ids are the GraphQL API's global ids. Each tool names the area it belongs to; write tools need the
area's write scope, read tools its read scope (a sign-in's access token has every scope). Domain
errors (`AppError`) become tool errors naming the field at fault; arguments are validated by the SDK
from the annotations (pydantic) before a tool runs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession

from api.application import repository as application_repository
from api.application import service as application_service
from api.db import read_session, unit_of_work
from api.discovery import service as discovery_service
from api.document import repository as document_repository
from api.document import service as document_service
from api.errors import AppError, ValidationFailed
from api.goal import repository as goal_repository
from api.goal import service as goal_service
from api.graphql.relay import decode_id, encode_id
from api.guidance import repository as guidance_repository
from api.job import repository as job_repository
from api.job import service as job_service
from api.journey import repository as journey_repository
from api.journey import service as journey_service
from api.mcp.endpoint import PRINCIPAL
from api.recommendation import service as recommendation_service
from api.token.auth import Principal
from api.vocabulary import ApplicationStatus, DecisionKind, EmailKind, GoalStatus, JobOrigin, Tone

READ = ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False)
ADD = ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False, openWorldHint=False)
CHANGE = ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=False, openWorldHint=False)
OVERWRITE = ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False)

GlobalId = Annotated[str, Field(min_length=1, max_length=200, description="A global id as returned by another tool")]
First = Annotated[int, Field(ge=1, le=100, description="How many to return (1–100)")]
Offset = Annotated[int, Field(ge=0, le=100_000, description="How many to skip (paging)")]


def _caller(ctx: Context, scope: str) -> int:
    """The caller's user id, if their token holds `scope`; else a tool error saying which scope."""
    request = ctx.request_context.request
    principal: Principal | None = request.scope.get(PRINCIPAL) if request is not None else None
    if principal is None or principal.user_id is None:
        raise ToolError("Not authenticated")
    if principal.scopes is not None and scope not in principal.scopes:
        verb = "change" if scope.endswith(":write") else "read"
        raise ToolError(f"This access token cannot {verb} this: it needs the {scope} scope")
    return principal.user_id


def _refusal(error: AppError) -> ToolError:
    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    return ToolError("; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors))


@asynccontextmanager
async def _reading() -> AsyncIterator[AsyncSession]:
    try:
        async with read_session() as session:
            yield session
    except AppError as error:
        raise _refusal(error) from error


@asynccontextmanager
async def _writing() -> AsyncIterator[AsyncSession]:
    """One unit of work, like a mutation: all or nothing, jobs sent after the commit."""
    try:
        async with unit_of_work() as session:
            yield session
    except AppError as error:
        raise _refusal(error) from error


def _id(value: str, type_name: str, field: str) -> int:
    try:
        return decode_id(value, type_name, field)
    except AppError as error:
        raise _refusal(error) from error


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _row(row: Any, type_name: str, *fields: str, **extra: Any) -> dict[str, Any]:
    return {"id": encode_id(type_name, row.id), **{f: _plain(getattr(row, f)) for f in fields}, **extra}


def _job(row: Any, full: bool = False) -> dict[str, Any]:
    fields: tuple[str, ...] = ("company", "title", "location", "match_score", "origin", "source_url", "created_at", "closed_at")
    if full:
        fields += ("description", "requirements", "tech_stack", "salary_min", "salary_max", "salary_currency", "remote_option")
    return _row(row, "Job", *fields)


def _application(row: Any) -> dict[str, Any]:
    fields = ("status", "notes", "applied_at", "interview_at", "offer_at", "decided_at", "follow_up_on")
    return _row(row, "Application", *fields, job_id=encode_id("Job", row.job_id))


def _document(row: Any, text: str | None) -> dict[str, Any]:
    return _row(row, "Document", "kind", "title", "status", "error", text=text)


def register(server: MCPServer) -> None:
    # ------------------------------------------------------------------ jobs and applications

    @server.tool(annotations=READ, description="Search and list your jobs, best match first (or by relevance to the text).")
    async def search_jobs(
        ctx: Context,
        text: Annotated[str | None, Field(max_length=200, description="Words to search title, company, description")] = None,
        min_score: Annotated[int | None, Field(ge=0, le=100, description="Only jobs scoring at least this")] = None,
        origin: JobOrigin | None = None,
        first: First = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:read")
        text = (text or "").strip() or None
        filters = job_repository.JobFilter(
            text=text, min_score=min_score, order="RELEVANCE" if text else "SCORE", origin=origin.value if origin else None
        )
        async with _reading() as session:
            rows, total = await job_repository.list_page(session, user_id, filters, offset, first)
        return {"total": total.count, "total_is_estimate": total.estimate, "jobs": [_job(row) for row in rows]}

    @server.tool(
        annotations=READ, description="One job with its full text and its score breakdown (parts, matched and missing skills)."
    )
    async def get_job(ctx: Context, job_id: GlobalId) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:read")
        async with _reading() as session:
            job = await job_service.get(session, user_id, _id(job_id, "Job", "job_id"))
        return {**_job(job, full=True), "score_breakdown": _plain(job.score_breakdown)}

    @server.tool(annotations=READ, description="List your applications (the board), most recently changed first.")
    async def list_applications(
        ctx: Context, status: list[ApplicationStatus] | None = None, first: First = 20, offset: Offset = 0
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:read")
        async with _reading() as session:
            rows, total = await application_repository.list_page(
                session, user_id, offset, first, statuses=[s.value for s in status] if status else None
            )
        return {"total": total, "applications": [_application(row) for row in rows]}

    @server.tool(
        annotations=ADD, description="Add a job from a pasted job description; title, company, skills… are read from it."
    )
    async def add_job_from_text(
        ctx: Context,
        text: Annotated[str, Field(min_length=1, max_length=50_000, description="The job description")],
        source_url: Annotated[str | None, Field(max_length=2000)] = None,
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:write")
        async with _writing() as session:
            job = await discovery_service.create_from_text(session, user_id, text, source_url, {})
            return _job(job)

    @server.tool(
        annotations=ADD,
        description="Start importing a job from its web page. The page is read in the background: "
        "call save_job_import with the returned id once its status is completed.",
    )
    async def add_job_from_url(ctx: Context, url: Annotated[str, Field(min_length=1, max_length=2000)]) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:write")
        async with _writing() as session:
            item = await discovery_service.import_from_url(session, user_id, url)
            return _row(item, "JobImport", "url", "status", "error")

    @server.tool(
        annotations=ADD,
        description="Save a completed import (from add_job_from_url) as a job; a title or company given replaces what was read.",
    )
    async def save_job_import(
        ctx: Context,
        import_id: GlobalId,
        title: Annotated[str | None, Field(max_length=200)] = None,
        company: Annotated[str | None, Field(max_length=200)] = None,
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:write")
        overrides = {name: value for name, value in (("title", title), ("company", company)) if value is not None}
        async with _writing() as session:
            job = await discovery_service.save_import(session, user_id, _id(import_id, "JobImport", "import_id"), overrides)
            return _job(job)

    @server.tool(
        annotations=CHANGE,
        description="Move an application to another status (interested → applied → interview → offer → accepted/declined, "
        "or rejected). Moves the board does not allow are refused with the allowed ones.",
    )
    async def move_application(ctx: Context, application_id: GlobalId, status: ApplicationStatus) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:write")
        async with _writing() as session:
            application, previous = await application_service.change_status(
                session, user_id, _id(application_id, "Application", "application_id"), status.value
            )
            return {**_application(application), "previous_status": previous}

    @server.tool(annotations=ADD, description="Add a note to an application (appended to its notes).")
    async def add_application_note(
        ctx: Context, application_id: GlobalId, note: Annotated[str, Field(min_length=1, max_length=5000)]
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "jobs:write")
        async with _writing() as session:
            app_id = _id(application_id, "Application", "application_id")
            current = await application_service.get(session, user_id, app_id)
            notes = f"{current.notes}\n\n{note.strip()}" if (current.notes or "").strip() else note.strip()
            return _application(await application_service.update(session, user_id, app_id, {"notes": notes}))

    # ------------------------------------------------------------------ career memory and goals

    @server.tool(annotations=READ, description="List your goals with their progress.")
    async def list_goals(
        ctx: Context, status: list[GoalStatus] | None = None, first: First = 20, offset: Offset = 0
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "career:read")
        rows, total = await goal_repository.goals_page(
            user_id, offset, first, statuses=[s.value for s in status] if status else None
        )
        fields = ("title", "why", "status", "difficulty", "progress", "target_date", "started_on")
        return {"total": total, "goals": [_row(row, "Goal", *fields) for row in rows]}

    @server.tool(annotations=ADD, description="Log progress on a goal: an amount done, minutes spent, a note.")
    async def log_goal_progress(
        ctx: Context,
        goal_id: GlobalId,
        amount: Annotated[int | None, Field(ge=0, le=1_000_000)] = None,
        minutes: Annotated[int | None, Field(ge=0, le=24 * 60)] = None,
        note: Annotated[str | None, Field(max_length=2000)] = None,
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "career:write")
        data = goal_service.LogInput(amount=amount, minutes=minutes, note=note)
        async with _writing() as session:
            entry, goal = await goal_service.log_progress(session, user_id, _id(goal_id, "Goal", "goal_id"), data)
            return {
                "entry": _row(entry, "GoalProgressEntry", "logged_at", "amount", "minutes", "note"),
                "goal": _row(goal, "Goal", "title", "status", "progress"),
            }

    @server.tool(annotations=ADD, description="Record a career decision (what you chose and why) in your career memory.")
    async def record_decision(
        ctx: Context,
        kind: DecisionKind,
        choice: Annotated[str, Field(min_length=1, max_length=5000, description="What you decided")],
        context: Annotated[str | None, Field(max_length=5000, description="The situation and the options")] = None,
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "career:write")
        async with _writing() as session:
            decision = await journey_service.record_decision(session, user_id, kind.value, context, choice)
            return _row(decision, "Decision", "kind", "context", "choice", "decided_at")

    @server.tool(annotations=OVERWRITE, description="Record how a decision turned out (replaces an earlier outcome).")
    async def record_decision_outcome(
        ctx: Context,
        decision_id: GlobalId,
        outcome: Annotated[str, Field(min_length=1, max_length=5000)],
        lessons: Annotated[str | None, Field(max_length=5000)] = None,
        satisfaction: Annotated[int | None, Field(ge=1, le=10)] = None,
    ) -> dict[str, Any]:
        user_id = _caller(ctx, "career:write")
        async with _writing() as session:
            decision = await journey_service.record_outcome(
                session, user_id, _id(decision_id, "Decision", "decision_id"), outcome, lessons, satisfaction
            )
            return _row(decision, "Decision", "kind", "choice", "outcome", "lessons", "satisfaction", "outcome_at")

    @server.tool(
        annotations=READ, description="Your career journey: current and target role, velocity, learning patterns, next milestone."
    )
    async def read_journey(ctx: Context) -> dict[str, Any]:
        user_id = _caller(ctx, "career:read")
        async with _reading() as session:
            row = await journey_repository.journey_for(session, user_id)
        if row is None:
            return {"journey": None}
        fields = ("current_role", "current_company", "career_stage", "target_role", "role_started_on", "computed_at")
        journey = {f: _plain(getattr(row, f)) for f in fields}
        return {
            "journey": journey,
            "velocity": _plain(row.velocity),
            "learning_patterns": _plain(row.patterns),
            "next_milestone": _plain(row.prediction),
        }

    @server.tool(annotations=READ, description="Your open insights (highest priority first) and career recommendations.")
    async def read_insights(ctx: Context, limit: Annotated[int, Field(ge=1, le=20)] = 5) -> dict[str, Any]:
        user_id = _caller(ctx, "career:read")
        async with _reading() as session:
            insights = await guidance_repository.top_insights(user_id, limit, datetime.now(UTC))
            recommendations = await recommendation_service.listed(session, user_id, None)
        return {
            "insights": [_row(i, "Insight", "kind", "priority", "title", "message", "created_at") for i in insights],
            "recommendations": [
                _row(r, "CareerRecommendation", "type", "title", "description", "reasoning", "state")
                for r in recommendations[:limit]
            ],
        }

    # ------------------------------------------------------------------ documents

    @server.tool(
        annotations=ADD,
        description="Write a cover letter for a job. It is generated in the background: read it with get_document.",
    )
    async def generate_cover_letter(ctx: Context, job_id: GlobalId, tone: Tone = Tone.PROFESSIONAL) -> dict[str, Any]:
        user_id = _caller(ctx, "documents:write")
        async with _writing() as session:
            document = await document_service.create_cover_letter(session, user_id, _id(job_id, "Job", "job_id"), tone.value)
            return _document(document, None)

    @server.tool(
        annotations=ADD,
        description="Draft an email (follow-up, thank-you, networking, offer negotiation), optionally about a job. "
        "It is generated in the background: read it with get_document.",
    )
    async def draft_email(ctx: Context, kind: EmailKind, job_id: GlobalId | None = None) -> dict[str, Any]:
        user_id = _caller(ctx, "documents:write")
        async with _writing() as session:
            job = _id(job_id, "Job", "job_id") if job_id else None
            return _document(await document_service.create_email(session, user_id, job, kind.value), None)

    @server.tool(annotations=READ, description="A document (cover letter, email…) with its latest text and status.")
    async def get_document(ctx: Context, document_id: GlobalId) -> dict[str, Any]:
        user_id = _caller(ctx, "documents:read")
        async with _reading() as session:
            document = await document_repository.get(session, user_id, _id(document_id, "Document", "document_id"))
            if document is None:
                raise ToolError("document_id: Document not found")
            latest = await document_repository.latest_version(session, document.id)
        return _document(document, latest.text if latest else None)


def build_server() -> MCPServer:
    server = MCPServer(
        name="career-companion",
        instructions="Your job search and career memory in Career Companion: search jobs, move applications, "
        "log goal progress, record decisions, read insights, and draft cover letters and emails.",
    )
    register(server)
    return server
