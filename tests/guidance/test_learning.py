"""A person's reactions change a rule for them, and the product says so (pure)."""

from __future__ import annotations

from api.guidance.facts import Reactions
from api.guidance.learning import BASE_COOLDOWN_DAYS, QUIETER_COOLDOWN_DAYS, learned
from api.vocabulary import InsightPriority


class TestLearned:
    def test_mostly_dismissed_shows_less_often_and_says_why(self):
        # given 4 of the last 5 insights of the rule dismissed
        reactions = Reactions(shown=5, dismissed=4)

        # when
        result = learned(InsightPriority.HIGH, reactions)

        # then
        assert result.priority is InsightPriority.MEDIUM
        assert result.cooldown_days == QUIETER_COOLDOWN_DAYS
        assert result.note == "Shown less often: you dismissed 4 of the last 5."

    def test_marked_not_useful_counts_too(self):
        result = learned(InsightPriority.MEDIUM, Reactions(shown=4, dismissed=1, not_useful=3))
        assert result.priority is InsightPriority.LOW
        assert result.note == "Shown less often: you marked 3 of the last 4 not useful."

    def test_useful_advice_speaks_louder(self):
        result = learned(InsightPriority.MEDIUM, Reactions(shown=4, useful=2, acted=1))
        assert result.priority is InsightPriority.HIGH
        assert result.cooldown_days == BASE_COOLDOWN_DAYS
        assert result.note is not None and result.note.startswith("Shown more prominently")

    def test_too_few_reactions_teach_nothing(self):
        result = learned(InsightPriority.LOW, Reactions(shown=2, dismissed=2))
        assert (result.priority, result.cooldown_days, result.note) == (InsightPriority.LOW, BASE_COOLDOWN_DAYS, None)

    def test_priority_never_drops_below_low(self):
        assert learned(InsightPriority.LOW, Reactions(shown=5, dismissed=5)).priority is InsightPriority.LOW
