from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.job import service
from api.job.types import Job, JobCreateInput, JobDeleteInput, JobDeletePayload, JobPayload, JobUpdateInput


@strawberry.type
class JobMutation:
    @mutation(description="Add a job; the worker scores it against the profile.")
    async def job_create(self, session: AsyncSession, user_id: int, input: JobCreateInput) -> JobPayload:
        return JobPayload(job=Job.from_model(await service.create(session, user_id, given_fields(input))))

    @mutation(description="Change a job; only the fields given change.")
    async def job_update(self, session: AsyncSession, user_id: int, input: JobUpdateInput) -> JobPayload:
        job = await service.update(session, user_id, decode_id(input.id, "Job"), given_fields(input, exclude=("id",)))
        return JobPayload(job=Job.from_model(job))

    @mutation(description="Delete a job and its application.")
    async def job_delete(self, session: AsyncSession, user_id: int, input: JobDeleteInput) -> JobDeletePayload:
        await service.delete(session, user_id, decode_id(input.id, "Job"))
        return JobDeletePayload(deleted_id=input.id)
