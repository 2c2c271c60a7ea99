"""Stale profile: the skill snapshots show growth the profile does not list, and the profile has
not changed for `days`.

Definition. Stale: `facts.profile_updated_at` is at least `days` days before the run, or unknown
(never changed). Growth: among the snapshots taken within the last `days` local days (inclusive of
today), compare the newest with the oldest (at least two snapshots on different dates are needed);
a skill grew when its proficiency rose by at least `min_growth` (a skill missing from the oldest
counts as 0). Only grown skills the profile does not list (canonical names, aliases agree) count.
One insight per profile state and set of skills (`stale_profile:<profile date|never>:<skills>`): the
same gap is not raised twice; a newly grown skill or a profile change makes a new fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from api.dates import aware, local_date
from api.guidance.conditions import StaleProfile
from api.guidance.facts import Draft, Evidence, SnapshotFact, UserFacts
from api.guidance.rules._common import days_within, listing, profile_keys, rounded, skill_key, skill_name, today
from api.guidance.rules._links import open_page

KEY = "stale_profile"
VALID_DAYS = 30
EPSILON = 1e-9  # 0.6 - 0.4 is 0.19999999999999996


def evaluate(facts: UserFacts, conditions: StaleProfile) -> list[Draft]:
    updated = facts.profile_updated_at
    if updated is not None and aware(updated) > facts.now - timedelta(days=conditions.days):
        return []
    last = today(facts)
    recent = sorted((s for s in facts.snapshots if days_within(s.taken_on, last, conditions.days)), key=lambda s: s.taken_on)
    if len(recent) < 2 or recent[0].taken_on == recent[-1].taken_on:
        return []
    oldest, newest = recent[0], recent[-1]
    before, after = _levels(oldest), _levels(newest)
    have = profile_keys(facts)
    grown = sorted(
        (
            (after[key][1] - before.get(key, ("", 0.0))[1], key)
            for key in after
            if key not in have and after[key][1] - before.get(key, ("", 0.0))[1] + EPSILON >= conditions.min_growth
        ),
        key=lambda item: (-item[0], item[1]),
    )
    if not grown:
        return []
    names = [after[key][0] for _, key in grown]
    evidence = [
        Evidence(
            after[key][0],
            f"{rounded(before.get(key, ('', 0.0))[1] * 100)}% → {rounded(after[key][1] * 100)}% "
            f"(+{rounded(growth * 100)} points) between {oldest.taken_on.isoformat()} and {newest.taken_on.isoformat()}",
        )
        for growth, key in grown
    ]
    profile_day = local_date(updated, facts.timezone).isoformat() if updated is not None else None
    evidence.append(Evidence("Profile last updated", profile_day or "never"))
    evidence.append(
        Evidence(
            "Threshold",
            f"growth of at least {rounded(conditions.min_growth * 100)} points, profile unchanged for {conditions.days} days",
        )
    )
    return [
        Draft(
            rule_key=KEY,
            dedupe_key=f"{KEY}:{profile_day or 'never'}:{','.join(sorted(key for _, key in grown))}",
            values={"since": oldest.taken_on.isoformat(), "skills": listing(names)},
            evidence=tuple(evidence),
            actions=(open_page("Update your profile", "/profile"),),
            valid_until=facts.now + timedelta(days=VALID_DAYS),
        )
    ]


def _levels(snapshot: SnapshotFact) -> Mapping[str, tuple[str, float]]:
    """Canonical key -> (display name, proficiency); the highest level when names collide."""
    levels: dict[str, tuple[str, float]] = {}
    for name, level in sorted(snapshot.skills.items()):
        key = skill_key(name)
        if key and (key not in levels or level > levels[key][1]):
            levels[key] = (skill_name(name), float(level))
    return levels
