"""Split a job posting into must-have / nice-to-have skills, years asked, seniority.

Pure and deterministic.  Rules, in order of strength:

1. A sentence (or ``;``-separated clause) with an explicit cue decides for the
   skills in it; when a clause has both kinds of cue, each skill takes the
   nearest cue ("Python required, Go a plus" -> Python must, Go nice).
   Nice cues are checked first, so "not required" / "preferred
   qualifications" count as nice.
2. Otherwise the section heading the sentence sits under decides
   ("Requirements:" -> must, "Nice to have" / "Bonus points" -> nice).
3. Otherwise (intro, responsibilities, tech-stack lines) the skill is a
   must-have: a posting that names a technology without hedging expects it.

A skill found both as must and as nice is a must-have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from api.skill.taxonomy import Taxonomy, default_taxonomy

__all__ = [
    "SENIORITY_RANK",
    "Requirements",
    "SkillRequirement",
    "classify_line",
    "parse_years",
    "seniority_from_title",
    "split_requirements",
]

MUST, NICE, NEUTRAL = "must", "nice", "neutral"

# ordinal used for comparisons with a profile's level (junior|mid|senior|lead)
SENIORITY_RANK = {
    "intern": 0,
    "junior": 1,
    "mid": 2,
    "senior": 3,
    "lead": 4,
    "staff": 4,
    "manager": 4,
    "principal": 5,
}

_NICE_CUE = re.compile(
    r"nice[\s\-]*to[\s\-]*haves?|\bbonus(?:es| points?)?\b|\bplus(?:es)?\b|\bpreferred\b|\bpreferably\b|"
    r"\bideally\b|would be (?:great|nice|a plus|an advantage|helpful|beneficial)|\bdesirable\b|"
    r"\b(?:an |a big )?advantage(?:ous)?\b|\boptional\b|not (?:strictly )?required|"
    r"\bnot a must\b|good to have|great to have|\bextra points?\b|\bwelcome\b",
    re.I,
)
_MUST_CUE = re.compile(
    r"\brequired\b|\brequirements?\b|\brequire[sd]?\b|\bmust(?:[\s\-]*haves?)?\b|\byou have\b|"
    r"\byou bring\b|\byou(?:'ll| will) need\b|\bqualifications?\b|\bessential\b|\bmandatory\b|"
    r"\bwhat we(?:'re| are) looking for\b|\bwho you are\b|\babout you\b|\bneeded\b|"
    r"\bproficien(?:t|cy)\b|\bstrong (?:experience|knowledge|background)\b|\bexpertise\b|"
    r"\bskills\b",
    re.I,
)
# headings that carry no requirement meaning reset the section to neutral
_NEUTRAL_HEADING = re.compile(
    r"\b(?:about (?:us|the (?:company|team|role|job))|responsibilit|what you(?:'ll| will) do|"
    r"the role|your role|benefits|perks|we offer|what we offer|compensation|salary|"
    r"how to apply|our stack|tech stack|the team|location|overview|description|mission)",
    re.I,
)
_INLINE_LABEL = re.compile(
    r"(?i)(?:^|(?<=[\s.;(]))("
    r"nice[\s\-]*to[\s\-]*haves?|bonus(?: points)?|preferred(?: qualifications| skills)?|pluses|"
    r"(?:minimum |basic |required |key )?(?:requirements|qualifications)|required(?: skills)?|"
    r"must[\s\-]*haves?)\s*:"
)
_HEADING_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|\*\*|__)|(?:\*\*|__)\s*$")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[^a-z])")
_CLAUSE_SPLIT = re.compile(r";\s*")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦>]+|\d+[.)])\s+")


@dataclass(frozen=True)
class SkillRequirement:
    name: str
    category: str | None
    kind: str  # "must" | "nice"
    evidence: str  # the sentence / line it came from
    reason: str  # e.g. 'sentence says "required"', 'under heading "Nice to have"'

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Requirements:
    must_have: list[str] = field(default_factory=list)  # canonical names, first-seen order
    nice_to_have: list[str] = field(default_factory=list)
    years_min: float | None = None
    years_max: float | None = None
    seniority: str | None = None  # from the title
    details: list[SkillRequirement] = field(default_factory=list)

    @property
    def all_skills(self) -> list[str]:
        return self.must_have + self.nice_to_have

    def to_dict(self) -> dict:
        return {
            "must_have": list(self.must_have),
            "nice_to_have": list(self.nice_to_have),
            "years_min": self.years_min,
            "years_max": self.years_max,
            "seniority": self.seniority,
            "details": [d.to_dict() for d in self.details],
        }


# --------------------------------------------------------------------------- #
# seniority
# --------------------------------------------------------------------------- #
_SENIORITY_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "intern",
        re.compile(r"\b(?:intern|internship|trainee|apprentice(?:ship)?|working student|werkstudent|praktikant\w*)\b", re.I),
    ),
    (
        "manager",
        re.compile(
            r"\b(?:(?:engineering|software|development|dev|team|technical|tech|it|delivery|data|qa|devops|"
            r"platform|infrastructure|security)\s+manager|manager,?\s+(?:of\s+)?(?:software\s+)?engineering|"
            r"head of|director|vp|vice president|cto|cio)\b",
            re.I,
        ),
    ),
    ("principal", re.compile(r"\b(?:principal|distinguished|fellow)\b", re.I)),
    ("staff", re.compile(r"\bstaff\b", re.I)),
    ("lead", re.compile(r"\b(?:lead|leader|team lead|tech lead|architect)\b", re.I)),
    ("senior", re.compile(r"\b(?:senior|sr\.?|snr|experienced|expert)(?=\s|$|[,/)\-])|\b(?:iii|iv|level 3)\b", re.I)),
    ("mid", re.compile(r"\b(?:mid|mid-level|midlevel|intermediate|ii|level 2)\b", re.I)),
    (
        "junior",
        re.compile(r"\b(?:junior|jr\.?|entry[\s\-]level|graduate|grad|new grad|associate|i|level 1)(?=\s|$|[,/)\-])", re.I),
    ),
]


def seniority_from_title(title: str | None) -> str | None:
    """intern|junior|mid|senior|staff|principal|lead|manager, or None when the title says nothing."""
    if not title:
        return None
    t = title.strip()
    for level, pat in _SENIORITY_PATTERNS:
        if level in ("mid", "junior"):
            # roman numerals only count as suffixes: "Engineer II", not "II-VI Inc"
            m = pat.search(t)
            if m and m.group(0).strip().lower() in ("ii", "i") and not re.search(r"\b(?:ii|i)\s*$", t, re.I):
                continue
            if m:
                return level
            continue
        if pat.search(t):
            return level
    return None


# --------------------------------------------------------------------------- #
# years of experience
# --------------------------------------------------------------------------- #
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
}
_NUM = r"(\d{1,2}(?:[.,]5)?|" + "|".join(_NUM_WORDS) + r")"
_YRS = r"(?:years?|yrs?\.?)"
_YEARS_RANGE = re.compile(_NUM + r"\s*\+?\s*(?:-|–|—|to)\s*" + _NUM + r"\s*\+?\s*" + _YRS, re.I)
_YEARS_MIN = re.compile(
    r"(?:at least|minimum(?: of)?|min\.?|over|more than|no less than)\s+"
    + _NUM
    + r"\s*\+?\s*"
    + _YRS
    + r"|"
    + _NUM
    + r"\s*(?:\+|plus\b)\s*"
    + _YRS
    + r"|"
    + _NUM
    + r"\s*"
    + _YRS
    + r"(?:\s+of)?(?:\s+\w+){0,2}?\s+(?:experience|exp\b)"
    + r"|"
    + _NUM
    + r"\s*"
    + _YRS
    + r"\s+(?:or more|minimum)",
    re.I,
)
_NOT_EXPERIENCE = re.compile(
    r"\b(?:founded|since|ago|we've been|we have been|in business|anniversary|old|contract|"
    r"fixed[\s\-]term|vesting|warranty)\b",
    re.I,
)


def _num(s: str) -> float:
    s = s.lower().replace(",", ".")
    return float(_NUM_WORDS[s]) if s in _NUM_WORDS else float(s)


def parse_years(text: str | None) -> tuple[float | None, float | None]:
    """(min, max) years of experience asked; the strongest (largest minimum) ask wins.

    "5+ years" -> (5, None); "at least 3 years" -> (3, None); "3-5 years" -> (3, 5).
    """
    if not text:
        return (None, None)
    best: tuple[float | None, float | None] = (None, None)
    for sent in _SENT_SPLIT.split(text.replace("\n", ". ")):
        low = sent.lower()
        if "year" not in low and "yr" not in low:
            continue
        if _NOT_EXPERIENCE.search(sent):
            continue
        spans: list[tuple[int, int]] = []
        for m in _YEARS_RANGE.finditer(sent):
            lo, hi = _num(m.group(1)), _num(m.group(2))
            if lo > hi:
                lo, hi = hi, lo
            spans.append(m.span())
            if 0 < lo <= 30 and (best[0] is None or lo > best[0]):
                best = (lo, hi)
        for m in _YEARS_MIN.finditer(sent):
            if any(a <= m.start() < b for a, b in spans):
                continue
            val = next(g for g in m.groups() if g)
            lo = _num(val)
            if 0 < lo <= 30 and (best[0] is None or lo > best[0]):
                best = (lo, None)
    return best


# --------------------------------------------------------------------------- #
# must / nice classification
# --------------------------------------------------------------------------- #
def _heading_text(line: str, tx: Taxonomy | None = None) -> str | None:
    """If the line looks like a section heading, return its bare text.

    Lines ending in ':' or marked up (#, **) are headings; a short Title-Case
    line without punctuation is one only if it has a cue and names no skill.
    """
    raw = line.strip()
    if not raw:
        return None
    marked = bool(_HEADING_MARKUP.search(raw))
    bare = _HEADING_MARKUP.sub("", raw).strip().strip("*_").strip()
    colon = bare.endswith(":")
    bare = bare.rstrip(":").strip()
    words = bare.split()
    if not words or len(words) > 7:
        return None
    if colon or marked or (bare.isupper() and len(bare) > 3):
        return bare
    # a short Title-Case line without final punctuation
    if (
        not re.search(r"[.!?,;]$", bare)
        and len(words) <= 5
        and words[0][:1].isupper()
        and (_NICE_CUE.search(bare) or _MUST_CUE.search(bare) or _NEUTRAL_HEADING.search(bare))
        and not (tx is not None and tx.extract_skills(bare))
    ):
        return bare
    return None


def classify_line(text: str) -> str:
    """must | nice | neutral for one sentence / heading (nice cues checked first)."""
    if _NICE_CUE.search(text):
        return NICE
    if _MUST_CUE.search(text):
        return MUST
    return NEUTRAL


def _heading_mode(heading: str) -> str:
    mode = classify_line(heading)
    if mode == NEUTRAL and _NEUTRAL_HEADING.search(heading):
        return NEUTRAL
    return mode


def _cue_spans(text: str) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), NICE) for m in _NICE_CUE.finditer(text)]
    nice_ranges = [(a, b) for a, b, _ in spans]
    for m in _MUST_CUE.finditer(text):
        if not any(a <= m.start() < b or a < m.end() <= b for a, b in nice_ranges):
            spans.append((m.start(), m.end(), MUST))
    return sorted(spans)


def _iter_units(text: str, tx: Taxonomy | None = None) -> Iterable[tuple[str, str | None]]:
    """Yield (unit_text, heading_mode_or_None) in order.

    A heading line yields ("", mode) to switch the section; an inline label
    ("Nice to have: X, Y") switches the section and yields the rest.
    """
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        head = _heading_text(line, tx)
        if head is not None:
            yield ("", _heading_mode(head))
            continue
        line = _BULLET.sub("", line.strip())
        # split on inline labels
        pieces: list[tuple[str, str | None]] = []
        pos = 0
        for m in _INLINE_LABEL.finditer(line):
            if m.start() > pos:
                pieces.append((line[pos : m.start()], None))
            pieces.append(("", _heading_mode(m.group(1))))
            pos = m.end()
        pieces.append((line[pos:], None))
        for piece, mode in pieces:
            if mode is not None:
                yield ("", mode)
                continue
            for sent in _SENT_SPLIT.split(piece):
                for clause in _CLAUSE_SPLIT.split(sent):
                    if clause.strip():
                        yield (clause.strip(), None)


def _skill_mode(clause: str, surface: str, section: str) -> tuple[str, str]:
    cues = _cue_spans(clause)
    if not cues:
        if section == NEUTRAL:
            return MUST, "mentioned without hedging"
        return section, f"under a {'must-have' if section == MUST else 'nice-to-have'} heading"
    kinds = {k for _, _, k in cues}
    if section != NEUTRAL and section not in kinds:
        # the heading acts as a weak cue at the start of the clause
        cues = [(-10, -10, section), *cues]
        kinds.add(section)
    if len(kinds) == 1:
        a, b, k = cues[0]
        return k, f'sentence says "{clause[a:b]}"'
    pos = clause.find(surface)
    if pos < 0:
        pos = clause.lower().find(surface.lower())
    end = pos + len(surface)

    def dist(c: tuple[int, int, str]) -> tuple[int, int]:
        a, b, _k = c
        lo, hi = (end, a) if a >= end else ((b, pos) if b <= pos else (pos, pos))
        # commas separate list items / clauses: crossing one costs 10 characters
        d = (hi - lo) + 10 * clause.count(",", lo, hi)
        return (d, 0 if a >= end else 1)  # ties: a cue after the skill ("X is a plus") wins

    a, b, k = min(cues, key=dist)
    if a < 0:
        return k, f"under a {'must-have' if k == MUST else 'nice-to-have'} heading"
    return k, f'nearest cue "{clause[a:b]}"'


def split_requirements(
    description: str | None = "",
    requirements: str | None = "",
    tech_stack: Iterable[str] | None = (),
    title: str | None = "",
    taxonomy: Taxonomy | None = None,
) -> Requirements:
    """Classify every skill of a posting as must-have or nice-to-have.

    ``requirements`` text starts in a must-have section; ``description``
    starts neutral.  ``tech_stack`` entries are must-haves unless the text
    explicitly calls them nice-to-have.
    """
    tx = taxonomy or default_taxonomy()
    kinds: dict[str, SkillRequirement] = {}
    order: list[str] = []

    def record(req: SkillRequirement) -> None:
        key = req.name.lower()
        prev = kinds.get(key)
        if prev is None:
            kinds[key] = req
            order.append(key)
        elif prev.kind == NICE and req.kind == MUST:
            kinds[key] = req

    for text, start_mode in ((description or "", NEUTRAL), (requirements or "", MUST)):
        section = start_mode
        for unit, heading in _iter_units(text, tx):
            if heading is not None:
                section = heading
                continue
            for m in tx.extract_skills(unit):
                kind, reason = _skill_mode(unit, m.surface or m.name, section)
                record(SkillRequirement(m.name, m.category, kind, m.evidence, reason))

    for s in tech_stack or ():
        name = tx.canonical(s)
        if not name:
            continue
        key = name.lower()
        if key not in kinds:
            record(SkillRequirement(name, tx.category(name), MUST, f"tech stack: {name}", "listed in the tech stack"))

    years_min, years_max = parse_years("\n".join(t for t in (requirements, description) if t))
    details = [kinds[k] for k in order]
    return Requirements(
        must_have=[d.name for d in details if d.kind == MUST],
        nice_to_have=[d.name for d in details if d.kind == NICE],
        years_min=years_min,
        years_max=years_max,
        seniority=seniority_from_title(title),
        details=details,
    )
