"""pacing_wellbeing on known histories: late nights and low mood or energy, only when opted in."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.guidance.conditions import PacingWellbeing, default_rules
from api.guidance.facts import Draft, EntryFact, GoalFact, UserFacts
from api.guidance.rules.pacing_wellbeing import evaluate
from api.vocabulary import GoalDifficulty, GoalStatus, InsightActionKind

TZ = "America/Los_Angeles"
NOW = datetime(2025, 6, 11, 14, 0, tzinfo=UTC)  # 07:00 on 2025-06-11 in Los Angeles
RULE = next(r for r in default_rules() if r["key"] == "pacing_wellbeing")
CONDITIONS = PacingWellbeing()  # 14 days; 23:00-05:00 on 4 nights; 3 entries at mood/energy <= 2
GOALS = (
    GoalFact(7, "Learn Kubernetes", GoalStatus.ACTIVE, GoalDifficulty.HARD, 40, date(2025, 5, 1)),
    GoalFact(8, "Read DDIA", GoalStatus.ACTIVE, GoalDifficulty.MEDIUM, 20, date(2025, 5, 1)),
    GoalFact(9, "Side project", GoalStatus.PAUSED, GoalDifficulty.EASY, 10, date(2025, 5, 1)),
)


def entry(goal_id: int, day: int, hour: int, minute: int = 0, mood: int | None = None, energy: int | None = None) -> EntryFact:
    """An entry logged at a Los Angeles wall-clock time in June 2025."""
    local = datetime.combine(date(2025, 6, day), time(hour, minute), tzinfo=ZoneInfo(TZ))
    return EntryFact(goal_id, local.astimezone(UTC), amount=5, mood=mood, energy=energy)


# 4 late nights: Jun 1 (23:30 and 00:30 after it), Jun 3 (01:00 on the 4th), Jun 5 (23:10), Jun 7 (04:59 on the 8th)
LATE = (
    entry(7, 1, 23, 30),
    entry(7, 2, 0, 30),
    entry(8, 4, 1),
    entry(7, 5, 23, 10),
    entry(8, 8, 4, 59),
)
NOT_LATE = (entry(9, 9, 5), entry(9, 9, 22, 59), entry(9, 10, 19), entry(9, 10, 20), entry(9, 10, 21))
LOW = (entry(8, 6, 18, mood=2), entry(8, 7, 18, energy=1), entry(8, 9, 18, mood=4, energy=2))


def facts(*entries: EntryFact, wellbeing: bool = True, timezone: str = TZ) -> UserFacts:
    ordered = tuple(sorted(entries, key=lambda e: e.logged_at))
    return UserFacts(user_id=1, timezone=timezone, now=NOW, wellbeing=wellbeing, goals=GOALS, entries=ordered)


def rendered(draft: Draft) -> tuple[str, str]:
    return RULE["title_template"].format_map(draft.values), RULE["message_template"].format_map(draft.values)


class TestPacingWellbeing:
    def test_late_nights_with_a_lighter_goal_or_a_pause(self):
        # given progress logged on 4 late nights (5 entries) and at ordinary hours
        history = facts(*LATE, *NOT_LATE)
        # when
        [draft] = evaluate(history, CONDITIONS)
        # then the most logged active goal (7: 3 entries; paused 9 has 5) is the one to lighten or pause
        assert rendered(draft) == (
            "A gentle note about late nights",
            "You have been putting in real effort: you logged progress late at night on 4 of the last 14 days. "
            "Progress keeps better when it is sustainable: a lighter goal or a short pause is a fine choice.",
        )
        assert [(e.label, e.value) for e in draft.evidence] == [
            ("Late-night sessions", "4 nights in the last 14 days between 23:00 and 05:00")
        ]
        assert [(a.kind, dict(a.arguments)) for a in draft.actions] == [
            (InsightActionKind.ADAPT_GOAL, {"goal_id": 7}),
            (InsightActionKind.PAUSE_GOAL, {"goal_id": 7}),
            (InsightActionKind.OPEN, {"href": "/goals/R29hbDo3"}),
        ]

    def test_silent_on_three_late_nights(self):
        # given the 04:59 entry is gone: 3 nights left (23:30 and 00:30 are one night)
        # when / then
        assert evaluate(facts(*LATE[:-1], *NOT_LATE), CONDITIONS) == []

    def test_local_hours_come_from_the_time_zone(self):
        # given the same instants for a person in Berlin, where they are mornings and afternoons
        # when / then
        assert evaluate(facts(*LATE, timezone="Europe/Berlin"), CONDITIONS) == []

    def test_a_late_window_that_does_not_wrap(self):
        # given late means 19:00-22:00: three evenings of Jun 10 make one night, with Jun 9 at 22:59 outside
        conditions = PacingWellbeing(late_from_hour=19, late_until_hour=22, late_days=1)
        # when
        [draft] = evaluate(facts(*NOT_LATE), conditions)
        # then
        assert draft.evidence[0].value == "1 night in the last 14 days between 19:00 and 22:00"

    def test_low_mood_or_energy(self):
        # given 3 entries with mood or energy at 2 or below
        # when
        [draft] = evaluate(facts(*LOW, entry(7, 9, 18, mood=3, energy=3)), CONDITIONS)
        # then
        assert dict(draft.values) == {
            "headline": "Checking in on how you feel",
            "observation": "You have been putting in real effort: 3 entries noted low mood or energy.",
        }
        assert draft.evidence[0].value == "3 of 4 entries at 2/5 or below"
        assert draft.actions[0].arguments == {"goal_id": 8}

    def test_both_signals(self):
        # given late nights and low entries
        # when
        [draft] = evaluate(facts(*LATE, *LOW), CONDITIONS)
        # then
        assert draft.values["headline"] == "Taking care of yourself matters too"
        assert draft.values["observation"] == (
            "You have been putting in real effort: you logged progress late at night on 4 of the last 14 days "
            "and 3 entries noted low mood or energy."
        )

    def test_silent_on_two_low_entries(self):
        # given only 2 low entries, and a mood of 3
        # when / then
        assert evaluate(facts(*LOW[:2], entry(8, 9, 18, mood=3)), CONDITIONS) == []

    def test_silent_when_not_opted_in(self):
        # given both signals but no opt-in
        # when / then
        assert evaluate(facts(*LATE, *LOW, wellbeing=False), CONDITIONS) == []

    def test_entries_outside_the_window_do_not_count(self):
        # given the same late nights and low entries, seen 14 days later
        history = replace(facts(*LATE, *LOW), now=NOW + timedelta(days=14))
        # when / then
        assert evaluate(history, CONDITIONS) == []

    def test_never_shaming(self):
        # given both signals
        [draft] = evaluate(facts(*LATE, *LOW), CONDITIONS)
        # when
        text = " ".join(rendered(draft)).lower()
        # then
        assert not any(word in text for word in ("should", "too much", "too late", "fail", "bad", "must", "stop"))

    def test_dedupe_key_is_the_local_week(self):
        # given the same facts twice, then the same pattern a week later
        history = facts(*LATE, *LOW)
        later = replace(
            history,
            now=NOW + timedelta(days=7),
            entries=tuple(replace(e, logged_at=e.logged_at + timedelta(days=7)) for e in history.entries),
        )
        # when
        first, again, next_week = (evaluate(h, CONDITIONS)[0].dedupe_key for h in (history, history, later))
        # then
        assert first == again == "pacing_wellbeing:2025-W24"
        assert next_week == "pacing_wellbeing:2025-W25"
