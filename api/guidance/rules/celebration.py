"""Celebration and next step: an achievement of the last `lookback_days` local days — a goal
completed (`completed_on`), a certification, promotion or new-role milestone, an application
accepted (its change to "accepted", else its last change). One insight per achievement
(`celebration:goal:<id>`, `celebration:milestone:<id>`, `celebration:application:<id>`).

Each says how the person now stands against their target role (`facts.readiness`) and, when the
newest skill snapshot changed it, how it moved ("went from 62% to 75%"); lists up to
`max_jobs` open jobs (no application yet) that now match better — the highest scores among jobs naming
a skill of the achievement (skills found in the goal's title/why or the milestone's title), else the
highest scores overall — and offers a follow-up goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from api.dates import local_date
from api.guidance.conditions import Celebration
from api.guidance.facts import Action, ApplicationFact, Draft, Evidence, JobFact, Readiness, UserFacts
from api.guidance.rules._common import by_score, days_within, job_actions, job_evidence, jobs_summary, rounded, skill_key, today
from api.guidance.rules._links import create_goal, goal_href, open_page
from api.skill.taxonomy import extract_skills
from api.vocabulary import ApplicationStatus, GoalStatus, MilestoneKind

KEY = "celebration"
MILESTONES = (MilestoneKind.CERTIFICATION, MilestoneKind.PROMOTION, MilestoneKind.NEW_ROLE)
INTERVIEW_WEEKS = 4
PLAN_DAYS = 90


@dataclass(frozen=True)
class _Achievement:
    dedupe: str
    on: date
    achievement: str
    text: str  # where its skills are named
    link: Action
    new_role: str | None = None  # promotion, new role, accepted offer: the role now held


def evaluate(facts: UserFacts, conditions: Celebration) -> list[Draft]:
    last = today(facts)
    days = conditions.lookback_days
    achievements = [a for a in _achievements(facts) if days_within(a.on, last, days)]
    achievements.sort(key=lambda a: (a.on, a.dedupe))
    return [_draft(facts, conditions, a) for a in achievements]


def _achievements(facts: UserFacts) -> list[_Achievement]:
    found: list[_Achievement] = []
    for goal in facts.goals:
        if goal.status == GoalStatus.COMPLETED and goal.completed_on is not None:
            found.append(
                _Achievement(
                    f"goal:{goal.id}",
                    goal.completed_on,
                    f"You completed “{goal.title}”",
                    f"{goal.title}\n{goal.why}",
                    open_page(f"Open “{goal.title}”", goal_href(goal.id)),
                )
            )
    for milestone in facts.milestones:
        if milestone.kind not in MILESTONES:
            continue
        if milestone.kind == MilestoneKind.CERTIFICATION:
            phrase, role = f"You earned the certification “{milestone.title}”", None
        elif milestone.kind == MilestoneKind.PROMOTION:
            role = milestone.role or milestone.title
            phrase = f"You were promoted to {role}" if milestone.role else f"Your promotion: {milestone.title}"
        else:
            role = milestone.role or milestone.title
            phrase = f"You started a new role as {role}" if milestone.role else f"Your new role: {milestone.title}"
        found.append(
            _Achievement(
                f"milestone:{milestone.id}",
                milestone.achieved_on,
                phrase,
                milestone.title,
                open_page("See your journey", "/journey"),
                new_role=role,
            )
        )
    for application in facts.applications:
        if application.status == ApplicationStatus.ACCEPTED:
            found.append(
                _Achievement(
                    f"application:{application.id}",
                    local_date(_accepted_at(application), facts.timezone),
                    f"You accepted the offer for {application.title} at {application.company}",
                    "",
                    open_page("Open your board", "/board"),
                    new_role=f"{application.title} at {application.company}",
                )
            )
    return found


def _accepted_at(application: ApplicationFact) -> datetime:
    changes = [c.changed_at for c in application.history if c.to_status == ApplicationStatus.ACCEPTED]
    return changes[-1] if changes else application.last_change_at


def _skills(text: str) -> set[str]:
    return {skill_key(m.name) for m in extract_skills(text)} if text.strip() else set()


def _jobs(facts: UserFacts, skills: set[str], limit: int) -> tuple[list[JobFact], bool]:
    """Up to `limit` open jobs, best first; True when they name a skill of the achievement."""
    open_jobs = [job for job in facts.jobs if not job.applied and job.score is not None]
    related = [job for job in open_jobs if skills & {skill_key(s) for s in job.skills}]
    chosen = related or open_jobs
    return sorted(chosen, key=by_score)[:limit], bool(related)


def _follow_up(facts: UserFacts, achievement: _Achievement) -> tuple[str, str, date, list[str]]:
    """The follow-up goal: title, why, target date, steps."""
    start = today(facts)
    if achievement.new_role:
        title = f"Plan your first 90 days as {achievement.new_role}"
        why = "A clear plan for the first months makes a new role start well."
        steps = ["List the people to meet in your first weeks", "Agree on 30-60-90 day goals", "Pick one early win"]
        return title, why, start + timedelta(days=PLAN_DAYS), steps
    role = facts.readiness.role if facts.readiness else facts.target_role
    if role:
        title = f"Prepare for {role} interviews"
        why = f"{achievement.achievement}; the next step towards {role} is interviewing well."
        steps = [
            f"Collect the common {role} interview questions",
            "Do two mock interviews",
            "Prepare three stories from your work",
        ]
        return title, why, start + timedelta(weeks=INTERVIEW_WEEKS), steps
    title = "Put what you learned into a project"
    why = f"{achievement.achievement}; a project shows it to employers."
    steps = ["Pick a small project", "Build it", "Add it to your profile and résumé"]
    return title, why, start + timedelta(weeks=INTERVIEW_WEEKS), steps


def _before(readiness: Readiness) -> int | None:
    """Readiness (shown as a whole percent) before the newest skill snapshot, when it changed since."""
    if readiness.previous_percent is None:
        return None
    before = rounded(readiness.previous_percent)
    return before if before != rounded(readiness.percent) else None


def _draft(facts: UserFacts, conditions: Celebration, achievement: _Achievement) -> Draft:
    evidence: list[Evidence] = [Evidence("Achieved on", achievement.on.isoformat())]
    readiness_note = ""
    if facts.readiness is not None:
        readiness = facts.readiness
        now, before = rounded(readiness.percent), _before(readiness)
        if before is not None:
            readiness_note = f"Your readiness for {readiness.role} went from {before}% to {now}% of the key skills. "
            evidence.append(Evidence(f"Readiness for {readiness.role}", f"{now}% of the key skills (was {before}%)"))
        else:
            readiness_note = f"You now meet {now}% of the key skills for {readiness.role}. "
            evidence.append(Evidence(f"Readiness for {readiness.role}", f"{now}% of the key skills"))
        if readiness.missing:
            evidence.append(Evidence("Still to learn", ", ".join(readiness.missing)))
    jobs, related = _jobs(facts, _skills(achievement.text), conditions.max_jobs)
    jobs_note = ""
    if jobs:
        lead = "Open jobs that now match better" if related else "Your best open matches"
        jobs_note = f"{lead}: {jobs_summary(jobs)}. "
        evidence.extend(job_evidence(jobs))
    title, why, target, steps = _follow_up(facts, achievement)
    actions = (create_goal(title, why, target, steps), *job_actions(jobs), achievement.link)
    return Draft(
        rule_key=KEY,
        dedupe_key=f"{KEY}:{achievement.dedupe}",
        values={
            "achievement": achievement.achievement,
            "readiness_note": readiness_note,
            "jobs_note": jobs_note,
            "next_step": title,
        },
        evidence=tuple(evidence),
        actions=actions,
        valid_until=facts.now + timedelta(days=conditions.lookback_days),
    )
