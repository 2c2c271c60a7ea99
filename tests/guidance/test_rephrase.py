"""The model's rewording of an insight: the pure check that its facts are kept, the worker job with
the fake OpenAI-compatible server, and when it is asked for (only with a model configured)."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.db import sessionmaker, unit_of_work
from api.guidance import evaluation
from api.guidance.tasks import insight_rephrase
from api.guidance.wording import Wording, keep, problem
from tests.guidance.seeding import add_goal, add_insight, insights, new_user
from tests.support.waiting import eventually

TITLE = "You've been quiet on Kubernetes"
MESSAGE = (
    "No progress on Kubernetes for 30 days; you usually log every 2 days. Adjust the timeline or break the current step down?"
)
ORIGINAL = Wording(TITLE, MESSAGE)
EVIDENCE: list[dict[str, Any]] = [
    {"label": "Last progress", "value": "2025-02-16"},
    {"label": "Your usual gap", "value": "every 2 days"},
]
ACTIONS: list[dict[str, Any]] = [
    {
        "label": "Move the target date of “Kubernetes” to 2025-05-01",
        "kind": "set_target_date",
        "arguments": {"goal_id": 7, "target_date": "2025-05-01"},
    },
    {"label": "Break “Read the docs” down", "kind": "split_step", "arguments": {"goal_id": 7, "step_id": 3}},
]
FAITHFUL = Wording(
    "Kubernetes has been quiet lately",
    "It has been 30 days since your last Kubernetes session, and you usually log every 2 days. "
    "Would it help to adjust the timeline, or to break the current step down?",
)
NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)


def reply(wording: Wording) -> str:
    return json.dumps({"title": wording.title, "message": wording.message})


def warmer(body: dict[str, Any]) -> str:
    """A faithful model: the insight from its data blocks, with a friendly opening."""
    data = body["messages"][-1]["content"]
    title = re.search(r"<<<TITLE\n(.*?)\n>>>", data, re.S).group(1)  # type: ignore[union-attr]
    message = re.search(r"<<<MESSAGE\n(.*?)\n>>>", data, re.S).group(1)  # type: ignore[union-attr]
    return reply(Wording(title, f"A friendly note: {message}"))


async def seeded_insight(user_id: int, **fields: Any) -> int:
    values = {"kind": "check_in", "title": TITLE, "message": MESSAGE, "evidence": EVIDENCE, "actions": ACTIONS, **fields}
    return await add_insight(user_id, "check_in", created_at=datetime.now(UTC), **values)


async def quiet_goal(user_id: int) -> int:
    """Quiet for 20 days on 2025-03-18: a check-in."""
    logged = [(datetime.combine(NOW.date() - timedelta(days=20), time(20), tzinfo=UTC), 5)]
    return await add_goal(user_id, "Kubernetes", started_on=NOW.date() - timedelta(days=30), progress=5, logged=logged)


async def with_jobs(work: Callable[[AsyncSession], Awaitable[Any]]) -> tuple[Any, list[tuple[str, tuple, str | None]]]:
    """`work` in its own transaction, with the jobs it asked for (kept back, not sent)."""
    buffer = queue.begin()
    try:
        async with sessionmaker()() as session:
            result = await work(session)
            await session.commit()
        return result, list(buffer.items)
    finally:
        queue.discard(buffer)


def evaluation_of(user_id: int) -> Callable[[AsyncSession], Awaitable[evaluation.Summary]]:
    return lambda session: evaluation.evaluate_users(session, [user_id], NOW)


class TestWordingCheck:
    def test_a_faithful_rewording_is_accepted(self):
        # given / when
        found = problem(ORIGINAL, FAITHFUL, EVIDENCE, ACTIONS)
        # then
        assert found is None

    def test_a_changed_number_is_refused(self):
        # given
        changed = Wording(FAITHFUL.title, FAITHFUL.message.replace("30 days", "3 weeks"))
        # when
        found = problem(ORIGINAL, changed, EVIDENCE, ACTIONS)
        # then
        assert found == "the numbers differ: 3, 30"

    def test_an_added_number_is_refused(self):
        # given
        added = Wording(FAITHFUL.title, FAITHFUL.message + " Most people need 5 sessions a week.")
        # when
        found = problem(ORIGINAL, added, EVIDENCE, ACTIONS)
        # then
        assert found == "the numbers differ: 5"

    def test_a_dropped_name_is_refused(self):
        # given the goal's name (from the evidence and actions) is replaced by "your goal"
        dropped = Wording("A quiet goal", FAITHFUL.message.replace("Kubernetes", "your goal"))
        # when
        found = problem(ORIGINAL, dropped, EVIDENCE, ACTIONS)
        # then
        assert found == "names are missing: Kubernetes"

    def test_an_added_link_is_refused(self):
        # given
        linked = Wording(FAITHFUL.title, FAITHFUL.message + " See kubernetes.io/docs for help.")
        # when
        found = problem(ORIGINAL, linked, EVIDENCE, ACTIONS)
        # then
        assert found == "links were added: kubernetes.io"

    def test_names_are_the_evidence_and_action_names_the_original_shows(self):
        # given a celebration naming a goal, a role, jobs and companies
        original = Wording(
            "Congratulations: You completed “Pass the CKA exam”",
            "You completed “Pass the CKA exam”. Your readiness for Senior Platform Engineer went from 62% to 75% of the "
            "key skills. Open jobs that now match better: Platform Engineer at Acme (82%), SRE at Initech (78%). "
            "Next step: Prepare for Senior Platform Engineer interviews.",
        )
        evidence = [
            {"label": "Achieved on", "value": "2025-06-09"},
            {"label": "Readiness for Senior Platform Engineer", "value": "75% of the key skills (was 62%)"},
            {"label": "Still to learn", "value": "Terraform"},
            {"label": "Platform Engineer at Acme", "value": "82% match"},
            {"label": "SRE at Initech", "value": "78% match"},
        ]
        actions = [{"label": "Open “Pass the CKA exam”", "kind": "open", "arguments": {"href": "/goals/R29hbDo3"}}]
        # when
        kept = keep(original, evidence, actions)
        # then: Terraform (not in the wording), "Open" (an action's verb) and sentence-like labels are not required
        assert kept == [
            "Senior Platform Engineer",
            "Pass the CKA exam",
            "Platform Engineer",
            "Initech",
            "Acme",
            "SRE",
            "62%",
            "75%",
            "78%",
            "82%",
        ]

    def test_an_overlong_message_is_refused(self):
        # given
        long = Wording(FAITHFUL.title, FAITHFUL.message + " Keep going." * 40)
        # when
        found = problem(ORIGINAL, long, EVIDENCE, ACTIONS)
        # then
        assert found is not None and found.startswith("the message has")


class TestInsightRephrase:
    async def test_the_model_rewords_the_insight_and_marks_it(self, model):
        # given
        user = await new_user()
        insight_id = await seeded_insight(user)
        model.queue_reply(reply(FAITHFUL))
        # when
        outcome = await insight_rephrase({}, insight_id)
        # then the wording is the model's; evidence and actions are untouched
        (row,) = await insights(user)
        assert outcome == "rephrased"
        assert (row.title, row.message, row.rephrased) == (FAITHFUL.title, FAITHFUL.message, True)
        assert (row.evidence, row.actions) == (EVIDENCE, ACTIONS)
        # and our wording reached the model only as data, with what it must keep
        data = model.requests[-1]["body"]["messages"][-1]["content"]
        assert f"<<<TITLE\n{TITLE}\n>>>" in data and f"<<<MESSAGE\n{MESSAGE}\n>>>" in data
        assert '"keep_verbatim"' in data and '"Kubernetes"' in data

    async def test_a_reply_that_changes_a_number_leaves_our_wording(self, model):
        # given
        user = await new_user()
        insight_id = await seeded_insight(user)
        model.queue_reply(reply(Wording(FAITHFUL.title, FAITHFUL.message.replace("30 days", "31 days"))))
        # when
        outcome = await insight_rephrase({}, insight_id)
        # then
        (row,) = await insights(user)
        assert outcome == "kept"
        assert (row.title, row.message, row.rephrased) == (TITLE, MESSAGE, False)

    async def test_an_insight_already_reworded_is_skipped(self, model):
        # given
        user = await new_user()
        insight_id = await seeded_insight(user, title=FAITHFUL.title, message=FAITHFUL.message, rephrased=True)
        # when
        outcome = await insight_rephrase({}, insight_id)
        # then no model call
        assert outcome == "skipped"
        assert model.requests == []

    async def test_a_budget_refusal_leaves_our_wording(self, model, monkeypatch):
        # given a daily budget smaller than the prompt
        from api.config import get_settings

        monkeypatch.setattr(get_settings(), "ai_daily_token_budget", 20)
        user = await new_user()
        insight_id = await seeded_insight(user)
        # when
        outcome = await insight_rephrase({}, insight_id)
        # then
        (row,) = await insights(user)
        assert outcome == "kept"
        assert (row.title, row.message, row.rephrased) == (TITLE, MESSAGE, False)
        assert model.requests == []

    async def test_without_a_model_nothing_changes(self, offline):
        # given
        user = await new_user()
        insight_id = await seeded_insight(user)
        # when
        outcome = await insight_rephrase({}, insight_id)
        # then
        (row,) = await insights(user)
        assert outcome == "skipped"
        assert (row.title, row.message, row.rephrased) == (TITLE, MESSAGE, False)


class TestRephraseRequests:
    async def test_with_a_model_each_new_insight_is_sent_for_rewording(self, model):
        # given
        user = await new_user(settings={})
        await quiet_goal(user)
        # when
        summary, jobs = await with_jobs(evaluation_of(user))
        # then
        (insight_id,) = summary.insight_ids
        assert ("insight_rephrase", (insight_id,), f"insight-rephrase:{insight_id}") in jobs

    async def test_with_a_model_the_welcome_back_of_a_visit_is_sent_for_rewording(self, model):
        # given someone away for 8 days
        user = await new_user(last_seen_at=NOW - timedelta(days=8))
        # when they come back
        (insight, _), jobs = await with_jobs(lambda session: evaluation.record_visit(session, user, NOW))
        # then
        assert insight is not None
        assert jobs == [("insight_rephrase", (insight.id,), f"insight-rephrase:{insight.id}")]

    async def test_without_a_model_nothing_is_sent_and_our_wording_stays(self, offline):
        # given
        user = await new_user(settings={})
        await quiet_goal(user)
        # when
        summary, jobs = await with_jobs(evaluation_of(user))
        # then
        assert len(summary.insight_ids) == 1
        assert [name for name, _, _ in jobs if name == "insight_rephrase"] == []
        (row,) = await insights(user)
        assert row.rephrased is False and row.title == "You've been quiet on Kubernetes"

    async def test_the_worker_rewords_a_new_insight(self, model, worker):
        # given a faithful model
        model.default_reply = warmer
        user = await new_user(settings={})
        await quiet_goal(user)
        # when the evaluation writes a check-in (the job is sent after commit)
        async with unit_of_work() as session:
            await evaluation.evaluate_users(session, [user], NOW)

        # then
        async def reworded():
            found = await insights(user)
            return found and found[0].rephrased and found[0]

        row = await eventually(reworded)
        assert row.title == "You've been quiet on Kubernetes"
        assert row.message.startswith("A friendly note: No progress on Kubernetes for 20 days")
