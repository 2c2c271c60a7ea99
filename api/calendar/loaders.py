from __future__ import annotations

from api.calendar import repository
from api.graphql.loader import by_id_loader, grouped_loader
from api.models import InterviewAppointment

InterviewAppointmentByIdLoader = by_id_loader(InterviewAppointment)
InterviewsByApplicationIdLoader = grouped_loader(repository.by_application_ids, "application_id")
