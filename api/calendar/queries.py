"""Calendar fields of the viewer (`viewer.upcomingInterviews`, `viewer.calendarFeed`)."""

from __future__ import annotations

import strawberry

from api.calendar import service
from api.calendar.types import CalendarFeed, InterviewAppointment, InterviewAppointmentConnection
from api.db import read_session
from api.graphql.relay import viewer_connection


@strawberry.type
class CalendarViewerFields:
    @strawberry.field(description="Interviews that start from now on, soonest first. `first` is capped at 100.")
    async def upcoming_interviews(
        self, info: strawberry.Info, first: int | None = 20, after: str | None = None
    ) -> InterviewAppointmentConnection:
        return await viewer_connection(
            info, first, after, InterviewAppointmentConnection, InterviewAppointment, service.upcoming_page
        )

    @strawberry.field(description="Whether your secret calendar feed is on, and since when (its URL is only shown on create).")
    async def calendar_feed(self, info: strawberry.Info) -> CalendarFeed:
        async with read_session() as session:
            return CalendarFeed.from_result(await service.feed(session, info.context.viewer_id))
