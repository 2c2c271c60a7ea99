from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.dates import optional_aware
from api.goal import service
from api.goal.types import (
    Goal,
    GoalAdaptation,
    GoalCreateInput,
    GoalDifficultyAdaptInput,
    GoalDifficultyAdaptPayload,
    GoalPayload,
    GoalProgressEntry,
    GoalProgressLogInput,
    GoalProgressLogPayload,
    GoalStep,
    GoalStepToggleInput,
    GoalStepTogglePayload,
    GoalSuggestion,
    GoalSuggestionAcceptInput,
    GoalSuggestionAcceptPayload,
    GoalSuggestionsGenerateInput,
    GoalSuggestionsPayload,
    GoalUpdateInput,
)
from api.graphql.inputs import given_fields
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.journey.types import Decision


@strawberry.type
class GoalMutation:
    @mutation(description="Create a goal, optionally with ordered steps. The target date may not be in the past.")
    async def goal_create(self, session: AsyncSession, user_id: int, input: GoalCreateInput) -> GoalPayload:
        goal, _ = await service.create(session, user_id, given_fields(input, exclude=("steps",)), input.steps)
        return GoalPayload(goal=Goal.from_model(goal))

    @mutation(description="Change a goal; only given fields change. Also applies a goalDifficultyAdapt suggestion.")
    async def goal_update(self, session: AsyncSession, user_id: int, input: GoalUpdateInput) -> GoalPayload:
        goal_id = decode_id(input.id, "Goal")
        open_steps = None if input.open_steps is strawberry.UNSET else (input.open_steps or [])
        fields = given_fields(input, exclude=("id", "open_steps"))
        goal, _ = await service.update(session, user_id, goal_id, fields, open_steps)
        return GoalPayload(goal=Goal.from_model(goal))

    @mutation(description="Tick or untick a step; a tick is logged as progress.")
    async def goal_step_toggle(self, session: AsyncSession, user_id: int, input: GoalStepToggleInput) -> GoalStepTogglePayload:
        step, goal, entry = await service.toggle_step(session, user_id, decode_id(input.id, "GoalStep"), input.done)
        return GoalStepTogglePayload(
            step=GoalStep.from_model(step),
            goal=Goal.from_model(goal),
            entry=GoalProgressEntry.from_model(entry) if entry else None,
        )

    @mutation(description="Log progress on a goal: points or a finished step, minutes, format, note, mood, energy.")
    async def goal_progress_log(self, session: AsyncSession, user_id: int, input: GoalProgressLogInput) -> GoalProgressLogPayload:
        goal_id = decode_id(input.goal_id, "Goal", "goal_id")
        step_id = decode_id(input.step_id, "GoalStep", "step_id") if input.step_id is not None else None
        data = service.LogInput(
            **given_fields(input, exclude=("goal_id", "step_id", "logged_at")),
            step_id=step_id,
            logged_at=optional_aware(input.logged_at),
        )
        entry, goal = await service.log_progress(session, user_id, goal_id, data)
        return GoalProgressLogPayload(entry=GoalProgressEntry.from_model(entry), goal=Goal.from_model(goal))

    @mutation(description="Goal suggestions that fit the context and history, each with its why. Nothing is saved.")
    async def goal_suggestions_generate(
        self, session: AsyncSession, user_id: int, input: GoalSuggestionsGenerateInput | None = None
    ) -> GoalSuggestionsPayload:
        found = await service.suggestions(session, user_id, input.limit if input else 3)
        return GoalSuggestionsPayload(suggestions=[GoalSuggestion.from_result(s) for s in found])

    @mutation(description="Accept a suggestion: creates the goal and records a goal_set decision, together.")
    async def goal_suggestion_accept(
        self, session: AsyncSession, user_id: int, input: GoalSuggestionAcceptInput
    ) -> GoalSuggestionAcceptPayload:
        fields = given_fields(input, exclude=("steps",))
        goal, _, decision = await service.accept_suggestion(session, user_id, fields, input.steps or [])
        return GoalSuggestionAcceptPayload(goal=Goal.from_model(goal), decision=Decision.from_model(decision))

    @mutation(description="Suggest a smaller scope, a later date or a stretch for a goal. Nothing is saved.")
    async def goal_difficulty_adapt(
        self, session: AsyncSession, user_id: int, input: GoalDifficultyAdaptInput
    ) -> GoalDifficultyAdaptPayload:
        goal, adaptation = await service.adapt(session, user_id, decode_id(input.id, "Goal"))
        return GoalDifficultyAdaptPayload(adaptation=GoalAdaptation.from_result(adaptation, goal=Goal.from_model(goal)))
