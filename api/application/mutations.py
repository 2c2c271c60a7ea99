from __future__ import annotations

import strawberry

from api.application import service
from api.application.types import (
    Application,
    ApplicationCreateInput,
    ApplicationPayload,
    ApplicationStatus,
    ApplicationStatusUpdateInput,
    ApplicationUpdateInput,
)
from api.db import unit_of_work
from api.graphql.errors import run_mutation
from api.graphql.relay import decode_id


@strawberry.type
class ApplicationMutation:
    @strawberry.mutation(description="Put a job on the board.")
    async def application_create(self, info: strawberry.Info, input: ApplicationCreateInput) -> ApplicationPayload:
        user_id = info.context.require_user()

        async def build() -> ApplicationPayload:
            job_id = decode_id(input.job_id, "Job", "jobId")
            status = (input.status or ApplicationStatus.INTERESTED).value
            async with unit_of_work() as session:
                application = await service.create(session, user_id, job_id, status, input.notes)
                return ApplicationPayload(application=Application.from_model(application))

        return await run_mutation(build, lambda errors: ApplicationPayload(errors=errors))

    @strawberry.mutation(description="Move an application to another status; invalid moves are refused.")
    async def application_status_update(
        self, info: strawberry.Info, input: ApplicationStatusUpdateInput
    ) -> ApplicationPayload:
        user_id = info.context.require_user()

        async def build() -> ApplicationPayload:
            application_id = decode_id(input.id, "Application")
            async with unit_of_work() as session:
                application, _previous = await service.change_status(session, user_id, application_id, input.status.value)
                return ApplicationPayload(application=Application.from_model(application))

        return await run_mutation(build, lambda errors: ApplicationPayload(errors=errors))

    @strawberry.mutation(description="Edit an application's notes.")
    async def application_update(self, info: strawberry.Info, input: ApplicationUpdateInput) -> ApplicationPayload:
        user_id = info.context.require_user()

        async def build() -> ApplicationPayload:
            application_id = decode_id(input.id, "Application")
            async with unit_of_work() as session:
                application = await service.update_notes(session, user_id, application_id, input.notes)
                return ApplicationPayload(application=Application.from_model(application))

        return await run_mutation(build, lambda errors: ApplicationPayload(errors=errors))
