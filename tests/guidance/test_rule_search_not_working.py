"""search_not_working on known histories: many applications, (almost) no responses."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from api.guidance.conditions import SearchNotWorking, default_rules
from api.guidance.facts import ApplicationFact, Draft, StatusChangeFact, UserFacts
from api.guidance.rules.search_not_working import evaluate
from api.vocabulary import ApplicationStatus, InsightActionKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)
RULE = next(r for r in default_rules() if r["key"] == "search_not_working")
CONDITIONS = SearchNotWorking()  # at least 8 applications in 30 days, at most 0% responses


def application(app_id: int, days_ago: float, status: ApplicationStatus = ApplicationStatus.APPLIED) -> ApplicationFact:
    """Applied `days_ago` days before the run; any later status is one change after it."""
    applied = NOW - timedelta(days=days_ago)
    history = (StatusChangeFact(ApplicationStatus.INTERESTED, ApplicationStatus.APPLIED, applied),)
    if status != ApplicationStatus.APPLIED:
        history += (StatusChangeFact(ApplicationStatus.APPLIED, status, applied + timedelta(days=1)),)
    return ApplicationFact(
        app_id,
        app_id,
        f"Engineer {app_id}",
        "Acme",
        status,
        applied - timedelta(days=1),
        applied,
        history[-1].changed_at,
        history,
    )


def silent_search(count: int, first_id: int = 1, days_ago: float = 2) -> tuple[ApplicationFact, ...]:
    return tuple(application(first_id + i, days_ago + i) for i in range(count))


def facts(*applications: ApplicationFact) -> UserFacts:
    return UserFacts(user_id=1, timezone="Europe/Berlin", now=NOW, applications=applications)


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestSearchNotWorking:
    def test_fires_on_eight_applications_without_a_response(self):
        # given 8 applications sent 2..9 days ago, none answered
        history = facts(*silent_search(8))
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert rendered(draft) == (
            "0 of 8 applications answered",
            "In the last 30 days you sent 8 applications and heard back from 0. "
            "Try tailoring your résumé to each posting, other sources, or adjacent roles.",
        )
        assert [(e.label, e.value) for e in draft.evidence] == [
            ("Applications sent", "8 in the last 30 days (since 2025-05-12)"),
            ("Responses", "0 of 8 (0%)"),
            ("Still waiting", "8 applications"),
            ("Threshold", "at least 8 applications with a response rate of 0% or less"),
        ]
        assert [(a.kind, a.arguments["href"]) for a in draft.actions] == [
            (InsightActionKind.OPEN, "/documents"),
            (InsightActionKind.OPEN, "/sources"),
            (InsightActionKind.OPEN, "/discover"),
        ]

    def test_silent_one_application_short(self):
        # given 7 applications without a response
        # when / then
        assert evaluate(facts(*silent_search(7)), CONDITIONS) == []

    def test_silent_with_one_response(self):
        # given 8 applications, one invited to interview (12.5%)
        history = facts(*silent_search(7), application(20, 3, ApplicationStatus.INTERVIEW))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_a_rejection_is_a_response(self):
        # given 8 applications, one rejected
        history = facts(*silent_search(7), application(20, 3, ApplicationStatus.REJECTED))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_a_withdrawal_is_not_a_response(self):
        # given 8 applications, one withdrawn by the person
        history = facts(*silent_search(7), application(20, 3, ApplicationStatus.DECLINED))
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert (draft.values["applications"], draft.values["responses"]) == (8, 0)
        assert draft.evidence[2].value == "7 applications"

    def test_fires_exactly_at_a_raised_response_threshold(self):
        # given 1 response of 8 (12.5%) and a threshold of 12.5%
        history = facts(*silent_search(7), application(20, 3, ApplicationStatus.INTERVIEW))
        # when
        [draft] = evaluate(history, SearchNotWorking(max_response_percent=12.5))
        # then
        assert draft.evidence[1].value == "1 of 8 (13%)"
        assert (draft.values["applications"], draft.values["responses"]) == (8, 1)

    def test_applications_outside_the_window_do_not_count(self):
        # given 7 applications in the window and 3 sent 31..33 days ago
        history = facts(*silent_search(7), *silent_search(3, first_id=20, days_ago=31))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_dedupe_key_is_the_week(self):
        # given the same facts twice, then a week later with 8 fresh applications
        history = facts(*silent_search(8))
        later = replace(history, now=NOW + timedelta(days=7))
        # when
        first, again, next_week = (evaluate(h, CONDITIONS)[0].dedupe_key for h in (history, history, later))
        # then
        assert first == again == "search_not_working:2025-W24"
        assert next_week == "search_not_working:2025-W25"
