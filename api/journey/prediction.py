"""Predict the user's next career milestone.

Steps (each one adds a human-readable reason):

1. Resolve the current role and the target role on the ladder (target defaults to
   the current role's usual next role). Typical years = fastest ladder path; off
   the ladder, a stage default is used (entry 2, mid 3, senior 3.5, lead 4,
   executive 5 years).
2. Peer refinement: only transitions with the same (current -> target) roles
   count, and only when at least ``MIN_PEER_USERS`` distinct ``peer_id`` values
   are represented. Then typical years = median over users of each user's median
   years. Reasons only ever mention the number of peers, never their values.
3. Tenure: ``journey.role_started_on`` or the latest promotion/new-role
   milestone. Tenure-based date = role start + typical years; without a start,
   today + typical years x (1 - skill readiness).
4. Skills: gaps of the latest snapshot vs the target's key skills. Readiness =
   mean of min(1, have/need). With a known skill growth rate (see velocity), the
   biggest gap closes after gap / rate years.
5. Expected date = the latest of the tenure date, the skills date and the
   readiness date (today + typical years x (1 - readiness): the part of the usual
   pace the key skills still need); the time left is scaled by 0.85 when the milestone pace is ``faster`` than the year
   before and 1.15 when ``slower``, and is at least ``MIN_LEAD_DAYS``.
6. Kind: ``skill_mastery`` of the biggest gap when skills are the bottleneck
   (gap >= 0.15 and closing it takes longer than the tenure date); otherwise
   ``promotion`` (same track, higher stage) or ``new_role``.

Confidence = evidence x readiness factor, clamped to [0.05, 0.95]. Evidence = 0.2
+ 0.2 (path on ladder; -0.1 if more than one move away) + 0.1 (role start known)
+ 0.15 (skills compared) + 0.1 (skill growth rate known) + 0.1 (>= 3 milestones)
+ 0.15 (peer data used). Readiness factor = 0.35 + 0.65 x readiness (0.6 when no
skills were compared): one readiness model drives both the date and the
confidence, so both move together — higher readiness never gives a later date or
a lower confidence, and a low readiness never gives a near, confident move.

Role names are shown as the person typed them (``ladder.role_name``); the ladder
family is only used to look up the typical moves and key skills. Key skills count
the person's rated skills through the taxonomy (``api.journey.skillmatch``).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from api.journey.common import DAYS_PER_YEAR, display_skill, norm, years_between
from api.journey.ladder import Ladder, LadderRole, SkillGap, latest_snapshot, resolve_roles, role_name, skill_readiness
from api.journey.records import ROLE_MOVE_KINDS, STAGE_ORDER, Journey, Milestone, PeerTransition, SkillSnapshot
from api.journey.velocity import career_velocity
from api.vocabulary import CareerStage, MilestoneKind

MIN_PEER_USERS = 5
BLOCKING_GAP = 0.15
MIN_LEAD_DAYS = 91
FASTER_FACTOR, SLOWER_FACTOR = 0.85, 1.15
STAGE_DEFAULT_YEARS = {
    CareerStage.ENTRY: 2.0,
    CareerStage.MID: 3.0,
    CareerStage.SENIOR: 3.5,
    CareerStage.LEAD: 4.0,
    CareerStage.EXECUTIVE: 5.0,
}
CONF_BASE, CONF_LADDER, CONF_MULTI_HOP = 0.2, 0.2, -0.1
CONF_TENURE, CONF_SKILLS, CONF_RATE, CONF_HISTORY, CONF_PEERS = 0.1, 0.15, 0.1, 0.1, 0.15
MIN_HISTORY_MILESTONES = 3
READINESS_FLOOR, UNKNOWN_READINESS_FACTOR = 0.35, 0.6


def readiness_outlook(readiness: float | None, typical_years: float) -> tuple[float, float]:
    """(years the key skills still need, confidence factor) from one readiness model: both are
    monotone in readiness (more readiness: fewer years, more confidence)."""
    if readiness is None:
        return 0.0, UNKNOWN_READINESS_FACTOR
    r = min(1.0, max(0.0, readiness))
    return typical_years * (1 - r), READINESS_FLOOR + (1 - READINESS_FLOOR) * r


@dataclass(frozen=True)
class PredictionBasis:
    milestones: int
    snapshots: int
    peer_users: int  # distinct peers used for timing (0 when peer data was not used)


@dataclass(frozen=True)
class Prediction:
    title: str
    kind: MilestoneKind
    expected_date: date
    confidence: float
    reasons: tuple[str, ...]
    based_on: PredictionBasis
    target_role: str | None
    readiness: float | None
    skill_gaps: tuple[SkillGap, ...]
    current_role: str | None = None  # as the person typed it
    key_skills: tuple[SkillGap, ...] = ()  # every key skill of the target, met ones included


def _peer_years(peers: Sequence[PeerTransition | tuple], ladder: Ladder, current: LadderRole, target: LadderRole):
    per_user: dict[str, list[float]] = defaultdict(list)
    for p in peers:
        if isinstance(p, tuple):
            if len(p) < 4:  # (from, to, years) without a user key can't be counted safely
                continue
            p = PeerTransition(*p[:4])
        if p.years <= 0:
            continue
        src, dst = ladder.find(p.from_role), ladder.find(p.to_role)
        if src is not None and dst is not None and src.id == current.id and dst.id == target.id:
            per_user[str(p.peer_id)].append(float(p.years))
    if len(per_user) < MIN_PEER_USERS:
        return None, len(per_user)
    return statistics.median(statistics.median(v) for v in per_user.values()), len(per_user)


def predict_next_milestone(
    journey: Journey,
    milestones: Sequence[Milestone],
    snapshots: Sequence[SkillSnapshot],
    ladder: Ladder,
    today: date,
    peer_journeys: Sequence[PeerTransition | tuple] | None = None,
) -> Prediction:
    """Predict the next milestone with an expected date, a confidence and the reasons."""
    past = [m for m in milestones if m.achieved_on <= today]
    snaps = [s for s in snapshots if s.taken_on <= today]
    reasons: list[str] = []
    confidence = CONF_BASE
    current, target, note = resolve_roles(ladder, journey.current_role, journey.target_role)
    if note:
        reasons.append(note)
    current_name = role_name(current, journey.current_role)
    typed_target = journey.target_role if target is not None and ladder.find(journey.target_role) is target else None
    target_name = role_name(target, typed_target, current, journey.current_role)

    # 1. typical years
    route = ladder.path(current, target) if current and target else None
    if route and len(route[0]) > 1:
        roles, typical_years = route
        confidence += CONF_LADDER
        if len(roles) > 2:
            confidence += CONF_MULTI_HOP
            via = ", ".join(r.title for r in roles[1:-1])
            reasons.append(
                f"{target_name} is {len(roles) - 1} moves away (via {via}); that typically takes {typical_years:g} years."
            )
        else:
            reasons.append(f"A typical {current_name} becomes {target_name} after {typical_years:g} years.")
    else:
        typical_years = STAGE_DEFAULT_YEARS[journey.career_stage]
        what = f"{target_name}" if target_name else "The next role"
        reasons.append(
            f"{what} is not on the usual ladder from {current_name}; using the typical "
            f"{journey.career_stage.value}-stage pace of {typical_years:g} years."
        )

    # 2. peers (aggregate only)
    peer_users = 0
    if peer_journeys and current and target:
        years, users = _peer_years(peer_journeys, ladder, current, target)
        if years is not None:
            typical_years, peer_users = years, users
            confidence += CONF_PEERS
            reasons.append(f"Timing refined with anonymised moves of {users} peers.")
        else:
            reasons.append("Not enough peer data yet to refine the timing.")

    # 3. tenure
    moves = sorted(m.achieved_on for m in past if m.kind in ROLE_MOVE_KINDS)
    role_start = journey.role_started_on or (moves[-1] if moves else None)
    if role_start is not None:
        confidence += CONF_TENURE
        tenure = years_between(role_start, today)
        text = f"You've been {current_name} for {tenure:.1f} years"
        reasons.append(
            text + (f", longer than the typical {typical_years:g}; the move is due." if tenure > typical_years else ".")
        )

    # 4. skills
    snap = latest_snapshot(snaps)
    gaps = ladder.skill_gaps(target, snap) if target and snap else []
    readiness = skill_readiness(gaps)
    if readiness is not None:
        confidence += CONF_SKILLS
        met = sum(1 for g in gaps if g.gap == 0)
        counted = [
            f"{display_skill(g.skill)} from {g.matched_by}"
            for g in gaps
            if g.matched_by and g.have > 0 and norm(g.matched_by) != g.skill
        ]
        reasons.append(
            f"You meet {met} of {len(gaps)} key skills for {target_name} (readiness {round(readiness * 100)}%)"
            + (f"; counted: {', '.join(counted)}." if counted else ".")
        )
    velocity = career_velocity(past, snaps, today, ladder=ladder, current_role=journey.current_role)
    rate = velocity.skill_growth.current
    rate = rate if velocity.skill_growth.sufficient and rate and rate > 0 else None
    if rate:
        confidence += CONF_RATE
    if len(past) >= MIN_HISTORY_MILESTONES:
        confidence += CONF_HISTORY

    # 5. timing
    skill_years, readiness_factor = readiness_outlook(readiness, typical_years)
    if role_start is not None:
        ladder_date = role_start + timedelta(days=round(typical_years * DAYS_PER_YEAR))
    else:
        ladder_date = today + timedelta(days=round(typical_years * (1.0 if readiness is None else 0.0) * DAYS_PER_YEAR))
    readiness_date = today + timedelta(days=round(skill_years * DAYS_PER_YEAR))
    if readiness is not None and readiness_date > ladder_date and role_start is not None:
        reasons.append(
            f"With readiness at {round(readiness * 100)}%, the key skills still need about {skill_years:.1f} years at the usual pace."
        )
    ladder_date = max(ladder_date, readiness_date)
    top = gaps[0] if gaps and gaps[0].gap > 0 else None
    skills_date = today
    if top is not None and rate:
        skills_date = today + timedelta(days=round(top.gap / rate * DAYS_PER_YEAR))
    elif top is not None and top.gap >= BLOCKING_GAP:
        reasons.append(
            f"Your biggest gap is {display_skill(top.skill)} ({top.have:.2f} of {top.need:.2f}); "
            "add another skill snapshot so its pace can be estimated."
        )
    skills_block = top is not None and rate is not None and top.gap >= BLOCKING_GAP and skills_date > ladder_date
    remaining = (max(ladder_date, skills_date) - today).days
    pace = velocity.milestones.trend
    if pace == "faster":
        remaining = round(remaining * FASTER_FACTOR)
        reasons.append("Your milestone pace is faster than the year before, so the date moves earlier.")
    elif pace == "slower":
        remaining = round(remaining * SLOWER_FACTOR)
        reasons.append("Your milestone pace is slower than the year before, so the date moves later.")
    expected = today + timedelta(days=max(remaining, MIN_LEAD_DAYS))

    # 6. kind & title
    if skills_block and top is not None:
        kind = MilestoneKind.SKILL_MASTERY
        title = f"Reach {top.need:.2f} in {display_skill(top.skill)}"
        reasons.append(
            f"{display_skill(top.skill, sentence_start=True)} is your biggest gap for {target_name} "
            f"({top.have:.2f} of {top.need:.2f}); at your pace of {rate:+.2f}/year "
            "it is the next milestone on the way."
        )
    elif target is not None:
        same_track = current is not None and current.track == target.track
        higher = STAGE_ORDER.index(target.stage) > STAGE_ORDER.index(current.stage if current else journey.career_stage)
        kind = MilestoneKind.PROMOTION if same_track and higher else MilestoneKind.NEW_ROLE
        title = f"{'Promotion' if kind == MilestoneKind.PROMOTION else 'Move'} to {target_name}"
    elif journey.target_role:
        kind, title = MilestoneKind.NEW_ROLE, f"Move to {journey.target_role}"
    else:
        kind = MilestoneKind.OTHER
        title = f"Next career step after {current_name}" if current_name else "Next career step"

    return Prediction(
        title=title,
        kind=kind,
        expected_date=expected,
        confidence=round(min(0.95, max(0.05, confidence * readiness_factor)), 2),
        reasons=tuple(reasons),
        based_on=PredictionBasis(len(past), len(snaps), peer_users),
        target_role=target_name,
        readiness=readiness,
        skill_gaps=tuple(g for g in gaps if g.gap > 0),
        current_role=current_name,
        key_skills=tuple(sorted(gaps, key=lambda g: g.skill)),
    )


__all__ = ["MIN_PEER_USERS", "Prediction", "PredictionBasis", "predict_next_milestone", "readiness_outlook"]
