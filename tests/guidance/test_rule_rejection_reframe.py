"""rejection_reframe on known histories: a recent rejection, reframed with what went well."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from api.guidance.conditions import RejectionReframe, default_rules
from api.guidance.facts import ApplicationFact, Draft, StatusChangeFact, UserFacts
from api.guidance.rules.rejection_reframe import evaluate
from api.vocabulary import ApplicationStatus, InsightActionKind

NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)
RULE = next(r for r in default_rules() if r["key"] == "rejection_reframe")
CONDITIONS = RejectionReframe()  # the last 7 days
S = ApplicationStatus


def application(app_id: int, *path: tuple[ApplicationStatus, float], company: str = "Acme") -> ApplicationFact:
    """An application through `path`: (status, days before the run) pairs, oldest first, from "interested"."""
    changes, previous = [], S.INTERESTED
    for status, days_ago in path:
        changes.append(StatusChangeFact(previous, status, NOW - timedelta(days=days_ago)))
        previous = status
    applied = next((c.changed_at for c in changes if c.to_status == S.APPLIED), None)
    created = NOW - timedelta(days=60)
    last = changes[-1].changed_at if changes else created
    return ApplicationFact(app_id, 40 + app_id, "Platform Engineer", company, previous, created, applied, last, tuple(changes))


INTERVIEWED = application(1, (S.APPLIED, 20), (S.INTERVIEW, 15), (S.REJECTED, 2))
IN_FLIGHT = (
    application(2, (S.APPLIED, 10), company="Initech"),
    application(3, (S.APPLIED, 12), (S.INTERVIEW, 5), company="Globex"),
    application(4, (S.INTERESTED, 1), company="Hooli"),  # not sent: not in flight
    application(5, (S.APPLIED, 30), (S.REJECTED, 20), company="Umbrella"),  # an older rejection
)


def facts(*applications: ApplicationFact) -> UserFacts:
    return UserFacts(user_id=1, timezone="Europe/Berlin", now=NOW, applications=applications)


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestRejectionReframe:
    def test_rejection_after_an_interview(self):
        # given a rejection two days ago after an interview, and two other applications in flight
        history = facts(INTERVIEWED, *IN_FLIGHT)
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then only the recent rejection speaks, with what went well
        assert rendered(draft) == (
            "About Acme",
            "Acme said no to Platform Engineer. You reached the interview stage: they saw something in you. "
            "Your application got a response in 5 days. 2 other applications are still in flight. "
            "Every process teaches something; the next one starts with what you learned here.",
        )
        assert [(e.label, e.value) for e in draft.evidence] == [
            ("Furthest stage", "interview"),
            ("First response", "5 days after applying"),
            ("Still in flight", "2 applications"),
        ]
        assert [(a.kind, a.arguments["href"]) for a in draft.actions] == [
            (InsightActionKind.OPEN, "/discover"),
            (InsightActionKind.OPEN, "/jobs/Sm9iOjQx"),
        ]
        assert draft.dedupe_key == "rejection_reframe:1"

    def test_direct_rejection_without_others(self):
        # given an application rejected one day after it was sent, and nothing else
        # when
        [draft] = evaluate(facts(application(6, (S.APPLIED, 4), (S.REJECTED, 3))), CONDITIONS)
        # then
        assert draft.values["went_well"] == "Your application got a response in 1 day."

    def test_one_other_in_flight(self):
        # given one other application waiting
        history = facts(application(6, (S.APPLIED, 4), (S.REJECTED, 3)), IN_FLIGHT[0])
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then
        assert draft.values["went_well"] == "Your application got a response in 1 day. 1 other application is still in flight."

    def test_rejection_without_a_known_application_date(self):
        # given a saved job marked rejected straight away (never "applied")
        # when
        [draft] = evaluate(facts(application(7, (S.REJECTED, 1))), CONDITIONS)
        # then the message still finds something kind to say
        assert draft.values["went_well"] == "You put yourself forward, and that is how every offer starts."

    def test_silent_outside_the_lookback(self):
        # given the rejection happened 7 days ago (the window is the last 7 days, exclusive of its start)
        old = application(1, (S.APPLIED, 20), (S.INTERVIEW, 15), (S.REJECTED, 7))
        # when / then
        assert evaluate(facts(old, *IN_FLIGHT), CONDITIONS) == []

    def test_silent_for_other_statuses(self):
        # given recent moves to interview, offer and withdrawal
        moved = (
            application(1, (S.APPLIED, 5), (S.INTERVIEW, 1)),
            application(2, (S.APPLIED, 5), (S.OFFER, 1)),
            application(3, (S.APPLIED, 5), (S.DECLINED, 1)),
        )
        # when / then
        assert evaluate(facts(*moved), CONDITIONS) == []

    def test_one_per_application_with_stable_keys(self):
        # given two recent rejections, evaluated twice
        second = application(8, (S.APPLIED, 9), (S.REJECTED, 1), company="Initech")
        history = facts(INTERVIEWED, second)
        # when
        first, again = evaluate(history, CONDITIONS), evaluate(replace(history), CONDITIONS)
        # then
        assert [d.dedupe_key for d in first] == ["rejection_reframe:1", "rejection_reframe:8"]
        assert [d.dedupe_key for d in again] == [d.dedupe_key for d in first]
        assert "in flight" not in first[0].values["went_well"]  # the other one is a rejection too
