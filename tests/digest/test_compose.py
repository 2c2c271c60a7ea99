"""Composing the morning briefing and the evening summary from known histories (pure): each section
when its facts hold and not otherwise, nothing to say gives no digest, send-when-quiet gives one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from api.digest.compose import compose, focus_goal, global_id
from api.digest.facts import (
    ApplicationFact,
    DigestFacts,
    DocumentFact,
    EntryFact,
    FollowUpFact,
    GoalFact,
    InsightFact,
    InterviewFact,
    MatchFact,
    PracticeFact,
    StatusChangeFact,
)
from api.guidance.facts import MarketFacts, SkillDemand
from api.vocabulary import DigestKind

TUESDAY = date(2026, 12, 1)  # a Tuesday
NOW = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)  # 07:30 in Berlin
ZONE = "Europe/Berlin"
KUBERNETES = GoalFact(11, "Learn Kubernetes", 40, date(2027, 1, 31), "to run our services")
SPANISH = GoalFact(12, "Spanish B1", 10, date(2026, 12, 20))


def person(**fields) -> DigestFacts:
    return replace(DigestFacts(user_id=1, timezone=ZONE, now=NOW, local_date=TUESDAY), **fields)


def match(job_id: int, score: int, hours_ago: int = 2) -> MatchFact:
    return MatchFact(
        job_id, f"Engineer {job_id}", "Acme", score, "Skills: you have 4 of 5 must-have skills.", NOW - timedelta(hours=hours_ago)
    )


def at(hour: int, minute: int = 0, day: date = TUESDAY) -> datetime:
    """A Berlin wall-clock time (UTC+1 in winter) as an instant."""
    return datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=UTC)


def keys(composed) -> list[str]:
    return [s.key for s in composed.sections]


def section(composed, key: str):
    return next(s for s in composed.sections if s.key == key)


class TestMorningBriefing:
    def test_up_to_five_strong_matches_best_first_with_score_reason_and_link(self):
        # given seven strong matches
        facts = person(matches=tuple(match(i, 75 + i) for i in range(1, 8)))
        # when
        composed = compose(facts, DigestKind.MORNING)
        # then
        matches = section(composed, "matches")
        assert [i.text for i in matches.items] == [f"Engineer {i} at Acme — {75 + i}/100" for i in (7, 6, 5, 4, 3)]
        assert matches.items[0].detail == "Skills: you have 4 of 5 must-have skills."
        assert matches.items[0].href == f"/jobs/{global_id('Job', 7)}"
        assert composed.subject == "Your morning briefing — Tue 1 Dec: 5 strong matches"

    def test_follow_ups_due_today_or_overdue_and_not_later_ones(self):
        # given
        facts = person(
            follow_ups=(
                FollowUpFact(1, 21, "Backend Engineer", "Acme", TUESDAY - timedelta(days=2)),
                FollowUpFact(2, 22, "SRE", "Globex", TUESDAY),
                FollowUpFact(3, 23, "Data Engineer", "Initech", TUESDAY + timedelta(days=1)),
            )
        )
        # when
        composed = compose(facts, DigestKind.MORNING)
        # then
        follow_ups = section(composed, "follow_ups")
        assert [i.text for i in follow_ups.items] == ["Follow up with Acme", "Follow up with Globex"]
        assert follow_ups.items[0].detail == "Backend Engineer; due Sun 29 Nov, 2 days ago"
        assert composed.subject == "Your morning briefing — Tue 1 Dec: 2 follow-ups"

    def test_todays_interviews_at_their_local_time(self):
        # given one interview at 14:00 Berlin today, one tomorrow
        facts = person(
            interviews=(
                InterviewFact(1, 31, "Backend Engineer", "Acme", at(14), "technical", link="https://meet.example/x"),
                InterviewFact(2, 32, "SRE", "Globex", at(10, day=TUESDAY + timedelta(days=1)), "onsite"),
            )
        )
        # when
        composed = compose(facts, DigestKind.MORNING)
        # then
        (item,) = section(composed, "interviews").items
        assert item.text == "14:00 Technical interview with Acme"
        assert item.detail == "Backend Engineer · https://meet.example/x"
        assert composed.subject == "Your morning briefing — Tue 1 Dec: 1 interview"

    def test_the_focus_is_the_goal_they_usually_log_on_this_weekday(self):
        # given Tuesday is a usual day, and Tuesdays went to Kubernetes twice, Spanish once
        tuesdays = [at(19, day=TUESDAY - timedelta(days=7 * n)) for n in (1, 2, 3)]
        facts = person(
            goals=(KUBERNETES, SPANISH),
            patterns={"rhythm": {"weekdays": ["tuesday", "thursday"]}},
            entries=(EntryFact(11, tuesdays[0], 5), EntryFact(11, tuesdays[1], 5), EntryFact(12, tuesdays[2], 5)),
            insight=InsightFact(1, "Quiet on Spanish", "You have not logged for 9 days.", "medium"),
        )
        # when
        composed = compose(facts, DigestKind.MORNING)
        # then
        (item,) = section(composed, "focus").items
        assert item.text == "Learn Kubernetes"
        assert item.detail == "On Tuesdays you usually work on Learn Kubernetes (2 sessions on Tuesdays lately)"
        assert item.href == f"/goals/{global_id('Goal', 11)}"

    def test_without_a_usual_weekday_the_focus_is_the_goal_closest_to_its_target_date(self):
        # given Tuesday is not one of their days
        facts = person(goals=(KUBERNETES, SPANISH), patterns={"rhythm": {"weekdays": ["saturday"]}})
        # when
        found = focus_goal(facts, TUESDAY)
        # then
        assert found is not None
        goal, why = found
        assert goal == SPANISH
        assert why == "Closest to its target date: due Sun 20 Dec, 19 days left; 10% done"

    def test_the_top_insight_with_its_link(self):
        # given
        insight = InsightFact(9, "Your search is not working", "12 applications, no answer.", "high", "Open the board", "/board")
        # when
        composed = compose(person(insight=insight), DigestKind.MORNING)
        # then
        (item,) = section(composed, "insight").items
        assert (item.text, item.detail, item.href) == ("Your search is not working", "12 applications, no answer.", "/board")
        assert composed.subject == "Your morning briefing — Tue 1 Dec: a note from your companion"

    def test_a_market_note_with_its_numbers_for_the_top_rising_skill_of_their_goals(self):
        # given Kubernetes (a goal) rose 31 vs 22, Python (profile) 60 vs 50, Rust (neither) tripled
        market = MarketFacts(
            30,
            TUESDAY,
            120,
            118,
            {
                "kubernetes": SkillDemand("Kubernetes", 31, 22, 120, 118),
                "python": SkillDemand("Python", 60, 50, 120, 118),
                "rust": SkillDemand("Rust", 30, 10, 120, 118),
            },
        )
        facts = person(goals=(KUBERNETES,), skills=("Python",), market=market, matches=(match(1, 90),))
        # when
        composed = compose(facts, DigestKind.MORNING)
        # then
        (item,) = section(composed, "market").items
        assert item.text == "Kubernetes: 31 of 120 postings in the last 30 days vs 22 of 118 before; +41%"
        assert item.detail == "Part of your goal “Learn Kubernetes”"
        assert item.href == "/market"

    def test_no_market_note_when_none_of_their_skills_rose(self):
        # given
        market = MarketFacts(30, TUESDAY, 120, 118, {"python": SkillDemand("Python", 40, 50, 120, 118)})
        # when
        composed = compose(person(skills=("Python",), market=market, matches=(match(1, 90),)), DigestKind.MORNING)
        # then
        assert keys(composed) == ["matches"]

    def test_every_section_in_order_when_every_fact_holds(self):
        # given
        market = MarketFacts(30, TUESDAY, 120, 118, {"kubernetes": SkillDemand("Kubernetes", 31, 22, 120, 118)})
        facts = person(
            matches=(match(1, 90),),
            follow_ups=(FollowUpFact(1, 21, "Backend Engineer", "Acme", TUESDAY),),
            interviews=(InterviewFact(1, 31, "SRE", "Globex", at(9), "phone_screen"),),
            goals=(KUBERNETES,),
            insight=InsightFact(1, "Title", "Message", "high"),
            market=market,
        )
        # when
        composed = compose(facts, DigestKind.MORNING)
        # then
        assert keys(composed) == ["matches", "follow_ups", "interviews", "focus", "insight", "market"]
        assert composed.subject == "Your morning briefing — Tue 1 Dec: 1 strong match, 1 interview, 1 follow-up"
        assert composed.text.startswith(composed.subject + "\n\nNew strong matches\n- Engineer 1 at Acme — 90/100\n")
        assert "\nMarket note\n- Kubernetes: 31 of 120" in composed.text

    def test_nothing_worth_saying_is_no_briefing(self):
        # given only context: a goal to focus on and a market note
        market = MarketFacts(30, TUESDAY, 120, 118, {"kubernetes": SkillDemand("Kubernetes", 31, 22, 120, 118)})
        # when
        composed = compose(person(goals=(KUBERNETES,), market=market), DigestKind.MORNING)
        # then
        assert composed is None

    def test_send_when_quiet_gives_a_briefing_anyway(self):
        # given nothing at all
        # when
        composed = compose(person(), DigestKind.MORNING, send_when_quiet=True)
        # then
        assert composed is not None
        assert composed.sections == ()
        assert composed.subject == "Your morning briefing — Tue 1 Dec: nothing new today"
        assert composed.text.endswith("Nothing new today. Enjoy your day.\n")


EVENING = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # 19:00 in Berlin


def evening(**fields) -> DigestFacts:
    return person(now=EVENING, **fields)


class TestEveningSummary:
    def test_what_they_did_today_counted_and_named(self):
        # given two applications, two entries (one yesterday), a document and a mock interview today
        facts = evening(
            goals=(KUBERNETES,),
            applications=(
                ApplicationFact(1, 21, "Backend Engineer", "Acme", "applied", at(9)),
                ApplicationFact(2, 22, "SRE", "Globex", "interested", at(10)),
                ApplicationFact(3, 23, "Old", "Initech", "applied", at(10, day=TUESDAY - timedelta(days=1))),
            ),
            entries=(
                EntryFact(11, at(8), 10, 30),
                EntryFact(11, at(18), 15, 45),
                EntryFact(11, at(8, day=TUESDAY - timedelta(days=1)), 5),
            ),
            documents=(DocumentFact(5, "cover_letter", "Cover letter for Acme", at(11)),),
            practice=(PracticeFact(6, "behavioral", at(16), 7.5),),
        )
        # when
        composed = compose(facts, DigestKind.EVENING)
        # then
        today = section(composed, "today")
        assert [i.text for i in today.items] == [
            "2 applications, 2 progress entries (+25 points), 1 document, 1 mock interview",
            "Added Backend Engineer at Acme to your board",
            "Added SRE at Globex to your board",
            "Learn Kubernetes: +25 points",
            "Generated cover letter: Cover letter for Acme",
            "Practised a behavioral mock interview",
        ]
        assert today.items[5].detail == "scored 7.5/10"
        assert today.items[4].href == f"/documents/{global_id('Document', 5)}"

    def test_the_streak_when_they_logged_today(self):
        # given three days in a row, today included
        facts = evening(active_days=(TUESDAY, TUESDAY - timedelta(days=1), TUESDAY - timedelta(days=2)))
        # when
        composed = compose(facts, DigestKind.EVENING)
        # then
        (item,) = section(composed, "streak").items
        assert (item.text, item.detail) == ("3 days in a row — a new best", "Longest streak: 3 days")
        assert composed.subject == "Your evening summary — Tue 1 Dec: 3-day streak"

    def test_a_streak_at_risk_when_today_is_not_logged_yet(self):
        # given
        facts = evening(active_days=(TUESDAY - timedelta(days=1), TUESDAY - timedelta(days=2)))
        # when
        composed = compose(facts, DigestKind.EVENING)
        # then
        (item,) = section(composed, "streak").items
        assert item.text == "Log progress today to keep your 2-day streak"

    def test_no_streak_section_after_a_break(self):
        # given the last entry three days ago, and a pipeline change today
        change = StatusChangeFact(1, 21, "Backend Engineer", "Acme", "applied", "interview", at(15))
        facts = evening(active_days=(TUESDAY - timedelta(days=3),), changes=(change,))
        # when
        composed = compose(facts, DigestKind.EVENING)
        # then
        assert keys(composed) == ["pipeline"]
        (item,) = section(composed, "pipeline").items
        assert (item.text, item.detail) == ("Acme: applied → interview", "Backend Engineer")

    def test_the_plan_for_tomorrow(self):
        # given an interview and a follow-up tomorrow, a goal and an insight with an action
        tomorrow = TUESDAY + timedelta(days=1)
        facts = evening(
            interviews=(InterviewFact(1, 31, "SRE", "Globex", at(10, day=tomorrow), "onsite", location="Berlin office"),),
            follow_ups=(FollowUpFact(1, 21, "Backend Engineer", "Acme", tomorrow),),
            goals=(SPANISH,),
            insight=InsightFact(1, "Quiet on Spanish", "9 days", "medium", "Open “Spanish B1”", "/goals/x"),
        )
        # when
        composed = compose(facts, DigestKind.EVENING)
        # then
        plan = section(composed, "tomorrow")
        assert plan.title == "Plan for tomorrow, Wed 2 Dec"
        assert [i.text for i in plan.items] == [
            "10:00 Onsite interview with Globex",
            "Follow up with Acme",
            "Log progress on Spanish B1",
            "Open “Spanish B1”",
        ]
        assert plan.items[3].href == "/goals/x"

    def test_nothing_done_and_nothing_ahead_is_no_summary(self):
        # given only a goal (the plan would say "log on it") and an old pipeline change
        change = StatusChangeFact(
            1, 21, "Backend Engineer", "Acme", "applied", "interview", at(15, day=TUESDAY - timedelta(days=1))
        )
        # when
        composed = compose(evening(goals=(SPANISH,), changes=(change,)), DigestKind.EVENING)
        # then
        assert composed is None

    def test_send_when_quiet_gives_a_summary_with_the_plan(self):
        # given
        # when
        composed = compose(evening(goals=(SPANISH,)), DigestKind.EVENING, send_when_quiet=True)
        # then
        assert composed is not None
        assert keys(composed) == ["tomorrow"]
        assert composed.subject == "Your evening summary — Tue 1 Dec"
