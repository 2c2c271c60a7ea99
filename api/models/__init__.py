"""ORM models, one module per table. Importing this package registers them all on Base.metadata."""

# AI assistance: résumés, documents, mock interviews, model usage (issue 5)
from api.models.ai_usage import AiUsage
from api.models.application import Application
from api.models.application_status_change import ApplicationStatusChange
from api.models.base import Base
from api.models.career_context import CareerContext
from api.models.career_health_report import CareerHealthReport
from api.models.career_insight import CareerInsight
from api.models.career_journey import CareerJourney
from api.models.career_recommendation import CareerRecommendation
from api.models.data_change import DataChange
from api.models.decision import Decision

# delivery: digests, channels, calendar (issue 10)
from api.models.delivery import Delivery
from api.models.digest import Digest
from api.models.document import Document
from api.models.document_feedback import DocumentFeedback
from api.models.document_version import DocumentVersion
from api.models.goal import Goal
from api.models.goal_progress_entry import GoalProgressEntry
from api.models.goal_step import GoalStep

# guidance: insights, rules, recommendations, health (issue 9)
from api.models.guidance_rule import GuidanceRule
from api.models.guidance_rule_override import GuidanceRuleOverride
from api.models.guidance_setting import GuidanceSetting
from api.models.interview_answer import InterviewAnswer
from api.models.interview_appointment import InterviewAppointment
from api.models.interview_session import InterviewSession
from api.models.job import Job

# discovery and market intelligence (issue 4)
from api.models.job_import import JobImport
from api.models.job_outbox import JobOutbox
from api.models.job_score import JobScore
from api.models.match_feedback import MatchFeedback
from api.models.match_weights import MatchWeights
from api.models.milestone import Milestone
from api.models.notification import Notification
from api.models.notification_preference import NotificationPreference
from api.models.personal_access_token import PersonalAccessToken
from api.models.posting import Posting
from api.models.posting_source import PostingSource
from api.models.refresh_token import RefreshToken
from api.models.resume_upload import ResumeUpload
from api.models.saved_search import SavedSearch
from api.models.skill_snapshot import SkillSnapshot
from api.models.source_run import SourceRun
from api.models.user import User
from api.models.user_identity import UserIdentity
from api.models.user_skill import UserSkill
from api.models.watched_company import WatchedCompany

__all__ = ["Application", "ApplicationStatusChange", "Base", "Job", "Notification", "RefreshToken", "User"]
__all__ += [
    "CareerContext",
    "CareerJourney",
    "Decision",
    "Goal",
    "GoalProgressEntry",
    "GoalStep",
    "Milestone",
    "SkillSnapshot",
]
__all__ += [
    "JobImport",
    "JobScore",
    "MatchFeedback",
    "MatchWeights",
    "Posting",
    "PostingSource",
    "SavedSearch",
    "SourceRun",
    "UserSkill",
    "WatchedCompany",
]
__all__ += [
    "AiUsage",
    "Document",
    "DocumentFeedback",
    "DocumentVersion",
    "InterviewAnswer",
    "InterviewSession",
    "ResumeUpload",
]
__all__ += [
    "CareerHealthReport",
    "CareerInsight",
    "CareerRecommendation",
    "GuidanceRule",
    "GuidanceRuleOverride",
    "GuidanceSetting",
]
__all__ += ["Delivery", "Digest", "InterviewAppointment", "NotificationPreference"]
__all__ += ["JobOutbox"]
__all__ += ["UserIdentity"]  # sign in with a provider (issue 14)
__all__ += ["PersonalAccessToken"]  # personal access tokens (issue 14)
__all__ += ["DataChange"]  # data versions for cached answers (issue 13)
