"""The one module that imports every concept: it assembles the User type, merges the root types,
sets the extensions and builds the schema."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

import strawberry
from strawberry import relay
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig

from api.account.mutations import AccountMutation
from api.account.queries import AccountViewerFields
from api.ai.queries import AiQuery, AiViewerFields
from api.application.mutations import ApplicationMutation
from api.application.queries import ApplicationQuery, ApplicationViewerFields
from api.application.subscriptions import ApplicationSubscription
from api.calendar.mutations import CalendarMutation
from api.calendar.queries import CalendarViewerFields
from api.config import Settings, get_settings
from api.digest.mutations import DigestMutation
from api.digest.queries import DigestViewerFields
from api.discovery.mutations import DiscoveryMutation
from api.discovery.queries import DiscoveryQuery
from api.discovery.subscriptions import DiscoverySubscription
from api.document.mutations import DocumentMutation
from api.document.queries import DocumentQuery
from api.document.subscriptions import DocumentSubscription
from api.goal.mutations import GoalMutation
from api.goal.queries import GoalViewerFields
from api.graphql.answers import Cacheable, KeptAnswers
from api.graphql.caching import cached_validation
from api.graphql.errors import MaskInternalErrors, PageSizeError, should_mask
from api.graphql.execution import Execution, Schema
from api.graphql.limits import QueryCost, RefuseNul
from api.graphql.permissions import authenticated_field
from api.guidance.mutations import GuidanceMutation
from api.guidance.queries import GuidanceViewerFields
from api.health.mutations import HealthMutation
from api.health.queries import HealthViewerFields
from api.identity.mutations import IdentityMutation
from api.identity.queries import IdentityQuery, IdentityViewerFields
from api.interview.mutations import InterviewMutation
from api.interview.queries import InterviewQuery, InterviewViewerFields
from api.job.mutations import JobMutation
from api.job.queries import JobQuery
from api.journey.mutations import JourneyMutation
from api.journey.queries import JourneyViewerFields
from api.market.queries import MarketQuery, MarketViewerFields
from api.matching.mutations import MatchingMutation
from api.matching.queries import MatchingQuery, MatchingViewerFields
from api.notification.mutations import NotificationMutation
from api.notification.queries import NotificationQuery, NotificationViewerFields
from api.notification.subscriptions import NotificationSubscription
from api.recommendation.mutations import RecommendationMutation
from api.recommendation.queries import RecommendationViewerFields
from api.resume.mutations import ResumeMutation
from api.resume.queries import ResumeQuery
from api.token.mutations import TokenMutation
from api.token.queries import TokenViewerFields
from api.user.mutations import UserMutation
from api.user.queries import UserQuery
from api.user.types import UserFields


@strawberry.type(name="User")
class User(
    JourneyViewerFields,
    GoalViewerFields,
    MatchingViewerFields,
    MarketViewerFields,
    ApplicationViewerFields,
    AiViewerFields,
    InterviewViewerFields,
    RecommendationViewerFields,
    HealthViewerFields,
    GuidanceViewerFields,
    NotificationViewerFields,
    CalendarViewerFields,
    DigestViewerFields,
    TokenViewerFields,
    IdentityViewerFields,
    AccountViewerFields,
    UserFields,
):
    """The signed-in user: the profile (api.user) and each concept's viewer fields, which read
    their own rows (the viewer can only ever see themselves)."""


async def _resolve(info: strawberry.Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
    """Batch per type through each type's owner-filtered loader; unknown types are missing."""
    by_type: dict[str, list[str]] = {}
    for gid in ids:
        by_type.setdefault(gid.type_name, []).append(gid.node_id)
    found: dict[tuple[str, str], relay.Node | None] = {}
    for type_name, node_ids in by_type.items():
        try:
            node_type = relay.GlobalID(type_name, "0").resolve_type(info)
        except Exception:  # not a type of ours: same as missing
            continue
        nodes = await node_type.resolve_nodes(info=info, node_ids=node_ids, required=False)  # type: ignore[misc]
        for node_id, node in zip(node_ids, nodes, strict=True):
            found[(type_name, node_id)] = node
    return [found.get((gid.type_name, gid.node_id)) for gid in ids]


@strawberry.type
class NodeQuery:
    @authenticated_field(description="Any object of the viewer's by global id; null if missing or not theirs.")
    async def node(self, info: strawberry.Info, id: relay.GlobalID) -> relay.Node | None:
        return (await _resolve(info, [id]))[0]

    @authenticated_field(description="Several objects by global id, in order; null where missing or not theirs.")
    async def nodes(self, info: strawberry.Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        if len(ids) > info.context.settings.max_page_size:
            raise PageSizeError(f"At most {info.context.settings.max_page_size} ids")
        return await _resolve(info, ids)


@strawberry.type
class Query(
    NodeQuery,
    UserQuery,
    JobQuery,
    ApplicationQuery,
    NotificationQuery,
    DiscoveryQuery,
    MatchingQuery,
    MarketQuery,
    AiQuery,
    DocumentQuery,
    InterviewQuery,
    ResumeQuery,
    IdentityQuery,
):
    pass


@strawberry.type
class Mutation(
    UserMutation,
    JobMutation,
    ApplicationMutation,
    NotificationMutation,
    JourneyMutation,
    GoalMutation,
    DiscoveryMutation,
    MatchingMutation,
    DocumentMutation,
    InterviewMutation,
    ResumeMutation,
    RecommendationMutation,
    HealthMutation,
    GuidanceMutation,
    CalendarMutation,
    DigestMutation,
    TokenMutation,
    IdentityMutation,
    AccountMutation,
):
    pass


@strawberry.type
class Subscription(NotificationSubscription, DiscoverySubscription, DocumentSubscription, ApplicationSubscription):
    pass


# Answers that may be kept and revalidated (api.graphql.answers): root fields and viewer fields that
# read only the viewer's rows, the shared tables and the local date. Left out on purpose: node/nodes
# (any type), insights (expire at their validUntil, snoozes end), upcoming interviews (from now on),
# the journey and prediction (peers' moves), AI usage (the budget's own clock), model status (a
# call to the model), sessions and tokens (expiry instants), anything that fetches or parses.
CACHEABLE = Cacheable(
    roots=frozenset(
        {"jobs", "applications", "recommendations", "savedSearches", "watchedCompanies", "documents", "interviewSessions"}
    ),
    viewer=frozenset(
        {
            *("id", "username", "email", "skills", "preferredLocations", "experienceLevel", "timezone", "languages"),
            *("skillYears", "yearsExperience", "hasPassword", "goals", "goalProgressEntries", "progressStreak"),
            *("matchWeights", "customSkills", "milestones", "careerContext", "skillSnapshots", "analytics", "followUpsDue"),
        }
    ),
    # Moves with the clock inside a day wherever it appears: a posting's staleness, a decision overdue
    # 30 days after it was made, an insight's state (EXPIRED) or a session's expiry.
    never=frozenset({"freshness", "possiblyStale", "isOverdue", "state", "expiresAt", "validUntil"}),
)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or get_settings()
    # Factories, not instances: each operation gets extensions of its own (an instance would be
    # shared by concurrent requests, and its per-request state with them).
    extensions: list[Callable[[], SchemaExtension]] = [
        # first: an oversized query is refused before the parser cache would parse it
        partial(QueryCost, budget=settings.query_cost_budget, max_bytes=settings.max_query_bytes),
        *cached_validation(
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_aliases,
            max_tokens=settings.max_tokens,
            introspection=bool(settings.introspection),
        ),
        RefuseNul,
    ]
    if not settings.debug:
        extensions.append(partial(MaskInternalErrors, should_mask_error=should_mask, error_message="Internal error"))
    extensions.append(KeptAnswers)  # last: a kept answer only once every limit above has passed
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        # token scopes per field, plain fields in one loop, an idle subscription keeps no memo of its last event
        execution_context_class=Execution,
        config=StrawberryConfig(relay_max_results=settings.max_page_size),
    )


@lru_cache
def schema_sdl() -> str:
    return build_schema(Settings(debug=True)).as_str() + "\n"
