from __future__ import annotations

import re

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import reading
from api.graphql.context import Context
from api.graphql.errors import LimitError
from api.graphql.permissions import authenticated_field
from api.graphql.relay import page
from api.graphql.selection import selects
from api.job import repository
from api.job.types import (
    Job,
    JobConnection,
    JobFilter,
    JobOrder,
    prefetch_applications,
    prefetch_listed_applications,
    with_applications,
)
from api.skill.taxonomy import canonical

SEARCH_OPERATOR = re.compile(r'"|(?:^|\s)-\S|\bor\b', re.IGNORECASE)


def check_search_text(text: str, max_length: int, max_operators: int) -> None:
    """Search text is short prose for websearch_to_tsquery: bounded in length and in operators
    (quotes, OR, -exclusions), so no search can cost more than a small one."""
    if len(text) > max_length:
        raise LimitError(f"Search text must be at most {max_length} characters")
    if len(SEARCH_OPERATOR.findall(text)) > max_operators:
        raise LimitError(f"Search text may use at most {max_operators} operators (quotes, OR, -)")


@strawberry.type
class JobQuery:
    @authenticated_field(description="The viewer's jobs. `first` is capped at 100.")
    async def jobs(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        filter: JobFilter | None = None,
        order_by: JobOrder = JobOrder.SCORE,
    ) -> JobConnection:
        context: Context = info.context
        user_id = context.viewer_id
        window = page(first, after, context.settings.max_page_size)
        text = (filter.text or "").strip() if filter else ""
        check_search_text(text, context.settings.search_max_length, context.settings.search_max_operators)
        if filter and filter.min_score is not None and not 0 <= filter.min_score <= 100:
            raise LimitError("minScore: the minimum score must be between 0 and 100")
        alias = canonical(text) if text else None  # a skill alias searches its canonical name too: k8s → Kubernetes
        filters = repository.JobFilter(
            text=text or None,
            text_alias=alias if alias and alias.lower() != text.lower() else None,
            min_score=filter.min_score if filter else None,
            order=order_by.value,
            origin=filter.origin.value if filter and filter.origin else None,
        )
        wants_applications = selects(info, "edges", "node", "applications")
        applications: dict[int, list] | None = None
        if not text:  # the dashboard: straight from the driver (repository.listed_page)
            listed, total = await repository.listed_page(user_id, filters, window.offset, window.limit)
            jobs = [Job.from_model(row) for row in listed]
            if jobs and wants_applications:  # the dashboard shows each job's application
                applications = await prefetch_listed_applications(context, [job.id for job in jobs])
        else:

            async def read(session: AsyncSession) -> tuple[list, repository.Total, dict[int, list] | None]:
                rows, total = await repository.list_page(session, user_id, filters, window.offset, window.limit)
                found = None
                if rows and wants_applications:
                    found = await prefetch_applications(context, session, [row.id for row in rows])
                return rows, total, found

            rows, total, applications = await reading(read)
            jobs = [Job.from_model(r) for r in rows]
        if applications is not None:
            with_applications(jobs, applications)
        return JobConnection.build(jobs, window, total.count, total_count_is_estimate=total.estimate)
