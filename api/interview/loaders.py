from __future__ import annotations

from api.graphql.loader import by_id_loader, grouped_loader
from api.interview import repository
from api.models import InterviewSession

InterviewSessionByIdLoader = by_id_loader(InterviewSession)
AnswersBySessionIdLoader = grouped_loader(repository.answers_for, "session_id")
SessionsByJobIdLoader = grouped_loader(repository.by_job_ids, "job_id")
