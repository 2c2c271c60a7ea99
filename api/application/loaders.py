from __future__ import annotations

from api.application import repository
from api.graphql.loader import by_id_loader, grouped_loader
from api.models import Application

ApplicationByIdLoader = by_id_loader(Application)
ApplicationsByJobIdLoader = grouped_loader(repository.by_job_ids, "job_id", listed=repository.listed_by_job_ids)
HistoryByApplicationIdLoader = grouped_loader(repository.history_for, "application_id")
