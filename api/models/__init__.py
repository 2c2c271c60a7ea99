"""ORM models, one module per table. Importing this package registers them all on Base.metadata."""

from api.models.application import Application
from api.models.application_status_change import ApplicationStatusChange
from api.models.base import Base
from api.models.career_context import CareerContext
from api.models.career_journey import CareerJourney
from api.models.decision import Decision
from api.models.goal import Goal
from api.models.goal_progress_entry import GoalProgressEntry
from api.models.goal_step import GoalStep
from api.models.milestone import Milestone
from api.models.skill_snapshot import SkillSnapshot
from api.models.job import Job
from api.models.notification import Notification
from api.models.refresh_token import RefreshToken
from api.models.user import User

__all__ = ["Application", "ApplicationStatusChange", "Base", "Job", "Notification", "RefreshToken", "User"]
__all__ += [
    "CareerContext", "CareerJourney", "Decision", "Goal", "GoalProgressEntry", "GoalStep", "Milestone",
    "SkillSnapshot",
]
