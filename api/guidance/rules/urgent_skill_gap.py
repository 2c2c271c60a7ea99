"""Urgent skill gap: a must-have the profile does not list is required by a growing share of the
person's jobs (saved, imported and recommended: every `JobFact`).

Windows are by the job's `created_at`: current = the last `window_days` days up to now, previous =
the same length before it. For each missing must-have (compared by canonical skill name, so aliases
agree), share = jobs requiring it / all jobs of the window. It fires when the current window holds at
least `min_jobs` jobs, the share is at least `min_share_percent`, and it rose by at least
`rise_points` percentage points over the previous window's share (0 when that window is empty).
Only must-haves count, never the optional skills. One insight per skill and local ISO week.
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from api.guidance.conditions import UrgentSkillGap
from api.guidance.facts import Draft, Evidence, JobFact, UserFacts
from api.guidance.rules._common import job_label, number, profile_keys, rounded, skill_key, skill_name, today, week, within
from api.guidance.rules._links import create_goal, open_page

KEY = "urgent_skill_gap"
VALID_DAYS = 7
GOAL_WEEKS = 8
SHOWN_JOBS = 3


def evaluate(facts: UserFacts, conditions: UrgentSkillGap) -> list[Draft]:
    days = conditions.window_days
    current = [job for job in facts.jobs if within(job.created_at, facts.now, days)]
    if len(current) < conditions.min_jobs:
        return []
    previous = [job for job in facts.jobs if within(job.created_at, facts.now - timedelta(days=days), days)]
    have = profile_keys(facts)
    names: dict[str, str] = {}
    for job in sorted(current, key=lambda j: j.id):
        for must in job.must_haves:
            key = skill_key(must)
            if key and key not in have:
                names.setdefault(key, skill_name(must))
    found: list[tuple[Fraction, str, Draft]] = []
    for key, name in names.items():
        requiring = [job for job in current if _requires(job, key)]
        before = sum(1 for job in previous if _requires(job, key))
        share = Fraction(100 * len(requiring), len(current))
        previous_share = Fraction(100 * before, len(previous)) if previous else Fraction(0)
        if share < Fraction(conditions.min_share_percent) or share - previous_share < Fraction(conditions.rise_points):
            continue
        draft = _draft(facts, conditions, name, requiring, len(current), share, before, len(previous), previous_share)
        found.append((share, key, draft))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [draft for _, _, draft in found]


def _requires(job: JobFact, key: str) -> bool:
    return any(skill_key(must) == key for must in job.must_haves)


def _draft(
    facts: UserFacts,
    conditions: UrgentSkillGap,
    skill: str,
    requiring: list[JobFact],
    jobs: int,
    share: Fraction,
    before: int,
    previous_jobs: int,
    previous_share: Fraction,
) -> Draft:
    days = conditions.window_days
    points = rounded(share - previous_share)
    newest = sorted(requiring, key=lambda j: (-j.created_at.timestamp(), j.id))[:SHOWN_JOBS]
    why = f"{skill} is a must-have in {len(requiring)} of your {jobs} jobs from the last {days} days."
    steps = [f"Learn the basics of {skill}", f"Use {skill} in a small project of your own", f"Add {skill} to your profile"]
    return Draft(
        rule_key=KEY,
        dedupe_key=f"{KEY}:{skill_key(skill)}:{week(facts)}",
        values={
            "skill": skill,
            "share": rounded(share),
            "count": len(requiring),
            "jobs": jobs,
            "window_days": days,
            "previous_share": rounded(previous_share),
        },
        evidence=(
            Evidence(
                skill,
                f"must-have in {len(requiring)} of {jobs} jobs in the last {days} days ({rounded(share)}%) "
                f"vs {before} of {previous_jobs} before ({rounded(previous_share)}%); +{points} points",
            ),
            Evidence("Your profile", f"does not list {skill}"),
            Evidence(
                "Threshold",
                f"at least {number(conditions.min_share_percent)}% of at least {conditions.min_jobs} jobs, "
                f"up at least {number(conditions.rise_points)} points",
            ),
            Evidence("Recent jobs requiring it", "; ".join(job_label(job) for job in newest)),
        ),
        actions=(
            create_goal(f"Learn {skill}", why, today(facts) + timedelta(weeks=GOAL_WEEKS), steps),
            open_page("See skills & market", "/market"),
        ),
        valid_until=facts.now + timedelta(days=VALID_DAYS),
    )
