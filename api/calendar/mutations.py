from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar import service
from api.calendar.types import (
    CalendarFeed,
    CalendarFeedCreateInput,
    CalendarFeedPayload,
    CalendarFeedRevokeInput,
    InterviewAppointment,
    InterviewAppointmentCreateInput,
    InterviewAppointmentDeleteInput,
    InterviewAppointmentDeletePayload,
    InterviewAppointmentPayload,
    InterviewAppointmentUpdateInput,
)
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id


@strawberry.type
class CalendarMutation:
    @mutation(description="Schedule an interview for one of your applications. The status is left as it is.")
    async def interview_appointment_create(
        self, session: AsyncSession, user_id: int, input: InterviewAppointmentCreateInput
    ) -> InterviewAppointmentPayload:
        application_id = decode_id(input.application_id, "Application", "application_id")
        interview = await service.create(session, user_id, application_id, given_fields(input, exclude=("application_id",)))
        return InterviewAppointmentPayload(interview=InterviewAppointment.from_model(interview))

    @mutation(description="Change an interview; only given fields change.")
    async def interview_appointment_update(
        self, session: AsyncSession, user_id: int, input: InterviewAppointmentUpdateInput
    ) -> InterviewAppointmentPayload:
        interview_id = decode_id(input.id, "InterviewAppointment")
        interview = await service.update(session, user_id, interview_id, given_fields(input, exclude=("id",)))
        return InterviewAppointmentPayload(interview=InterviewAppointment.from_model(interview))

    @mutation(description="Remove an interview.")
    async def interview_appointment_delete(
        self, session: AsyncSession, user_id: int, input: InterviewAppointmentDeleteInput
    ) -> InterviewAppointmentDeletePayload:
        await service.delete(session, user_id, decode_id(input.id, "InterviewAppointment"))
        return InterviewAppointmentDeletePayload(deleted_id=input.id)

    @mutation(
        description="Create your secret calendar feed, or regenerate it (the old URL stops working). The URL is shown once."
    )
    async def calendar_feed_create(
        self, session: AsyncSession, user_id: int, input: CalendarFeedCreateInput, info: strawberry.Info
    ) -> CalendarFeedPayload:
        feed, token = await service.feed_create(session, user_id)
        public_url = info.context.settings.public_url or str(info.context.request.base_url)
        return CalendarFeedPayload(feed=CalendarFeed.from_result(feed), url=service.feed_url(public_url, token))

    @mutation(description="Turn your calendar feed off; its URL stops working.")
    async def calendar_feed_revoke(
        self, session: AsyncSession, user_id: int, input: CalendarFeedRevokeInput
    ) -> CalendarFeedPayload:
        return CalendarFeedPayload(feed=CalendarFeed.from_result(await service.feed_revoke(session, user_id)))
