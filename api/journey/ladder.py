"""Role-progression ladder: typical next roles, years to move and key skills.

The default data lives in ``api/journey/data/ladder.json``. Role lookup is by id,
title or alias after normalisation ("Senior Software-Engineer" == "senior
software engineer"). Skill names are normalised the same way.
"""

from __future__ import annotations

import heapq
import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from api.journey.common import norm
from api.journey.records import SkillSnapshot
from api.journey.skillmatch import match_key_skills
from api.vocabulary import CareerStage

DEFAULT_LADDER_PATH = Path(__file__).parent / "data" / "ladder.json"


@dataclass(frozen=True)
class NextRole:
    role: str  # ladder role id
    years: float  # typical years in the current role before this move


@dataclass(frozen=True)
class LadderRole:
    id: str
    title: str
    stage: CareerStage
    track: str
    aliases: tuple[str, ...]
    key_skills: Mapping[str, float]  # normalised skill -> expected proficiency 0..1
    next: tuple[NextRole, ...]


@dataclass(frozen=True)
class SkillGap:
    skill: str
    have: float
    need: float
    matched_by: str | None = None  # the rated skill that counted for it (see api.journey.skillmatch)
    gap: float = field(init=False)  # max(0, need - have)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gap", round(max(0.0, self.need - self.have), 4))


@dataclass(frozen=True)
class Ladder:
    roles: Mapping[str, LadderRole]
    _index: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for role in self.roles.values():
            for name in (role.id, role.title, *role.aliases):
                index.setdefault(norm(name), role.id)
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_dict(cls, data: Mapping) -> "Ladder":
        roles = {}
        for rid, raw in data["roles"].items():
            roles[rid] = LadderRole(
                id=rid,
                title=raw["title"],
                stage=CareerStage(raw["stage"]),
                track=raw.get("track", ""),
                aliases=tuple(raw.get("aliases", ())),
                key_skills={norm(k): float(v) for k, v in raw.get("key_skills", {}).items()},
                next=tuple(NextRole(n["role"], float(n["years"])) for n in raw.get("next", ())),
            )
        for role in roles.values():
            for n in role.next:
                if n.role not in roles:
                    raise ValueError(f"ladder role {role.id!r} points to unknown role {n.role!r}")
        return cls(roles)

    def find(self, name: str | None) -> LadderRole | None:
        """Resolve a free-text role name to a ladder role (id, title or alias)."""
        if not name:
            return None
        return self.roles.get(self._index.get(norm(name), ""))

    def path(self, start: LadderRole, goal: LadderRole) -> tuple[list[LadderRole], float] | None:
        """Fastest chain of typical moves from ``start`` to ``goal`` (Dijkstra on years)."""
        if start.id == goal.id:
            return [start], 0.0
        best: dict[str, float] = {start.id: 0.0}
        queue: list[tuple[float, str, list[str]]] = [(0.0, start.id, [start.id])]
        while queue:
            years, rid, trail = heapq.heappop(queue)
            if rid == goal.id:
                return [self.roles[r] for r in trail], years
            if years > best.get(rid, float("inf")):
                continue
            for n in self.roles[rid].next:
                total = years + n.years
                if total < best.get(n.role, float("inf")):
                    best[n.role] = total
                    heapq.heappush(queue, (total, n.role, [*trail, n.role]))
        return None

    def skill_gaps(self, role: LadderRole, snapshot: SkillSnapshot | None) -> list[SkillGap]:
        """Key skills of ``role`` vs the snapshot, biggest gap first (ties by name). A key skill counts
        the rated skills that show it through the taxonomy (``api.journey.skillmatch``)."""
        matches = match_key_skills(role.key_skills, dict(snapshot.skills) if snapshot else {})
        gaps = [SkillGap(s, matches[s].level, need, matched_by=matches[s].via) for s, need in role.key_skills.items()]
        gaps.sort(key=lambda g: (-g.gap, g.skill))
        return gaps


@lru_cache(maxsize=4)
def load_ladder(path: str | Path | None = None) -> Ladder:
    """Load (and cache) the ladder JSON; defaults to the bundled ``data/ladder.json``."""
    with open(path or DEFAULT_LADDER_PATH, encoding="utf-8") as fh:
        return Ladder.from_dict(json.load(fh))


def role_name(
    role: LadderRole | None, typed: str | None, current: LadderRole | None = None, typed_current: str | None = None
) -> str | None:
    """The name to show for a ladder role: the person's own words when they typed this role
    ("Backend Engineer", not the ladder's "Software Engineer"); a role above the typed current one
    keeps its wording ("Senior Software Engineer" after "Backend Engineer" reads "Senior Backend
    Engineer"); otherwise the ladder's title. The ladder family is only used internally."""
    typed = (typed or "").strip() or None
    if role is None:
        return typed
    if typed is not None:
        return typed
    typed_current = (typed_current or "").strip() or None
    if current is not None and typed_current and norm(typed_current) != norm(current.title) and current.title in role.title:
        return role.title.replace(current.title, typed_current)
    return role.title


def resolve_roles(ladder: Ladder, current_role: str | None, target_role: str | None):
    """(current, target, note): target defaults to the usual next role when unset or unchanged."""
    current = ladder.find(current_role)
    target = ladder.find(target_role)
    note = None
    if current is not None and current.next:
        mine = role_name(current, current_role)
        if target is None and not target_role:
            target = ladder.roles[current.next[0].role]
            note = f"No target role set; the usual next step for {mine} is {role_name(target, None, current, current_role)}."
        elif target is not None and target.id == current.id:
            target = ladder.roles[current.next[0].role]
            note = f"You're already {mine}; the usual next step is {role_name(target, None, current, current_role)}."
    return current, target, note


def skill_readiness(gaps: Sequence[SkillGap]) -> float | None:
    """How far a role's key skills are met (0..1, 3 decimals): the mean of min(1, have/need) over
    them (``Ladder.skill_gaps``); None when there is nothing to compare (no key skills or no snapshot)."""
    if not gaps:
        return None
    return round(statistics.fmean(min(1.0, g.have / g.need) if g.need else 1.0 for g in gaps), 3)


def latest_snapshot(snapshots: Sequence[SkillSnapshot]) -> SkillSnapshot | None:
    return max(snapshots, key=lambda s: s.taken_on) if snapshots else None


__all__ = [
    "DEFAULT_LADDER_PATH",
    "Ladder",
    "LadderRole",
    "NextRole",
    "SkillGap",
    "latest_snapshot",
    "load_ladder",
    "resolve_roles",
    "role_name",
    "skill_readiness",
]
