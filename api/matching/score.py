"""Explainable job-fit score and feedback-driven weight adaptation.

Pure and deterministic.  ``score_job(profile, job, weights)`` returns a
``ScoreBreakdown`` (total 0-100, band, three parts, explanation, what would
raise it).  ``adapt_weights(weights, feedback)`` nudges the weights from
thumbs up / down.

Part scores (each 0-100):

* skills – requirements from ``requirements.split_requirements``: must-haves
  (weight 3), skills merely mentioned (intro, responsibilities, tech stack;
  weight 1.5) and nice-to-haves; an alternative group ("Kafka or RabbitMQ") is
  one requirement met by any member; broad topics count for nothing. Each
  requirement earns credit through ``api.skill.relations.credit`` (1 the skill
  or a specialisation of it, 0.6 its parent, 0.5 a sibling: MySQL for
  PostgreSQL). core = weighted credit of must + mentioned;
  core and nice: 100 * (0.85 * core + 0.15 * nice coverage); only core:
  100 * core; only nice-to-haves: 40 + 60 * nice coverage; none known: 50.
  Areas (topics) are context: the share the profile shows (its tools count:
  FastAPI shows backend development; the title's areas weigh 6x, soft skills
  0.5x) closes TOPIC_SHARE of the gap to 100, never lowers it; with no skills
  named, 30 + 70 * that share. The title's area is also one core requirement
  (ROLE_UNIT, as much as a must-have: "Account Manager" asks sales) and gates
  the part: a profile that shows none of it keeps 1 - ROLE_GATE. Years asked of
  a skill ("5+ years of Python") scale that skill's credit by years had / asked
  (at least YEARS_FLOOR) when the profile says how long (its years per skill,
  else its total years); a spoken language asked ("fluent German") is a
  must-have when the profile lists its languages. Both get an explanation line
  ("Skill years: …", "Languages: …") whether scored or not. Constants tuned on
  the labelled set (bench/bench_match_quality.py).
* location – ``location.location_match`` (remote 100, same city 100, same
  region 75, whole preferred country 90 / same country 60, relocation 40,
  mismatch 0, unknown 50).
* experience – job level from the title (or from years asked) vs your level:
  equal 100, one above 60, two+ above 20, one below 75, two below 50, more 35;
  unknown level 75.  Asking more years than you have caps the score at
  100 - 20 per missing year (min 0).

total = sum(weight * rounded part score) rounded half up, capped 0..100.  Bands: <30 poor, <50 weak,
<65 fair, <80 good, >=80 great.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from api.matching.location import location_match
from api.matching.requirements import SENIORITY_RANK, Requirements, seniority_from_title, split_requirements
from api.skill import relations
from api.skill.taxonomy import Taxonomy, default_taxonomy
from api.vocabulary import MatchBand

__all__ = [
    "BANDS",
    "PARTS",
    "WEIGHT_MAX",
    "WEIGHT_MIN",
    "WEIGHT_STEP",
    "ExperiencePart",
    "Feedback",
    "LocationPart",
    "MatchJob",
    "MatchProfile",
    "PartSummary",
    "ScoreBreakdown",
    "SkillsPart",
    "Weights",
    "adapt_weights",
    "band_for",
    "score_job",
]

PARTS = ("skills", "location", "experience")
BANDS = ((30, MatchBand.POOR), (50, MatchBand.WEAK), (65, MatchBand.FAIR), (80, MatchBand.GOOD), (101, MatchBand.GREAT))
WEIGHT_MIN, WEIGHT_MAX, WEIGHT_STEP = 0.1, 0.7, 0.05
PROFILE_LEVELS = {"junior": 1, "mid": 2, "senior": 3, "lead": 4}


# --------------------------------------------------------------------------- #
# inputs
# --------------------------------------------------------------------------- #
@dataclass
class MatchProfile:
    skills: list[str] = field(default_factory=list)
    preferred_locations: list[str] = field(default_factory=list)
    experience_level: str | None = None  # junior | mid | senior | lead
    years: float | None = None
    open_to_relocation: bool = False
    remote_ok: bool = True
    # years per skill when known (a résumé, the journey): {"Python": 6}; otherwise ``years`` bounds them
    skill_years: dict[str, float] = field(default_factory=dict)
    languages: list[str] | None = None  # spoken languages; None when the profile does not say

    def to_dict(self) -> dict:
        return _shallow(self)


@dataclass
class MatchJob:
    title: str = ""
    company: str = ""
    location: str | None = None
    remote: str | None = None  # remote | hybrid | onsite | None
    description: str = ""
    requirements: str = ""
    tech_stack: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return _shallow(self)


@dataclass(frozen=True)
class Weights:
    skills: float = 0.5
    location: float = 0.3
    experience: float = 0.2

    def normalized(self) -> "Weights":
        total = self.skills + self.location + self.experience
        if total <= 0:
            return Weights()
        return Weights(self.skills / total, self.location / total, self.experience / total)

    def get(self, part: str) -> float:
        return float(getattr(self, part))

    def to_dict(self) -> dict:
        return _shallow(self)


def _shallow(part: Any) -> dict:
    """`asdict` of a dataclass of scalars, and lists and dicts of scalars (copied), without its deep
    copy of every value: re-scoring stores one breakdown per job."""
    return {
        name: list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
        for name, value in vars(part).items()
    }


# --------------------------------------------------------------------------- #
# outputs
# --------------------------------------------------------------------------- #
@dataclass
class SkillsPart:
    score: int
    matched: list[str]
    missing_must_have: list[str]
    missing_nice_to_have: list[str]
    must_have: list[str] = field(default_factory=list)
    nice_to_have: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)  # named without a cue: weighed between must and nice
    missing_mentioned: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # "PostgreSQL (via MySQL)": related skill, part credit
    topics: list[str] = field(default_factory=list)  # broad areas named: context only
    years: str = ""  # "Skill years: …" — years asked per skill against yours, when the posting asks
    languages: str = ""  # "Languages: …" — spoken languages asked against yours, when the posting asks
    missing_languages: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return _shallow(self)


@dataclass
class LocationPart:
    score: int
    reason: str  # remote | same city | same region | same country | anywhere | relocation | mismatch | unknown
    detail: str = ""

    def to_dict(self) -> dict:
        return _shallow(self)


@dataclass
class ExperiencePart:
    score: int
    job_level: str | None
    years_asked: float | None
    reason: str

    def to_dict(self) -> dict:
        return _shallow(self)


@dataclass(frozen=True)
class PartSummary:
    """One part as the explanation shows it: its score, its weight in the total, one sentence."""

    name: str
    score: int
    weight: float
    detail: str


@dataclass
class ScoreBreakdown:
    total: int
    band: str
    provisional: bool
    skills: SkillsPart
    location: LocationPart
    experience: ExperiencePart
    explanation: list[str]
    what_would_raise_it: list[str]
    weights: Weights = field(default_factory=Weights)

    @property
    def parts(self) -> dict[str, Any]:
        return {"skills": self.skills, "location": self.location, "experience": self.experience}

    @property
    def matched(self) -> list[str]:
        return self.skills.matched

    @property
    def missing_must_have(self) -> list[str]:
        return self.skills.missing_must_have

    @property
    def missing_nice_to_have(self) -> list[str]:
        return self.skills.missing_nice_to_have

    def part_scores(self) -> dict[str, int]:
        return {k: v.score for k, v in self.parts.items()}

    def summaries(self) -> list[PartSummary]:
        skill_lines = [line for line in self.explanation if line.startswith(("Skills:", "Skill years:", "Languages:"))]
        details = {
            "skills": " ".join(skill_lines),
            "location": self.location.detail,
            "experience": self.experience.reason,
        }
        return [
            PartSummary(name, part.score, round(self.weights.get(name), 4), details[name]) for name, part in self.parts.items()
        ]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "ScoreBreakdown":
        """The breakdown `to_dict` stored (jobs.score_breakdown)."""
        parts, weights = d["parts"], d.get("weights") or {}
        return cls(
            d["total"],
            d["band"],
            d["provisional"],
            SkillsPart(**parts["skills"]),
            LocationPart(**parts["location"]),
            ExperiencePart(**parts["experience"]),
            list(d.get("explanation", [])),
            list(d.get("what_would_raise_it", [])),
            Weights(**{p: float(weights.get(p, 0)) for p in PARTS}),
        )

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "band": self.band,
            "provisional": self.provisional,
            "parts": {k: v.to_dict() for k, v in self.parts.items()},
            "explanation": list(self.explanation),
            "what_would_raise_it": list(self.what_would_raise_it),
            "weights": self.weights.to_dict(),
        }

    def to_json(self) -> str:
        """`to_dict` as JSON text, built without its copies: re-scoring writes one per job."""
        parts = {"skills": vars(self.skills), "location": vars(self.location), "experience": vars(self.experience)}
        return _JSON.encode(
            {
                "total": self.total,
                "band": self.band,
                "provisional": self.provisional,
                "parts": parts,
                "explanation": self.explanation,
                "what_would_raise_it": self.what_would_raise_it,
                "weights": vars(self.weights),
            }
        )


_JSON = json.JSONEncoder(check_circular=False, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- #
# scoring
# --------------------------------------------------------------------------- #
def band_for(total: int) -> MatchBand:
    for limit, name in BANDS:
        if total < limit:
            return name
    return MatchBand.GREAT


def _join(names: Sequence[str], limit: int = 4) -> str:
    names = list(names)
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


IMPORTANCE = {"must": 3.0, "mentioned": 1.5, "nice": 1.0}
NICE_SHARE = 0.15  # nice-to-haves move the skills part by at most this much
TOPIC_SHARE = 0.4  # areas the profile shows close this share of the gap to 100 (context: never a penalty)


def _units(req: Requirements) -> list[tuple[str, list[str]]]:
    """(kind, members) per requirement: an alternative group is one requirement of its strongest kind."""
    kind_of = {
        n.lower(): k
        for k, names in (("nice", req.nice_to_have), ("mentioned", req.mentioned), ("must", req.must_have))
        for n in names
    }
    rank = {"must": 3, "nice": 2, "mentioned": 1}
    out: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for g in req.alternatives:
        members = [n for n in g if n.lower() in kind_of]
        if len(members) < 2:
            continue
        kind = max((kind_of[n.lower()] for n in members), key=lambda k: rank[k])
        out.append((kind, members))
        seen.update(n.lower() for n in members)
    for kind, names in (("must", req.must_have), ("mentioned", req.mentioned), ("nice", req.nice_to_have)):
        for n in names:
            if n.lower() not in seen:
                out.append((kind, [n]))
                seen.add(n.lower())
    return out


ROLE_GATE = 0.7  # the skills part keeps 1 - ROLE_GATE of itself when the profile shows none of the title's area
UNKNOWN_SKILLS = 50  # the skills part of a posting that names no skill or area we know
YEARS_FLOOR = 0.5  # a skill had for fewer years than asked keeps at least this share of its credit
ROLE_UNIT = 3.0  # the title's area counts in the core as this many must-have units
ROLE_TOPIC_WEIGHT = 6.0  # an area the title names ("Data Scientist") weighs as six the text names


# Re-scoring scores every job of one profile: what depends only on the profile (its canonical
# skills), on one skill against them, or on a location pair is computed once (all pure, and
# taxonomies are immutable), so a re-score of thousands of jobs repeats none of it.
@lru_cache(maxsize=64)
def _have(profile_skills: tuple[str, ...], tx: Taxonomy) -> frozenset[str]:
    return frozenset(tx.canonical_set(profile_skills))


@lru_cache(maxsize=65_536)
def _credit(required: str, have: frozenset[str]) -> tuple[float, str | None]:
    return relations.credit(required, have)


@lru_cache(maxsize=16_384)
def _area_credit(topic: str, have: frozenset[str]) -> float:
    return relations.area_credit(topic, have)


_location = lru_cache(maxsize=16_384)(location_match)


@lru_cache(maxsize=64)
def _normalized(weights: Weights) -> Weights:
    return weights.normalized()


def _topic_coverage(req: Requirements, have: frozenset[str], tx: Taxonomy) -> float | None:
    """Share of the posting's areas the profile shows (soft skills count half, the title's areas
    three times); None when it names none."""
    got = total = 0.0
    weights = dict.fromkeys(req.role_topics, ROLE_TOPIC_WEIGHT)
    for t in req.topics:
        weights.setdefault(t, 0.5 if tx.category(t) == "soft" else 1.0)
    for t, w in weights.items():
        total += w
        got += w * _area_credit(t, have)
    return got / total if total else None


def _years_had(profile: MatchProfile, skill: str, via: str | None, tx: Taxonomy) -> tuple[float | None, bool]:
    """(years with the skill, exact) — the profile's own figure for it (or the skill that met it), else its
    total years as an upper bound (exact False), else None."""
    mine = {tx.canonical_key(k): float(v) for k, v in profile.skill_years.items()}
    for name in (skill, via or ""):
        if name and tx.canonical_key(name) in mine:
            return mine[tx.canonical_key(name)], True
    return (float(profile.years), False) if profile.years is not None else (None, False)


def _score_years(profile: MatchProfile, req: Requirements, name: str, via: str | None, tx: Taxonomy, notes: list[str]) -> float:
    """The share of a met requirement's credit kept when the posting asks years of it ("5+ years of
    Python") and the profile shows fewer: years had / asked, at least YEARS_FLOOR. One note per ask."""
    asked = next((y for k, y in req.skill_years.items() if k.lower() == name.lower()), None)
    if asked is None:
        return 1.0
    had, exact = _years_had(profile, name, via, tx)
    if had is None:
        notes.append(f"{asked:g}+ years of {name} asked (your profile does not say how long)")
        return 1.0
    if had >= asked:
        notes.append(f"{asked:g}+ years of {name} asked, you have {had:g}")
        return 1.0
    whose = "" if exact else " in all"
    notes.append(f"{asked:g}+ years of {name} asked, you have {had:g}{whose}")
    return max(YEARS_FLOOR, had / asked)


def _score_languages(profile: MatchProfile, req: Requirements, tx: Taxonomy) -> tuple[str, list[str]]:
    """("Languages: …" line, the languages asked that the profile does not list); the profile's
    languages count only when it lists some (None: it does not say)."""
    if not req.languages:
        return "", []
    asked = _join(req.languages)
    if profile.languages is None:
        return f"Languages: it asks for {asked} (not scored: your profile lists no languages).", []
    mine = {tx.canonical_key(x) for x in profile.languages}
    missing = [x for x in req.languages if tx.canonical_key(x) not in mine]
    if missing:
        return f"Languages: it asks for {asked}; you do not list {_join(missing)}.", missing
    return f"Languages: it asks for {asked}, which you speak.", []


def _score_skills(profile: MatchProfile, req: Requirements, tx: Taxonomy, units: list[tuple[str, list[str]]]) -> SkillsPart:
    have = _have(tuple(profile.skills), tx)
    matched: list[str] = []
    partial: list[str] = []
    years_notes: list[str] = []
    missing: dict[str, list[str]] = {"must": [], "mentioned": [], "nice": []}
    got = {"must": 0.0, "mentioned": 0.0, "nice": 0.0}
    total = {"must": 0.0, "mentioned": 0.0, "nice": 0.0}
    for kind, members in units:
        best, best_name, via = 0.0, members[0], None
        for n in members:
            c, v = _credit(n, have)
            if c > best:
                best, best_name, via = c, n, v
        total[kind] += 1
        got[kind] += best * (_score_years(profile, req, best_name, via, tx, years_notes) if best >= 1 else 1.0)
        label = " or ".join(members)
        if best >= 1:
            matched.append(best_name)
        elif best > 0:
            partial.append(f"{best_name} (via {tx.canonical(via or '')})")
            missing[kind].append(label)
        else:
            missing[kind].append(label)

    languages_line, missing_languages = _score_languages(profile, req, tx)
    if profile.languages is not None:
        # a spoken language asked is a must-have, scored only when the profile lists its languages (an empty
        # list: it lists some, none spoken well enough for work)
        total["must"] += len(req.languages)
        got["must"] += len(req.languages) - len(missing_languages)
    core_w = IMPORTANCE["must"] * total["must"] + IMPORTANCE["mentioned"] * total["mentioned"]
    core_got = IMPORTANCE["must"] * got["must"] + IMPORTANCE["mentioned"] * got["mentioned"]
    role_cov = sum(_area_credit(t, have) for t in req.role_topics) / len(req.role_topics) if req.role_topics else None
    if core_w and role_cov is not None:
        # the area the title names is itself a core requirement ("Account Manager": sales)
        core_w += ROLE_UNIT
        core_got += ROLE_UNIT * role_cov
    if core_w and total["nice"]:
        score = 100 * ((1 - NICE_SHARE) * core_got / core_w + NICE_SHARE * got["nice"] / total["nice"])
    elif core_w:
        score = 100 * core_got / core_w
    elif total["nice"]:
        score = 40 + 60 * got["nice"] / total["nice"]
    else:
        score = float(UNKNOWN_SKILLS)
    topic_cov = _topic_coverage(req, have, tx)
    if topic_cov is not None:
        # context only: areas the profile shows lift the part, areas it does not show cost nothing
        named = bool(core_w or total["nice"])
        score = score + TOPIC_SHARE * (100 - score) * topic_cov if named else 30 + 70 * topic_cov
    if role_cov is not None:
        # the area the title names is what the role is: a profile that shows none of it is not a fit
        score *= (1 - ROLE_GATE) + ROLE_GATE * role_cov
    return SkillsPart(
        round(score),
        matched,
        missing["must"],
        missing["nice"],
        list(req.must_have),
        list(req.nice_to_have),
        list(req.mentioned),
        missing["mentioned"],
        partial,
        list(dict.fromkeys([*req.role_topics, *req.topics])),
        f"Skill years: {'; '.join(years_notes)}." if years_notes else "",
        languages_line,
        missing_languages,
    )


def _level_from_years(years: float | None) -> str | None:
    if years is None:
        return None
    if years < 2:
        return "junior"
    if years < 5:
        return "mid"
    if years < 8:
        return "senior"
    return "lead"


def _score_experience(profile: MatchProfile, job: MatchJob, req: Requirements) -> ExperiencePart:
    job_level = req.seniority or seniority_from_title(job.title)
    from_years = False
    if job_level is None and req.years_min is not None:
        job_level, from_years = _level_from_years(req.years_min), True
    years_asked = req.years_min
    mine = PROFILE_LEVELS.get((profile.experience_level or "").lower())
    if mine is None and profile.years is not None:
        mine = PROFILE_LEVELS[_level_from_years(profile.years) or "mid"]

    if job_level is None or mine is None:
        score, reason = (
            75,
            ("The posting does not state a level." if job_level is None else "Your experience level is not set."),
        )
    else:
        diff = mine - SENIORITY_RANK[job_level]
        src = f" (from {years_asked:g}+ years asked)" if from_years and years_asked is not None else ""
        if diff == 0:
            score, reason = 100, f"{job_level.capitalize()} role{src} matches your level."
        elif diff == -1:
            score, reason = 60, f"{job_level.capitalize()} role{src} is one step above your level (a stretch)."
        elif diff < -1:
            score, reason = 20, f"{job_level.capitalize()} role{src} is well above your level."
        elif diff == 1:
            score, reason = 75, f"{job_level.capitalize()} role{src} is one step below your level."
        elif diff == 2:
            score, reason = 50, f"{job_level.capitalize()} role{src} is two steps below your level."
        else:
            score, reason = 35, f"{job_level.capitalize()} role{src} is far below your level."

    if years_asked is not None and profile.years is not None and profile.years < years_asked:
        short = years_asked - profile.years
        cap = max(0, round(100 - 20 * short))
        if cap < score:
            score = cap
        reason += f" It asks for {years_asked:g}+ years; you have {profile.years:g}."
    elif years_asked is not None and profile.years is not None:
        reason += f" It asks for {years_asked:g}+ years; you have {profile.years:g}."
    return ExperiencePart(int(score), job_level, years_asked, reason)


THIN_WORDS = 40  # a posting with fewer words (and under three skills) scores provisionally


def _words_under(limit: int, *texts: str | None) -> bool:
    """Whether the texts hold fewer than `limit` words together (splitting stops at the limit)."""
    return len(f"{' '.join(t or '' for t in texts)}".split(None, limit - 1)) < limit


def score_job(
    profile: MatchProfile,
    job: MatchJob,
    weights: Weights | None = None,
    taxonomy: Taxonomy | None = None,
    requirements: Requirements | None = None,
    words: int | None = None,
) -> ScoreBreakdown:
    """Score how well ``job`` fits ``profile`` (0-100) with an explanation.

    ``requirements`` may be passed in when already computed (e.g. cached per
    posting) to skip re-parsing the description, and with them ``words``, the
    number of words of its description and requirements together (then
    neither text is read: re-scoring does not fetch them).
    """
    tx = taxonomy or default_taxonomy()
    w = _normalized(weights or Weights())
    req = requirements or split_requirements(job.description, job.requirements, job.tech_stack, job.title, taxonomy=tx)

    units = _units(req)
    sk = _score_skills(profile, req, tx, units)
    lm = _location(job.location, job.remote, tuple(profile.preferred_locations), profile.remote_ok, profile.open_to_relocation)
    loc = LocationPart(lm.score, lm.reason, lm.detail)
    exp = _score_experience(profile, job, req)

    raw = w.skills * sk.score + w.location * loc.score + w.experience * exp.score
    # part scores are the rounded ints shown to the user; round half up
    total = max(0, min(100, math.floor(raw + 0.5 + 1e-9)))

    count = dict.fromkeys(("must", "mentioned", "nice"), 0)
    for kind, _ in units:
        count[kind] += 1
    provisional = len(units) < 3 and (
        words < THIN_WORDS if words is not None else _words_under(THIN_WORDS, job.description, job.requirements)
    )

    expl: list[str] = []
    if units:
        parts = []
        if count["must"]:
            s = f"you have {count['must'] - len(sk.missing_must_have)} of {count['must']} must-have skills"
            if sk.missing_must_have:
                s += f" (missing {_join(sk.missing_must_have)})"
            parts.append(s)
        if count["mentioned"]:
            got = count["mentioned"] - len(sk.missing_mentioned)
            parts.append(f"{got} of {count['mentioned']} other skills it names")
        if count["nice"]:
            parts.append(f"{count['nice'] - len(sk.missing_nice_to_have)} of {count['nice']} nice-to-haves")
        line = "Skills: " + " and ".join(parts)
        if sk.partial:
            line += f"; related experience counts in part: {_join(sk.partial)}"
        expl.append(line + ".")
    else:
        expl.append("Skills: the posting names no skills we recognise.")
    expl += [line for line in (sk.years, sk.languages) if line]
    expl.append(f"Location: {loc.detail}")
    expl.append(f"Experience: {exp.reason}")
    if provisional:
        expl.append("The posting is thin, so this score is provisional.")

    raise_it = (sk.missing_must_have + sk.missing_languages + sk.missing_mentioned + sk.missing_nice_to_have)[:5]
    return ScoreBreakdown(total, band_for(total), provisional, sk, loc, exp, expl, raise_it, w)


# --------------------------------------------------------------------------- #
# feedback -> weights
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Feedback:
    target: str  # skills | location | experience | job
    rating: int  # +1 thumbs up, -1 thumbs down
    parts: Mapping[str, float] = field(default_factory=dict)  # part scores of the rated job
    location_reason: str | None = None

    @classmethod
    def from_breakdown(cls, target: str, rating: int, breakdown: ScoreBreakdown) -> "Feedback":
        return cls(target, rating, breakdown.part_scores(), breakdown.location.reason)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["parts"] = dict(self.parts)
        return d


def _pct(x: float) -> str:
    return f"{round(x * 100, 1):g}%"


def _strongest(parts: Mapping[str, float]) -> str | None:
    scored = [(float(parts[p]), -i, p) for i, p in enumerate(PARTS) if parts.get(p) is not None]
    return max(scored)[2] if scored else None


def _weakest(parts: Mapping[str, float], exclude: str) -> str | None:
    scored = [(float(parts[p]), i, p) for i, p in enumerate(PARTS) if p != exclude and parts.get(p) is not None]
    return min(scored)[2] if scored else None


def _liked_noun(part: str, fbs: list[Feedback]) -> str:
    n = len(fbs)
    jobs = "job" if n == 1 else "jobs"
    if part == "location":
        reasons = [f.location_reason for f in fbs if f.location_reason]
        if reasons and sum(r == "remote" for r in reasons) * 2 > len(reasons):
            return f"{n} remote {jobs}"
        return f"{n} {jobs} in a good location"
    if part == "skills":
        return f"{n} {jobs} with strong skill overlap"
    return f"{n} {jobs} at your level"


_WEAK_PHRASE = {"skills": "weak skill overlap", "location": "a poor location fit", "experience": "a level mismatch"}


def adapt_weights(current: Weights, feedback: Sequence[Feedback]) -> tuple[Weights, str]:
    """Nudge one weight by ``WEIGHT_STEP`` from thumbs up / down.

    * target skills|location|experience: +1 raises that weight, -1 lowers it.
    * target job: +1 raises the job's strongest part, -1 lowers the part that
      scored it highest (over-scored it).

    Votes are summed per part; the part with the largest net vote moves one
    step (ties: skills, location, experience).  The other weights absorb the
    change equally, every weight stays within [WEIGHT_MIN, WEIGHT_MAX] and the
    weights always sum to 1.
    """
    w = current.normalized()
    vals = {p: w.get(p) for p in PARTS}
    votes = dict.fromkeys(PARTS, 0)
    why: dict[tuple[str, int], list[Feedback]] = {}
    for f in feedback or ():
        if f.rating not in (1, -1):
            continue
        part = f.target if f.target in PARTS else (_strongest(f.parts) if f.target == "job" else None)
        if part is None:
            continue
        votes[part] += f.rating
        why.setdefault((part, f.rating), []).append(f)

    if not any(votes.values()):
        msg = "No feedback yet" if not feedback else "Your feedback is balanced"
        return _rounded(vals), f"{msg}: weights unchanged."

    part = max(PARTS, key=lambda p: (abs(votes[p]), -PARTS.index(p)))
    direction = 1 if votes[part] > 0 else -1
    old = vals[part]
    others = [p for p in PARTS if p != part]
    if direction > 0:
        room = min(WEIGHT_MAX - old, sum(max(0.0, vals[o] - WEIGHT_MIN) for o in others))
    else:
        room = min(old - WEIGHT_MIN, sum(max(0.0, WEIGHT_MAX - vals[o]) for o in others))
    step = max(0.0, min(WEIGHT_STEP, room))
    fbs = why.get((part, direction), [])
    cause = _cause(part, direction, fbs)
    if step < 1e-9:
        bound = "maximum" if direction > 0 else "minimum"
        return _rounded(vals), f"{cause}, but the {part} weight is already at its {bound} ({_pct(old)})."

    new = dict(vals)
    new[part] = old + direction * step
    # the others absorb -direction*step, equally, respecting their bounds
    remaining = step
    for _ in range(3):
        movable = [o for o in others if (new[o] - WEIGHT_MIN if direction > 0 else WEIGHT_MAX - new[o]) > 1e-12]
        if not movable or remaining <= 1e-12:
            break
        share = remaining / len(movable)
        for o in movable:
            cap = new[o] - WEIGHT_MIN if direction > 0 else WEIGHT_MAX - new[o]
            d = min(share, cap)
            new[o] -= direction * d
            remaining -= d
    out = _rounded(new)
    return out, f"{cause}: {part} weight {_pct(old)} → {_pct(out.get(part))}."


def _cause(part: str, direction: int, fbs: list[Feedback]) -> str:
    n = len(fbs)
    direct = [f for f in fbs if f.target == part]
    jobs = [f for f in fbs if f.target == "job"]
    if jobs and len(jobs) >= len(direct):
        if direction > 0:
            s = f"You liked {_liked_noun(part, jobs)}"
            weakest = [_weakest(f.parts, part) for f in jobs]
            weak = [x for x in weakest if x is not None and float(next(f.parts[x] for f in jobs if x in f.parts)) < 50]
            if weak:
                common = max(set(weak), key=lambda x: (weak.count(x), -PARTS.index(x)))
                s += f" with {_WEAK_PHRASE[common]}"
            return s
        noun = "job" if len(jobs) == 1 else "jobs"
        return f"You disliked {len(jobs)} {noun} that scored high on {part}"
    times = "once" if n == 1 else f"{n} times"
    if direction > 0:
        return f"You said {part} matters more ({times})"
    return f"You said {part} matters less ({times})"


def _rounded(vals: Mapping[str, float]) -> Weights:
    r = {p: round(vals[p], 4) for p in PARTS}
    # make the sum exactly 1 by adjusting the largest weight
    big = max(PARTS, key=lambda p: r[p])
    r[big] = round(1.0 - sum(r[p] for p in PARTS if p != big), 4)
    return Weights(**r)
