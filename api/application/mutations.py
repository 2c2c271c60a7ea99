from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.application import service
from api.application.types import (
    Application,
    ApplicationCreateInput,
    ApplicationPayload,
    ApplicationStatus,
    ApplicationStatusUpdateInput,
    ApplicationUpdateInput,
)
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id


@strawberry.type
class ApplicationMutation:
    @mutation(description="Put a job on the board.")
    async def application_create(self, session: AsyncSession, user_id: int, input: ApplicationCreateInput) -> ApplicationPayload:
        job_id = decode_id(input.job_id, "Job", "job_id")
        status = input.status or ApplicationStatus.INTERESTED
        application = await service.create(session, user_id, job_id, status, input.notes)
        return ApplicationPayload(application=Application.from_model(application))

    @mutation(description="Move an application to another status; invalid moves are refused.")
    async def application_status_update(
        self, session: AsyncSession, user_id: int, input: ApplicationStatusUpdateInput
    ) -> ApplicationPayload:
        application, _previous = await service.change_status(session, user_id, decode_id(input.id, "Application"), input.status)
        return ApplicationPayload(application=Application.from_model(application))

    @mutation(description="Edit an application's notes or follow-up date; only given fields change.")
    async def application_update(self, session: AsyncSession, user_id: int, input: ApplicationUpdateInput) -> ApplicationPayload:
        fields = given_fields(input, exclude=("id",))
        application = await service.update(session, user_id, decode_id(input.id, "Application"), fields)
        return ApplicationPayload(application=Application.from_model(application))
