from __future__ import annotations

import strawberry

from api.db import unit_of_work
from api.graphql.context import Context
from api.graphql.errors import run_mutation
from api.graphql.inputs import given_fields
from api.graphql.relay import decode_id
from api.job import service
from api.job.types import (
    Job,
    JobCreateInput,
    JobDeleteInput,
    JobDeletePayload,
    JobPayload,
    JobUpdateInput,
)

FIELDS = [
    "company", "title", "location", "description", "requirements", "salary_min", "salary_max",
    "salary_currency", "job_type", "remote_option", "tech_stack", "source_url",
]


@strawberry.type
class JobMutation:
    @strawberry.mutation(description="Add a job; the worker scores it against the profile.")
    async def job_create(self, info: strawberry.Info, input: JobCreateInput) -> JobPayload:
        user_id = info.context.require_user()

        async def build() -> JobPayload:
            async with unit_of_work() as session:
                return JobPayload(job=Job.from_model(await service.create(session, user_id, given_fields(input, FIELDS))))

        return await run_mutation(build, lambda errors: JobPayload(errors=errors))

    @strawberry.mutation(description="Change a job; only the fields given change.")
    async def job_update(self, info: strawberry.Info, input: JobUpdateInput) -> JobPayload:
        context: Context = info.context
        user_id = context.require_user()

        async def build() -> JobPayload:
            job_id = decode_id(input.id, "Job")
            async with unit_of_work() as session:
                job = await service.update(session, user_id, job_id, given_fields(input, FIELDS))
                return JobPayload(job=Job.from_model(job))

        return await run_mutation(build, lambda errors: JobPayload(errors=errors))

    @strawberry.mutation(description="Delete a job and its application.")
    async def job_delete(self, info: strawberry.Info, input: JobDeleteInput) -> JobDeletePayload:
        user_id = info.context.require_user()

        async def build() -> JobDeletePayload:
            job_id = decode_id(input.id, "Job")
            async with unit_of_work() as session:
                await service.delete(session, user_id, job_id)
            return JobDeletePayload(deleted_id=input.id)

        return await run_mutation(build, lambda errors: JobDeletePayload(errors=errors))
