"""ORM models, one module per table. Importing this package registers them all on Base.metadata."""

from api.models.application import Application
from api.models.application_status_change import ApplicationStatusChange
from api.models.base import Base
from api.models.job import Job
from api.models.notification import Notification
from api.models.refresh_token import RefreshToken
from api.models.user import User

__all__ = ["Application", "ApplicationStatusChange", "Base", "Job", "Notification", "RefreshToken", "User"]
