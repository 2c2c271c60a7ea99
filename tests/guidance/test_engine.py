"""The engine: which drafts become insights for one person, rendered with the rules' templates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from api.guidance import engine
from api.guidance.conditions import default_rules, validate
from api.guidance.facts import Reactions
from api.vocabulary import GuidanceLevel, InsightKind, InsightPriority, TriggerType
from tests.guidance.known_histories import NOW, TODAY, application, at, days_ago, entries, facts, goal

SHIPPED = {rule["key"]: rule for rule in default_rules()}


def person_rule(key: str, **fields) -> engine.PersonRule:
    position = list(SHIPPED).index(key)
    row = SHIPPED[key]
    spec = engine.RuleSpec(
        id=position + 1,
        key=key,
        kind=InsightKind(row["insight_kind"]),
        priority=InsightPriority(row["priority"]),
        trigger_type=TriggerType(row["trigger_type"]),
        title_template=row["title_template"],
        message_template=row["message_template"],
        active=fields.pop("active", True),
        position=position,
    )
    return engine.PersonRule(spec=spec, conditions=validate(key, row["conditions"]), **fields)


# a history on which every rule of this module fires: a quiet goal far behind its target, an
# application waiting for an answer, and a visit after 8 days away
BUSY = facts(
    goals=(goal(1, "Kubernetes", progress=20, target=TODAY + timedelta(days=10)),),
    entries=entries(1, 28, 20, 12, amount=5) + entries(1, 10, amount=5),
    applications=(application(changed=at(days_ago(9), 9)),),
    last_seen_at=NOW - timedelta(days=8),
)
MINE = ("check_in", "welcome_back", "follow_up_due", "deadline_at_risk")
NORMAL = engine.Preferences(GuidanceLevel.NORMAL)


class TestTemplates:
    @pytest.mark.parametrize("key", MINE)
    def test_every_placeholder_is_in_the_drafts_values(self, key):
        # given
        rules = [person_rule(key)]
        # when
        (candidate,) = engine.decide(BUSY, rules, NORMAL)[:1]
        # then
        assert "{" not in candidate.title and "{" not in candidate.message
        assert candidate.title == SHIPPED[key]["title_template"].format_map(dict(candidate.values))

    def test_renders_the_check_in(self):
        # given
        rules = [person_rule("check_in")]
        # when
        (candidate,) = engine.decide(BUSY, rules, NORMAL)
        # then
        assert candidate.title == "You've been quiet on Kubernetes"
        assert candidate.message == (
            "No progress on Kubernetes for 10 days; you usually log more often than that. "
            "Adjust the timeline or break the current step down?"
        )
        assert (candidate.kind, candidate.priority, candidate.user_id) == (InsightKind.CHECK_IN, InsightPriority.MEDIUM, 1)


class TestWhichRulesRun:
    def test_inactive_and_muted_rules_stay_silent(self):
        # given
        rules = [person_rule("check_in", active=False), person_rule("follow_up_due", muted=True)]
        # when / then
        assert engine.decide(BUSY, rules, NORMAL) == []

    def test_nothing_runs_when_guidance_is_off(self):
        # given
        rules = [person_rule(key) for key in MINE]
        # when / then
        assert engine.decide(BUSY, rules, engine.Preferences(GuidanceLevel.OFF)) == []

    def test_only_the_trigger_asked_for(self):
        # given
        rules = [person_rule(key) for key in MINE]
        # when
        found = engine.decide(BUSY, rules, NORMAL, only_trigger=TriggerType.PROGRESS_BASED)
        # then
        assert [c.rule_key for c in found] == ["check_in", "deadline_at_risk"]

    def test_skipped_and_only_keys(self):
        # given
        rules = [person_rule(key) for key in MINE]
        # when
        skipped = engine.decide(BUSY, rules, NORMAL, skip_keys=("welcome_back",))
        only = engine.decide(BUSY, rules, NORMAL, only_keys=("welcome_back",))
        # then
        assert "welcome_back" not in {c.rule_key for c in skipped}
        assert [c.rule_key for c in only] == ["welcome_back"]

    def test_wellbeing_only_for_people_who_opted_in(self):
        # given
        rule = person_rule("pacing_wellbeing")
        # when / then
        assert not engine.applies(rule, engine.Preferences(GuidanceLevel.NORMAL, wellbeing=False), NOW, None)
        assert engine.applies(rule, engine.Preferences(GuidanceLevel.NORMAL, wellbeing=True), NOW, None)

    def test_a_rule_without_a_module_is_skipped(self, monkeypatch):
        # given
        def missing(key):
            raise ModuleNotFoundError(key)

        monkeypatch.setattr(engine, "rule_function", missing)
        monkeypatch.setattr(engine, "_missing", set())  # what this test reports missing stays here
        # when / then
        assert engine.decide(BUSY, [person_rule("check_in")], NORMAL) == []

    def test_a_template_that_does_not_render_is_skipped(self):
        # given a template naming a value the rule does not give
        rule = person_rule("check_in")
        broken = engine.PersonRule(
            spec=engine.RuleSpec(**{**rule.spec.__dict__, "title_template": "{goal} {nowhere}"}), conditions=rule.conditions
        )
        # when / then
        assert engine.decide(BUSY, [broken], NORMAL) == []


class TestLearning:
    def test_the_base_cooldown_waits_a_day(self):
        # given the rule spoke 20 hours ago, and 2 days ago
        recent = person_rule("check_in", last_insight_at=NOW - timedelta(hours=20))
        older = person_rule("check_in", last_insight_at=NOW - timedelta(days=2))
        # when / then
        assert engine.decide(BUSY, [recent], NORMAL) == []
        assert len(engine.decide(BUSY, [older], NORMAL)) == 1

    def test_four_of_five_dismissed_make_the_rule_quieter(self):
        # given 4 of the last 5 dismissed; the rule last spoke 3 days ago
        dismissed = Reactions(shown=5, dismissed=4)
        waiting = person_rule("follow_up_due", reactions=dismissed, last_insight_at=NOW - timedelta(days=3))
        later = person_rule("follow_up_due", reactions=dismissed, last_insight_at=NOW - timedelta(days=8))
        # when
        found = engine.decide(BUSY, [later], NORMAL)
        # then: a week between two insights, one priority step lower, and it says so
        assert engine.decide(BUSY, [waiting], NORMAL) == []
        assert found[0].priority == InsightPriority.LOW
        assert found[0].evidence[-1].value == "Shown less often: you dismissed 4 of the last 5."

    def test_useful_insights_speak_louder(self):
        # given
        rule = person_rule("follow_up_due", reactions=Reactions(shown=4, useful=3))
        # when
        (candidate,) = engine.decide(BUSY, [rule], NORMAL)
        # then
        assert candidate.priority == InsightPriority.HIGH


class TestChoose:
    def candidates(self):
        rules = [person_rule(key) for key in MINE]
        return engine.decide(BUSY, rules, NORMAL, skip_keys=("welcome_back",))

    def test_most_important_first_then_rule_order(self):
        # when
        chosen = engine.choose(self.candidates(), existing=set(), room=3)
        # then
        assert [c.rule_key for c in chosen] == ["deadline_at_risk", "check_in", "follow_up_due"]

    def test_the_daily_room_keeps_the_most_important(self):
        # when
        chosen = engine.choose(self.candidates(), existing=set(), room=1)
        # then
        assert [c.rule_key for c in chosen] == ["deadline_at_risk"]

    def test_a_known_fact_is_not_raised_again_but_a_rules_next_one_is(self):
        # given two applications waiting; the first one's insight exists
        history = facts(applications=(application(7, changed=at(days_ago(12), 9)), application(8, changed=at(days_ago(9), 9))))
        found = engine.decide(history, [person_rule("follow_up_due")], NORMAL)
        # when
        chosen = engine.choose(found, existing={found[0].dedupe_key}, room=3)
        # then
        assert [c.dedupe_key for c in chosen] == [found[1].dedupe_key]
        assert len(engine.choose(found, existing=set(), room=3)) == 1  # one insight per rule and run


class TestNotifies:
    @pytest.mark.parametrize(
        ("priority", "level", "expected"),
        [
            (InsightPriority.URGENT, GuidanceLevel.NORMAL, True),
            (InsightPriority.HIGH, GuidanceLevel.WEEKLY, True),
            (InsightPriority.MEDIUM, GuidanceLevel.NORMAL, False),
            (InsightPriority.MEDIUM, GuidanceLevel.EAGER, True),
            (InsightPriority.LOW, GuidanceLevel.EAGER, False),
            (InsightPriority.URGENT, GuidanceLevel.OFF, False),
        ],
    )
    def test_high_and_urgent_raise_an_alert_medium_for_eager_people(self, priority, level, expected):
        # when / then
        assert engine.notifies(priority, level) is expected
