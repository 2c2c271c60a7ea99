"""Each rule's conditions are checked against its own schema (pure)."""

from __future__ import annotations

import pytest

from api.guidance.conditions import SCHEMAS, InvalidConditions, default_rules, effective, validate


class TestShippedRules:
    def test_every_shipped_rule_has_a_schema_and_valid_defaults(self):
        # given the data file the migration loads
        rules = default_rules()

        # then every rule is known, and its defaults are exactly its schema's fields
        assert {r["key"] for r in rules} == set(SCHEMAS)
        for rule in rules:
            assert set(rule["conditions"]) == set(SCHEMAS[rule["key"]].model_fields), rule["key"]


class TestValidate:
    def test_negative_days_are_refused(self):
        with pytest.raises(InvalidConditions) as error:
            validate("follow_up_due", {"days": -3})
        assert set(error.value.problems) == {"days"}

    def test_percentages_over_100_are_refused(self):
        with pytest.raises(InvalidConditions) as error:
            validate("market_nudge", {"rise_percent": 120, "window_days": 30, "min_postings": 20})
        assert "rise_percent" in error.value.problems

    def test_unknown_keys_are_refused_by_name(self):
        with pytest.raises(InvalidConditions) as error:
            validate("check_in", {"gap_multipler": 3})
        assert error.value.problems == {"gap_multipler": "unknown condition"}

    def test_unknown_rule(self):
        with pytest.raises(InvalidConditions):
            validate("horoscope", {})


class TestEffective:
    def test_the_persons_keys_replace_the_defaults_one_by_one(self):
        # given the defaults and one changed threshold
        defaults = {"days": 7}

        # when
        conditions = effective("follow_up_due", defaults, {"days": 10})

        # then
        assert conditions.model_dump() == {"days": 10}
        assert effective("follow_up_due", defaults, None).model_dump() == {"days": 7}
