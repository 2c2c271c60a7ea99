"""Follow-up due: an application in "applied" with no change for the days set (7)."""

from __future__ import annotations

from api.guidance.conditions import FollowUpDue
from api.guidance.rules import follow_up_due
from api.vocabulary import ApplicationStatus, InsightActionKind
from tests.guidance.known_histories import application, at, days_ago, facts

DEFAULTS = FollowUpDue()


class TestFollowUpDue:
    def test_fires_after_seven_days(self):
        # given
        history = facts(applications=(application(changed=at(days_ago(7), 9)),))
        # when
        (draft,) = follow_up_due.evaluate(history, DEFAULTS)
        # then
        assert draft.values == {"company": "Acme", "title": "Platform Engineer", "days": 7}
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [
            (InsightActionKind.DRAFT_EMAIL, {"application_id": 7, "email_kind": "follow_up"}),
            (InsightActionKind.OPEN, {"href": "/board"}),
        ]
        assert draft.dedupe_key == f"follow_up_due:application:7:since:{days_ago(7).isoformat()}"

    def test_is_silent_after_six_days(self):
        # given
        history = facts(applications=(application(changed=at(days_ago(6), 9)),))
        # when / then
        assert follow_up_due.evaluate(history, DEFAULTS) == []

    def test_is_silent_once_the_application_moved_on(self):
        # given
        history = facts(applications=(application(changed=at(days_ago(30), 9), status=ApplicationStatus.INTERVIEW),))
        # when / then
        assert follow_up_due.evaluate(history, DEFAULTS) == []

    def test_the_persons_days_apply(self):
        # given
        history = facts(applications=(application(changed=at(days_ago(10), 9)),))
        # when / then
        assert follow_up_due.evaluate(history, FollowUpDue(days=14)) == []
        assert len(follow_up_due.evaluate(history, FollowUpDue(days=10))) == 1

    def test_whole_days_count_where_the_person_lives(self):
        # given applied at 23:00 in Los Angeles seven days ago: six days ago in UTC
        changed = at(days_ago(7), 23, "America/Los_Angeles")
        # when
        in_los_angeles = follow_up_due.evaluate(
            facts(timezone="America/Los_Angeles", applications=(application(changed=changed),)), DEFAULTS
        )
        in_utc = follow_up_due.evaluate(facts(applications=(application(changed=changed),)), DEFAULTS)
        # then
        assert [d.values["days"] for d in in_los_angeles] == [7]
        assert in_utc == []
