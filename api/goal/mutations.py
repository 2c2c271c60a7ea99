from __future__ import annotations

import strawberry

from api.db import read_session, unit_of_work
from api.goal import service
from api.goal.types import (
    AdaptationKind,
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
from api.graphql.errors import run_mutation
from api.graphql.inputs import given_fields
from api.graphql.relay import decode_id
from api.journey.types import Decision, GoalDifficulty, aware

GOAL_FIELDS = ["title", "why", "target_date", "difficulty", "learning_format"]
UPDATE_FIELDS = [*GOAL_FIELDS, "status", "progress"]


@strawberry.type
class GoalMutation:
    @strawberry.mutation(description="Create a goal, optionally with ordered steps. The target date may not be in the past.")
    async def goal_create(self, info: strawberry.Info, input: GoalCreateInput) -> GoalPayload:
        user_id = info.context.require_user()

        async def build() -> GoalPayload:
            async with unit_of_work() as session:
                goal, _ = await service.create(session, user_id, given_fields(input, GOAL_FIELDS), input.steps)
                return GoalPayload(goal=Goal.from_model(goal))

        return await run_mutation(build, lambda errors: GoalPayload(errors=errors))

    @strawberry.mutation(description="Change a goal; only given fields change. Also applies a goalDifficultyAdapt suggestion.")
    async def goal_update(self, info: strawberry.Info, input: GoalUpdateInput) -> GoalPayload:
        user_id = info.context.require_user()

        async def build() -> GoalPayload:
            goal_id = decode_id(input.id, "Goal")
            open_steps = None if input.open_steps is strawberry.UNSET else (input.open_steps or [])
            async with unit_of_work() as session:
                goal, _ = await service.update(session, user_id, goal_id, given_fields(input, UPDATE_FIELDS), open_steps)
                return GoalPayload(goal=Goal.from_model(goal))

        return await run_mutation(build, lambda errors: GoalPayload(errors=errors))

    @strawberry.mutation(description="Tick or untick a step; a tick is logged as progress.")
    async def goal_step_toggle(self, info: strawberry.Info, input: GoalStepToggleInput) -> GoalStepTogglePayload:
        user_id = info.context.require_user()

        async def build() -> GoalStepTogglePayload:
            step_id = decode_id(input.id, "GoalStep")
            async with unit_of_work() as session:
                step, goal, entry = await service.toggle_step(session, user_id, step_id, input.done)
                return GoalStepTogglePayload(
                    step=GoalStep.from_model(step), goal=Goal.from_model(goal),
                    entry=GoalProgressEntry.from_model(entry) if entry else None,
                )

        return await run_mutation(build, lambda errors: GoalStepTogglePayload(errors=errors))

    @strawberry.mutation(description="Log progress on a goal: points or a finished step, minutes, format, note, mood, energy.")
    async def goal_progress_log(self, info: strawberry.Info, input: GoalProgressLogInput) -> GoalProgressLogPayload:
        user_id = info.context.require_user()

        async def build() -> GoalProgressLogPayload:
            goal_id = decode_id(input.goal_id, "Goal", "goalId")
            step_id = decode_id(input.step_id, "GoalStep", "stepId") if input.step_id is not None else None
            data = service.LogInput(
                amount=input.amount, minutes=input.minutes,
                learning_format=input.learning_format.value if input.learning_format else None,
                note=input.note, mood=input.mood, energy=input.energy, step_id=step_id, logged_at=aware(input.logged_at),
            )
            async with unit_of_work() as session:
                entry, goal = await service.log_progress(session, user_id, goal_id, data)
                return GoalProgressLogPayload(entry=GoalProgressEntry.from_model(entry), goal=Goal.from_model(goal))

        return await run_mutation(build, lambda errors: GoalProgressLogPayload(errors=errors))

    @strawberry.mutation(description="Goal suggestions that fit the context and history, each with its why. Nothing is saved.")
    async def goal_suggestions_generate(
        self, info: strawberry.Info, input: GoalSuggestionsGenerateInput | None = None
    ) -> GoalSuggestionsPayload:
        user_id = info.context.require_user()
        limit = input.limit if input else 3

        async def build() -> GoalSuggestionsPayload:
            async with read_session() as session:
                found = await service.suggestions(session, user_id, limit)
                return GoalSuggestionsPayload(suggestions=[GoalSuggestion.from_suggestion(s) for s in found])

        return await run_mutation(build, lambda errors: GoalSuggestionsPayload(errors=errors))

    @strawberry.mutation(description="Accept a suggestion: creates the goal and records a goal_set decision, together.")
    async def goal_suggestion_accept(self, info: strawberry.Info, input: GoalSuggestionAcceptInput) -> GoalSuggestionAcceptPayload:
        user_id = info.context.require_user()

        async def build() -> GoalSuggestionAcceptPayload:
            async with unit_of_work() as session:
                goal, _, decision = await service.accept_suggestion(session, user_id, given_fields(input, GOAL_FIELDS), input.steps or [])
                return GoalSuggestionAcceptPayload(goal=Goal.from_model(goal), decision=Decision.from_model(decision))

        return await run_mutation(build, lambda errors: GoalSuggestionAcceptPayload(errors=errors))

    @strawberry.mutation(description="Suggest a smaller scope, a later date or a stretch for a goal. Nothing is saved.")
    async def goal_difficulty_adapt(self, info: strawberry.Info, input: GoalDifficultyAdaptInput) -> GoalDifficultyAdaptPayload:
        user_id = info.context.require_user()

        async def build() -> GoalDifficultyAdaptPayload:
            goal_id = decode_id(input.id, "Goal")
            async with read_session() as session:
                result = await service.adapt(session, user_id, goal_id)
            a = result.adaptation
            return GoalDifficultyAdaptPayload(adaptation=GoalAdaptation(
                goal=Goal.from_model(result.goal), kind=AdaptationKind(a.kind), why=a.why, signals=list(a.signals),
                suggested_target_date=a.suggested_target_date, suggested_steps=list(a.suggested_steps),
                suggested_difficulty=GoalDifficulty(result.suggested_difficulty), based_on=a.based_on,
            ))

        return await run_mutation(build, lambda errors: GoalDifficultyAdaptPayload(errors=errors))
