"""Career recommendations from a person's own facts: pure and deterministic.

`recommend(facts)` turns plain records (profile skills, journey and ladder, the skill gaps of
their jobs, market trends, learning patterns and context, application response rate, active
goals) into candidates of five types:

* **next_goal** - the target role (or the usual next role on the ladder): work towards it,
  starting with its biggest key-skill gaps. Needs a role the ladder knows.
* **skill_focus** - the top skill gaps of their jobs, ranked by frequency x market trend
  (`api.market.gaps`); at most `MAX_SKILL_FOCUS`.
* **course** - the top gap skill in their preferred learning format (context first, then the
  format that finished most of their goals, then the one with most minutes). Silent when no
  format is known.
* **certification** - a well-known certification (`data/certifications.json`, our curation) for a
  gap skill of their jobs or a key-skill gap of the target role.
* **networking** - a low response rate (at least `MIN_APPLIED` applications, under
  `LOW_RESPONSE_PERCENT` % answered) or a target role off their ladder's usual next steps
  (a role change): reach out to people in the target role.

Nothing is suggested that an active goal already pursues (the subject named in its title).

Each candidate carries three scores in 0..1 with how each was computed (`scoring`):
* confidence - how much data it rests on (jobs, postings behind the trend, a known ladder role);
* market_relevance - the market trend mapped to 0..1 (`0.5 + trend / 200`, unknown = 0.5),
  blended with how often their jobs ask for it where that is known;
* personal_fit - their learning format, weekly hours against the time it takes, and their own
  success rate at that effort's goal difficulty.
Ranking: 0.4 market relevance + 0.3 personal fit + 0.3 confidence (`rank_score`).

`subject_key` names what it is about ("skill_focus:kubernetes"); `facts_key` hashes the
*material* facts in bands (trend in 10-point bands, job coverage in 25-point bands, the target
role, response rate in 10-point bands, ...) so a small wobble keeps the key and a declined
recommendation returns only when the facts behind it change materially.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from api.journey.common import FORMAT_LABELS, display_skill, norm
from api.journey.ladder import Ladder, LadderRole, resolve_roles
from api.journey.patterns import LearningPatterns
from api.journey.records import CareerContext, Goal, Journey, SkillSnapshot
from api.market.gaps import Gap
from api.skill.taxonomy import canonical, canonical_key
from api.vocabulary import Effort, GoalDifficulty, GoalStatus, LearningFormat, RecommendationType

CERTIFICATIONS_PATH = Path(__file__).parent / "data" / "certifications.json"

MAX_SKILL_FOCUS = 2
MAX_CERTIFICATIONS = 2
MIN_APPLIED = 5
LOW_RESPONSE_PERCENT = 20.0
PRACTICE_HOURS = {Effort.LOW: 15, Effort.MEDIUM: 40, Effort.HIGH: 80}  # hours a skill push takes
DEFAULT_HOURS_PER_WEEK = 4.0
MIN_DAYS, MAX_DAYS = 7, 365
EFFORT_DIFFICULTY = {Effort.LOW: GoalDifficulty.EASY, Effort.MEDIUM: GoalDifficulty.MEDIUM, Effort.HIGH: GoalDifficulty.HARD}
WEIGHTS = {"market_relevance": 0.4, "personal_fit": 0.3, "confidence": 0.3}


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class MarketTrend:
    """A skill's demand change over the trend window (percent; None = no baseline) and the
    postings behind it (both windows)."""

    percent: float | None
    postings: int = 0


@dataclass(frozen=True)
class Certification:
    id: str
    name: str
    vendor: str
    skills: tuple[str, ...]  # canonical keys
    typical_days: int
    effort: Effort


@dataclass(frozen=True)
class RecommendationFacts:
    today: date
    journey: Journey
    ladder: Ladder
    profile_skills: tuple[str, ...] = ()
    snapshot: SkillSnapshot | None = None  # the newest
    gaps: tuple[Gap, ...] = ()  # skill gaps of their jobs, ranked (api.market.gaps)
    jobs_considered: int = 0
    trends: Mapping[str, MarketTrend] = field(default_factory=dict)  # canonical key -> trend
    context: CareerContext = field(default_factory=CareerContext)
    patterns: LearningPatterns | None = None
    applied: int = 0  # applications that reached "applied"
    response_rate: float | None = None  # percent of those answered
    goals: tuple[Goal, ...] = ()
    certifications: tuple[Certification, ...] = ()


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Score:
    name: str  # confidence | market_relevance | personal_fit
    value: float
    explanation: str


@dataclass(frozen=True)
class Candidate:
    type: RecommendationType
    subject_key: str
    facts_key: str
    title: str
    description: str
    reasoning: str
    expected_impact: str
    time_to_complete_days: int
    effort: Effort
    confidence: float
    market_relevance: float
    personal_fit: float
    scoring: tuple[Score, ...]
    goal_steps: tuple[str, ...]

    @property
    def rank_score(self) -> float:
        return rank_score(self.confidence, self.market_relevance, self.personal_fit)

    @property
    def difficulty(self) -> GoalDifficulty:
        return EFFORT_DIFFICULTY[self.effort]


def rank_score(confidence: float, market_relevance: float, personal_fit: float) -> float:
    return round(
        WEIGHTS["confidence"] * confidence
        + WEIGHTS["market_relevance"] * market_relevance
        + WEIGHTS["personal_fit"] * personal_fit,
        4,
    )


# --------------------------------------------------------------------------- helpers


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return round(min(high, max(low, value)), 3)


def band(value: float | None, width: float) -> int | None:
    """The band a value falls in (floor division), so small changes keep the same key."""
    return None if value is None else math.floor(value / width)


def facts_key(**facts: Any) -> str:
    """A short stable hash of the material facts."""
    text = json.dumps(facts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def trend_score(trend: MarketTrend | None) -> float:
    if trend is None or trend.percent is None:
        return 0.5
    return clamp(0.5 + trend.percent / 200)


def trend_text(skill: str, trend: MarketTrend | None) -> str:
    if trend is None or trend.percent is None:
        return f"no market trend known for {skill}"
    return f"{skill} demand {trend.percent:+.0f}% in postings over 90 days ({trend.postings} postings behind it)"


def _pursued(goals: Sequence[Goal], *names: str) -> bool:
    """An active (or paused) goal already names this subject."""
    wanted = [norm(n) for n in names if n]
    for goal in goals:
        if goal.status not in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
            continue
        title = f" {norm(goal.title)} "
        if any(f" {w} " in title for w in wanted):
            return True
    return False


def preferred_format(facts: RecommendationFacts) -> tuple[LearningFormat | None, str]:
    if facts.context.learning_preferences:
        return facts.context.learning_preferences[0], "your stated learning preference"
    if facts.patterns is not None:
        for pattern, source in (
            (facts.patterns.format_by_completion, "the format that finished most of your goals"),
            (facts.patterns.format_by_minutes, "the format you log most minutes in"),
        ):
            if pattern.sufficient and pattern.preferred is not None:
                return pattern.preferred, source
    return None, ""


def _hours(facts: RecommendationFacts) -> float:
    hours = facts.context.hours_per_week
    return hours if hours and hours > 0 else DEFAULT_HOURS_PER_WEEK


def days_for(effort: Effort, facts: RecommendationFacts, hours: float | None = None) -> int:
    weeks = (hours if hours is not None else PRACTICE_HOURS[effort]) / _hours(facts)
    return max(MIN_DAYS, min(MAX_DAYS, round(weeks * 7)))


def personal_fit(facts: RecommendationFacts, effort: Effort, days: int, fmt: LearningFormat | None = None) -> Score:
    """0.5, +0.2 when it is in their learning format, ±0.15 for the time against their usual
    goal length, ±0.15 for their success rate at the goal difficulty of this effort."""
    value = 0.5
    parts = ["0.5 base"]
    preferred, source = preferred_format(facts)
    if fmt is not None and preferred is not None:
        if fmt == preferred:
            value += 0.2
            parts.append(f"+0.2 {FORMAT_LABELS[fmt]} is {source}")
        else:
            parts.append(f"+0 {FORMAT_LABELS[fmt]} is not {source} ({FORMAT_LABELS[preferred]})")
    length = facts.patterns.goal_length if facts.patterns else None
    if length is not None and length.sufficient and length.recommended_max_weeks:
        weeks = math.ceil(days / 7)
        if weeks <= length.recommended_max_weeks:
            value += 0.15
            parts.append(f"+0.15 {weeks} weeks fits the goals you finish (up to {length.recommended_max_weeks} weeks)")
        else:
            value -= 0.15
            parts.append(f"−0.15 {weeks} weeks is longer than the goals you finish (up to {length.recommended_max_weeks} weeks)")
    difficulty = EFFORT_DIFFICULTY[effort]
    rates = {r.difficulty: r for r in facts.patterns.success_by_difficulty.by_difficulty} if facts.patterns else {}
    rate = rates.get(difficulty)
    if rate is not None and rate.rate is not None:
        delta = round(0.3 * (rate.rate - 0.5), 3)
        value += delta
        parts.append(
            f"{delta:+.2f} you finished {rate.completed} of {rate.completed + rate.abandoned} {difficulty.value} goals ({rate.rate:.0%})"
        )
    return Score("personal_fit", clamp(value), "; ".join(parts))


def _steps(skill: str, fmt: LearningFormat | None, gap: Gap | None) -> tuple[str, ...]:
    label = display_skill(skill)
    steps = [f"Pick one {FORMAT_LABELS[fmt]} resource on {label}" if fmt else f"Pick one resource on {label}"]
    steps.append(gap.next_step if gap else f"Use {label} in a small project")
    steps.append(f"Add {label} to your profile and take a skill snapshot")
    return tuple(steps)


# --------------------------------------------------------------------------- candidates


def recommend(facts: RecommendationFacts, limit: int | None = None) -> list[Candidate]:
    """Every candidate whose facts hold, best first (rank score, then subject)."""
    current, target, _ = resolve_roles(facts.ladder, facts.journey.current_role, facts.journey.target_role)
    candidates: list[Candidate] = []
    candidates += _next_goal(facts, current, target)
    candidates += _skill_focus(facts)
    candidates += _course(facts)
    candidates += _certifications(facts, target)
    candidates += _networking(facts, current, target)
    candidates.sort(key=lambda c: (-c.rank_score, c.subject_key))
    return candidates[:limit] if limit is not None else candidates


def _trend(facts: RecommendationFacts, skill: str) -> MarketTrend | None:
    return facts.trends.get(canonical_key(skill))


def _next_goal(facts: RecommendationFacts, current: LadderRole | None, target: LadderRole | None) -> list[Candidate]:
    if target is None or (current is not None and current.id == target.id):
        return []
    if _pursued(facts.goals, target.title, *target.aliases):
        return []
    gaps = [g for g in facts.ladder.skill_gaps(target, facts.snapshot) if g.gap > 0]
    top = gaps[:3]
    readiness = 1 - (sum(g.gap for g in gaps) / sum(target.key_skills.values())) if target.key_skills else 0.5
    years = None
    if current is not None:
        path = facts.ladder.path(current, target)
        years = path[1] if path else None
    days = MAX_DAYS if years is None else max(90, min(MAX_DAYS * 2, round(years * 365 * (1 - readiness))))
    trends = [_trend(facts, g.skill) for g in top]
    known = [trend_score(t) for t in trends if t is not None and t.percent is not None]
    market = clamp(sum(known) / len(known)) if known else 0.5
    confidence = clamp((0.4 if current is not None else 0.2) + (0.3 if facts.snapshot else 0) + (0.2 if years is not None else 0))
    gap_text = ", ".join(f"{display_skill(g.skill)} {g.have:.1f}→{g.need:.1f}" for g in top) or "no key-skill gaps"
    reasoning = (
        f"{target.title} is {'your target role' if facts.journey.target_role else 'the usual next step on the ladder'}"
        f"{f' from {current.title}' if current else ''}"
        f"{f' (typically {years:g} years)' if years is not None else ''}. "
        f"You meet {readiness:.0%} of its key-skill levels; the biggest gaps: {gap_text}."
    )
    steps = [f"Raise {display_skill(g.skill)} from {g.have:.1f} to {g.need:.1f}" for g in top]
    steps.append(f"Talk to someone who is a {target.title} about the move")
    return [
        Candidate(
            type=RecommendationType.NEXT_GOAL,
            subject_key=f"next_goal:{target.id}",
            facts_key=facts_key(target=target.id, gaps=[(g.skill, band(g.gap, 0.1)) for g in top]),
            title=f"Work towards {target.title}",
            description=f"Set {target.title} as your next goal and close its key-skill gaps step by step.",
            reasoning=reasoning,
            expected_impact=f"Readiness for {target.title} rises from {readiness:.0%} as each gap closes.",
            time_to_complete_days=days,
            effort=Effort.HIGH,
            confidence=confidence,
            market_relevance=market,
            personal_fit=personal_fit(facts, Effort.HIGH, days).value,
            scoring=(
                Score(
                    "confidence",
                    confidence,
                    f"{'0.4 your role is on the ladder' if current else '0.2 your current role is not on the ladder'}"
                    f"{'; +0.3 a skill snapshot to measure gaps' if facts.snapshot else '; +0 no skill snapshot yet'}"
                    f"{'; +0.2 a known path' if years is not None else ''}",
                ),
                Score(
                    "market_relevance",
                    market,
                    f"mean market trend score of the gap skills ({len(known)} with a known trend; 0.5 + trend/200)"
                    if known
                    else "0.5: no market trend known for the gap skills",
                ),
                personal_fit(facts, Effort.HIGH, days),
            ),
            goal_steps=tuple(steps),
        )
    ]


def _gap_candidate_ok(facts: RecommendationFacts, gap: Gap) -> bool:
    return not _pursued(facts.goals, gap.skill)


def _gap_scores(facts: RecommendationFacts, gap: Gap, effort: Effort, days: int, fmt: LearningFormat | None = None):
    trend = _trend(facts, gap.skill) or (MarketTrend(gap.trend_percent) if gap.trend_percent is not None else None)
    coverage = gap.coverage_percent / 100
    market = clamp(0.5 * coverage + 0.5 * trend_score(trend))
    postings = trend.postings if trend else 0
    confidence = clamp(min(1.0, gap.frequency / 5) * 0.6 + min(1.0, postings / 40) * 0.4)
    fit = personal_fit(facts, effort, days, fmt)
    scoring = (
        Score(
            "confidence",
            confidence,
            f"0.6 × min(1, {gap.frequency} jobs / 5) + 0.4 × min(1, {postings} postings behind the trend / 40)",
        ),
        Score(
            "market_relevance",
            market,
            f"0.5 × {gap.coverage_percent:.0f}% of your jobs ask for it + 0.5 × trend score {trend_score(trend):.2f}"
            f" ({'unknown trend' if trend is None or trend.percent is None else f'{trend.percent:+.0f}%'})",
        ),
        fit,
    )
    return trend, confidence, market, fit.value, scoring


def _skill_focus(facts: RecommendationFacts) -> list[Candidate]:
    out = []
    for gap in [g for g in facts.gaps if _gap_candidate_ok(facts, g)][:MAX_SKILL_FOCUS]:
        days = days_for(Effort.MEDIUM, facts)
        trend, confidence, market, fit, scoring = _gap_scores(facts, gap, Effort.MEDIUM, days)
        label = display_skill(gap.skill)
        out.append(
            Candidate(
                type=RecommendationType.SKILL_FOCUS,
                subject_key=f"skill_focus:{canonical_key(gap.skill)}",
                facts_key=facts_key(
                    skill=canonical_key(gap.skill),
                    trend=band(trend.percent if trend else None, 10),
                    coverage=band(gap.coverage_percent, 25),
                ),
                title=f"Focus on {label}",
                description=f"Make {label} your skill focus for the next {math.ceil(days / 7)} weeks.",
                reasoning=(
                    f"{label} appears in {gap.frequency} of your {facts.jobs_considered} jobs ({gap.coverage_percent:.0f}%) "
                    f"and is not in your profile; {trend_text(label, trend)}."
                ),
                expected_impact=f"Covers a skill {gap.coverage_percent:.0f}% of your jobs ask for.",
                time_to_complete_days=days,
                effort=Effort.MEDIUM,
                confidence=confidence,
                market_relevance=market,
                personal_fit=fit,
                scoring=scoring,
                goal_steps=_steps(gap.skill, None, gap),
            )
        )
    return out


COURSE_TITLES = {
    LearningFormat.VIDEO: "Watch a video course on {skill}",
    LearningFormat.READING: "Read a book on {skill}",
    LearningFormat.HANDS_ON: "Do a hands-on lab course on {skill}",
    LearningFormat.COURSES: "Take a course on {skill}",
    LearningFormat.MENTORING: "Learn {skill} with a mentor",
}


def _course(facts: RecommendationFacts) -> list[Candidate]:
    fmt, source = preferred_format(facts)
    gaps = [g for g in facts.gaps if _gap_candidate_ok(facts, g)]
    if fmt is None or not gaps:
        return []
    gap = gaps[0]
    days = days_for(Effort.LOW, facts)
    trend, confidence, market, fit, scoring = _gap_scores(facts, gap, Effort.LOW, days, fmt)
    label = display_skill(gap.skill)
    return [
        Candidate(
            type=RecommendationType.COURSE,
            subject_key=f"course:{canonical_key(gap.skill)}",
            facts_key=facts_key(
                skill=canonical_key(gap.skill), format=fmt.value, trend=band(trend.percent if trend else None, 10)
            ),
            title=COURSE_TITLES[fmt].format(skill=label),
            description=f"A {FORMAT_LABELS[fmt]} way into {label}, your top skill gap.",
            reasoning=(
                f"{label} is your top skill gap ({gap.frequency} of {facts.jobs_considered} jobs); "
                f"{FORMAT_LABELS[fmt]} is {source}; {trend_text(label, trend)}."
            ),
            expected_impact=f"The basics of {label} in about {math.ceil(days / 7)} weeks at {_hours(facts):g} hours a week.",
            time_to_complete_days=days,
            effort=Effort.LOW,
            confidence=confidence,
            market_relevance=market,
            personal_fit=fit,
            scoring=scoring,
            goal_steps=_steps(gap.skill, fmt, gap),
        )
    ]


def _certifications(facts: RecommendationFacts, target: LadderRole | None) -> list[Candidate]:
    by_key = {key: cert for cert in facts.certifications for key in cert.skills}
    wanted: list[tuple[str, Gap | None, float | None]] = []  # (skill, gap of jobs, ladder gap)
    for job_gap in facts.gaps:
        wanted.append((job_gap.skill, job_gap, None))
    if target is not None:
        for role_gap in facts.ladder.skill_gaps(target, facts.snapshot):
            if role_gap.gap > 0:
                wanted.append((role_gap.skill, None, role_gap.gap))
    out: list[Candidate] = []
    seen: set[str] = set()
    for skill, gap, ladder_gap in wanted:
        cert = by_key.get(canonical_key(skill))
        if cert is None or cert.id in seen or _pursued(facts.goals, cert.name, cert.id.replace("-", " ")):
            continue
        seen.add(cert.id)
        label = display_skill(canonical(skill))
        trend = _trend(facts, skill)
        days = days_for(cert.effort, facts, hours=None) if cert.typical_days <= 0 else cert.typical_days
        fit = personal_fit(facts, cert.effort, days, LearningFormat.COURSES)
        if gap is not None:
            _, confidence, market, _, scoring = _gap_scores(facts, gap, cert.effort, days, LearningFormat.COURSES)
            why = f"{label} appears in {gap.frequency} of your {facts.jobs_considered} jobs ({gap.coverage_percent:.0f}%)"
        else:
            market = trend_score(trend)
            confidence = 0.5
            scoring = (
                Score("confidence", confidence, "0.5: a key skill of your target role on the ladder, no job data"),
                Score("market_relevance", market, f"trend score 0.5 + trend/200 ({trend_text(label, trend)})"),
                fit,
            )
            why = f"{label} is a key skill of {target.title if target else 'your target role'} with a gap of {ladder_gap:.1f}"
        out.append(
            Candidate(
                type=RecommendationType.CERTIFICATION,
                subject_key=f"certification:{cert.id}",
                facts_key=facts_key(
                    cert=cert.id,
                    trend=band(trend.percent if trend and trend.percent is not None else None, 10),
                    coverage=band(gap.coverage_percent if gap else None, 25),
                    ladder_gap=band(ladder_gap, 0.2),
                ),
                title=f"Get the {cert.name}",
                description=f"{cert.vendor}'s certification for {label}: recruiters recognise it.",
                reasoning=f"{why}; {trend_text(label, trend)}. Typical preparation: {cert.typical_days} days.",
                expected_impact=f"A recognised proof of {label} on your profile and résumé.",
                time_to_complete_days=days,
                effort=cert.effort,
                confidence=confidence,
                market_relevance=market,
                personal_fit=fit.value,
                scoring=scoring,
                goal_steps=(
                    f"Read the {cert.name} exam guide",
                    f"Study and practise {label} for the exam",
                    "Take a practice exam",
                    "Book and pass the exam",
                ),
            )
        )
        if len(out) >= MAX_CERTIFICATIONS:
            break
    return out


def _networking(facts: RecommendationFacts, current: LadderRole | None, target: LadderRole | None) -> list[Candidate]:
    low_response = facts.applied >= MIN_APPLIED and facts.response_rate is not None and facts.response_rate < LOW_RESPONSE_PERCENT
    role_change = (
        target is not None
        and current is not None
        and bool(facts.journey.target_role)
        and target.id != current.id
        and target.id not in {n.role for n in current.next}
    )
    if not (low_response or role_change):
        return []
    role = target.title if target else (facts.journey.target_role or facts.journey.current_role or "your field")
    people = 5 if low_response else 3
    if _pursued(facts.goals, "reach out", "networking", "network"):
        return []
    reasons = []
    if low_response:
        reasons.append(f"{facts.response_rate:.0f}% of your {facts.applied} applications got a response")
    if role_change:
        reasons.append(f"{role} is a change of track from {current.title if current else 'your role'}")
    confidence = clamp(0.4 + (min(1.0, facts.applied / 20) * 0.4 if low_response else 0) + (0.2 if role_change else 0))
    market = 0.5
    days = 21
    fit = personal_fit(facts, Effort.LOW, days, LearningFormat.MENTORING)
    return [
        Candidate(
            type=RecommendationType.NETWORKING,
            subject_key=f"networking:{norm(role)}",
            facts_key=facts_key(
                role=norm(role),
                response=band(facts.response_rate, 10) if low_response else None,
                role_change=role_change,
            ),
            title=f"Reach out to {people} people working as {role}",
            description=f"Short conversations with {people} people in the role: referrals and what the role really asks.",
            reasoning="; ".join(reasons) + ". Referrals and conversations get answers that cold applications do not.",
            expected_impact="More responses: referred applications are answered far more often than cold ones.",
            time_to_complete_days=days,
            effort=Effort.LOW,
            confidence=confidence,
            market_relevance=market,
            personal_fit=fit.value,
            scoring=(
                Score(
                    "confidence",
                    confidence,
                    "0.4 base"
                    + (f"; +{min(1.0, facts.applied / 20) * 0.4:.2f} from {facts.applied} applications" if low_response else "")
                    + ("; +0.2 a role change" if role_change else ""),
                ),
                Score("market_relevance", market, "0.5: networking does not depend on a skill's market trend"),
                fit,
            ),
            goal_steps=tuple(
                [f"List {people} people working as {role} (former colleagues first)"]
                + [f"Reach out to person {i}" for i in range(1, people + 1)]
                + ["Write down what you learned and any referral"]
            ),
        )
    ]


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=2)
def load_certifications(path: str | Path | None = None) -> tuple[Certification, ...]:
    with open(path or CERTIFICATIONS_PATH, encoding="utf-8") as fh:
        data = json.load(fh)
    return tuple(
        Certification(
            id=c["id"],
            name=c["name"],
            vendor=c["vendor"],
            skills=tuple(canonical_key(s) for s in c["skills"]),
            typical_days=int(c["typical_days"]),
            effort=Effort(c["effort"]),
        )
        for c in data["certifications"]
    )


__all__ = [
    "Candidate",
    "Certification",
    "MarketTrend",
    "RecommendationFacts",
    "Score",
    "facts_key",
    "load_certifications",
    "rank_score",
    "recommend",
]
