"""guidanceRules and guidanceRuleUpdate: the viewer's effective rules (thresholds over the defaults,
mute, what their reactions taught), and strict validation of the thresholds they change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.graphql import db_id, signed_up
from tests.support.insights import GUIDANCE_RULES, RULE_UPDATE, override_row, seed_insight

CHECK_IN_DEFAULTS = {"gap_multiplier": 2.0, "min_days": 3, "default_days": 7}


async def rules(user) -> dict[str, dict]:
    return {r["key"]: r for r in (await user.gql(GUIDANCE_RULES))["viewer"]["guidanceRules"]}


async def update(user, **input) -> dict:
    return (await user.gql(RULE_UPDATE, {"input": input}))["guidanceRuleUpdate"]


class TestGuidanceRules:
    async def test_every_shipped_rule_with_its_defaults(self, client):
        # given
        user = await signed_up(client)
        # when
        found = await rules(user)
        # then
        assert set(found) == {
            "check_in",
            "welcome_back",
            "market_nudge",
            "urgent_skill_gap",
            "celebration",
            "follow_up_due",
            "search_not_working",
            "pacing_wellbeing",
            "rejection_reframe",
            "deadline_at_risk",
            "ready_next_level",
            "stale_profile",
        }
        check_in = found["check_in"]
        assert (check_in["name"], check_in["triggerType"], check_in["insightKind"]) == (
            "Check-in on a quiet goal",
            "PROGRESS_BASED",
            "CHECK_IN",
        )
        assert check_in["conditions"] == check_in["defaults"] == CHECK_IN_DEFAULTS
        assert (check_in["priority"], check_in["effectivePriority"], check_in["muted"], check_in["active"]) == (
            "MEDIUM",
            "MEDIUM",
            False,
            True,
        )
        assert (check_in["cooldownDays"], check_in["learning"]) == (1, None)

    async def test_what_the_rule_learned_from_dismissals(self, client):
        # given: 4 of the last 5 check-ins dismissed
        user = await signed_up(client)
        uid = db_id(user.user_id)
        now = datetime.now(UTC)
        for i in range(5):
            await seed_insight(uid, created_at=now - timedelta(days=i), dismissed_at=now if i < 4 else None)
        # when
        check_in = (await rules(user))["check_in"]
        # then
        assert (check_in["priority"], check_in["effectivePriority"], check_in["cooldownDays"]) == ("MEDIUM", "LOW", 7)
        assert check_in["learning"] == "Shown less often: you dismissed 4 of the last 5."


class TestGuidanceRuleUpdate:
    async def test_a_changed_threshold_is_stored_alone_over_the_defaults(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, key="check_in", conditions={"min_days": 5})
        # then
        assert payload["errors"] == []
        assert payload["rule"]["conditions"] == {**CHECK_IN_DEFAULTS, "min_days": 5}
        assert payload["rule"]["defaults"] == CHECK_IN_DEFAULTS
        override = await override_row(db_id(user.user_id), "check_in")
        assert override is not None and override.conditions == {"min_days": 5} and override.muted is False
        assert (await rules(user))["check_in"]["conditions"] == {**CHECK_IN_DEFAULTS, "min_days": 5}

    async def test_a_second_change_keeps_the_first(self, client):
        # given
        user = await signed_up(client)
        await update(user, key="check_in", conditions={"min_days": 5})
        # when
        payload = await update(user, key="check_in", conditions={"gap_multiplier": 3})
        # then
        assert payload["rule"]["conditions"] == {"gap_multiplier": 3.0, "min_days": 5, "default_days": 7}
        assert (await override_row(db_id(user.user_id), "check_in")).conditions == {"gap_multiplier": 3.0, "min_days": 5}

    async def test_a_threshold_set_back_to_its_default_leaves_the_override(self, client):
        # given
        user = await signed_up(client)
        await update(user, key="check_in", conditions={"min_days": 5, "default_days": 10})
        # when
        await update(user, key="check_in", conditions={"min_days": 3})
        # then
        assert (await override_row(db_id(user.user_id), "check_in")).conditions == {"default_days": 10}

    async def test_mute_keeps_the_thresholds_and_they_keep_the_mute(self, client):
        # given
        user = await signed_up(client)
        await update(user, key="market_nudge", conditions={"rise_percent": 30})
        # when
        muted = await update(user, key="market_nudge", muted=True)
        changed = await update(user, key="market_nudge", conditions={"window_days": 60})
        # then
        assert muted["rule"]["muted"] is True and muted["rule"]["conditions"]["rise_percent"] == 30
        assert changed["rule"]["muted"] is True and changed["rule"]["conditions"]["window_days"] == 60
        assert (await rules(user))["market_nudge"]["muted"] is True

    async def test_reset_goes_back_to_the_defaults(self, client):
        # given
        user = await signed_up(client)
        await update(user, key="check_in", conditions={"min_days": 5}, muted=True)
        # when
        payload = await update(user, key="check_in", reset=True)
        # then
        assert payload["errors"] == []
        assert payload["rule"]["conditions"] == CHECK_IN_DEFAULTS and payload["rule"]["muted"] is False
        assert await override_row(db_id(user.user_id), "check_in") is None

    async def test_a_negative_number_of_days_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, key="check_in", conditions={"min_days": -2})
        # then
        assert payload["rule"] is None
        assert payload["errors"] == [
            {"field": "conditions", "message": "min_days: Input should be greater than or equal to 1", "code": "OUT_OF_RANGE"}
        ]
        assert await override_row(db_id(user.user_id), "check_in") is None

    async def test_a_percentage_over_100_is_refused(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, key="market_nudge", conditions={"rise_percent": 120})
        # then
        assert payload["errors"] == [
            {"field": "conditions", "message": "rise_percent: Input should be less than or equal to 100", "code": "OUT_OF_RANGE"}
        ]
        assert await override_row(db_id(user.user_id), "market_nudge") is None

    async def test_an_unknown_condition_is_refused_with_every_other_problem(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, key="follow_up_due", conditions={"dayz": 3, "days": 0}, muted=True)
        # then
        assert sorted((e["field"], e["message"], e["code"]) for e in payload["errors"]) == [
            ("conditions", "days: Input should be greater than or equal to 1", "OUT_OF_RANGE"),
            ("conditions", "dayz: unknown condition for this rule", "INVALID"),
        ]
        assert await override_row(db_id(user.user_id), "follow_up_due") is None

    async def test_conditions_must_be_an_object(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, key="check_in", conditions=[3])
        # then
        assert payload["errors"] == [
            {"field": "conditions", "message": "Conditions must be an object of condition names and values", "code": "INVALID"}
        ]

    async def test_an_unknown_rule(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await update(user, key="horoscope", muted=True)
        # then
        assert payload["errors"] == [{"field": "key", "message": "Guidance rule not found", "code": "NOT_FOUND"}]

    async def test_one_persons_change_is_theirs_alone(self, client):
        # given
        user = await signed_up(client)
        other = await signed_up(client)
        # when
        await update(user, key="check_in", conditions={"min_days": 9}, muted=True)
        # then
        theirs = (await rules(other))["check_in"]
        assert theirs["conditions"] == CHECK_IN_DEFAULTS and theirs["muted"] is False
