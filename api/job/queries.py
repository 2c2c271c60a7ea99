from __future__ import annotations

import strawberry

from api.db import read_session
from api.graphql.context import Context
from api.graphql.relay import page
from api.job import repository
from api.job.types import Job, JobConnection, JobFilter, JobOrder


@strawberry.type
class JobQuery:
    @strawberry.field(description="The viewer's jobs. `first` is capped at 100.")
    async def jobs(
        self,
        info: strawberry.Info,
        first: int | None = 20,
        after: str | None = None,
        filter: JobFilter | None = None,
        order_by: JobOrder = JobOrder.SCORE,
    ) -> JobConnection:
        context: Context = info.context
        user_id = context.require_user()
        window = page(first, after, context.settings.max_page_size)
        filters = repository.JobFilter(
            text=filter.text if filter else None,
            min_score=filter.min_score if filter else None,
            order=order_by.value,
        )
        async with read_session() as session:
            rows, total = await repository.list_page(session, user_id, filters, window.offset, window.limit)
        return JobConnection.build([Job.from_model(r) for r in rows], window, total)
