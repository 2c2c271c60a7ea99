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

import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from api.skill import relations
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

MUST, NICE, NEUTRAL, MENTIONED, SKIP = "must", "nice", "neutral", "mentioned", "skip"

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
    r"\bnot a must\b|good to have|great to have|\bextra points?\b|\bwelcome\b|"
    # softened asks ("familiarity with X", "exposure to X"), unless made strong ("strong familiarity")
    r"(?<!strong )(?<!solid )(?<!deep )(?<!proven )(?<!extensive )(?<!thorough )(?<!excellent )(?<!good )"
    r"\bfamiliar(?:ity)? with\b|\bexposure to\b|\bsome (?:experience|exposure|familiarity|knowledge)\b|"
    # de
    r"w\u00fcnschenswert|\bvon vorteil\b|\bvorteilhaft\b|\bidealerweise\b|\bgerne\b|\bpluspunkt\w*|"
    r"\bw\u00e4re sch\u00f6n\b|\bkein muss\b|\bop(?:tional)?\b(?=\s*:)|"
    r"\berste\w* (?:erfahrung|kenntnis|ber\u00fchrungspunkt)\w*|\bgrundkenntnisse\b|\bber\u00fchrungspunkte\b|"
    r"\bvertrautheit mit\b|"
    # fr
    r"\bsouhait\u00e9e?s?\b|\bsouhaitable\b|\bun plus\b|\bappr\u00e9ci\u00e9e?s?\b|\bid\u00e9alement\b|\bserait un\b|"
    r"\bfamiliarit\u00e9 avec\b|\bune premi\u00e8re exp\u00e9rience\b|\bdes notions\b|\bnotions (?:de|d'|en)\b|"
    r"\bexposition \u00e0\b|"
    # es
    r"\bdeseables?\b|\bse valorar\u00e1n?\b|\bvalorable\b|\bse valora\b|\bidealmente\b|\bser\u00e1 un plus\b|"
    r"\bfamiliaridad con\b|\bfamiliarizad[oa]s? con\b|\bnociones (?:de|b\u00e1sicas)\b|\bexposici\u00f3n a\b|"
    r"\bconocimientos? b\u00e1sicos?\b|"
    # nl
    r"\bpluspunt\w*|\bis een pre\b|\bpr\u00e9\b|\bgewenst\b|\bmooi meegenomen\b|\bbij voorkeur\b|"
    r"\bbekendheid met\b|\baffiniteit met\b|\bbasiskennis\b|\beerste ervaring\b|"
    # pt
    r"\bdiferencia(?:l|is)\b|\bdesej\u00e1ve(?:l|is)\b|\bser\u00e1 um plus\b|\bdesej\u00e1vel\b|"
    r"\bfamiliaridade com\b|\bno\u00e7\u00f5es (?:de|b\u00e1sicas)\b|\bexposi\u00e7\u00e3o a\b|\bconhecimentos? b\u00e1sicos?\b",
    re.I,
)
_MUST_CUE = re.compile(
    r"\brequired\b|\brequirements?\b|\brequire[sd]?\b|\bmust(?:[\s\-]*haves?)?\b|\byou have\b|"
    r"\byou bring\b|\bwhat you bring\b|\byou(?:'ll| will) need\b|\bqualifications?\b|\bessential\b|\bmandatory\b|"
    r"\bwhat we(?:'re| are) looking for\b|\bwho you are\b|\babout you\b|\bneeded\b|"
    r"\b(?:ideal|the right|our) candidate\b|\bcandidate profile\b|"
    r"\bproficien(?:t|cy)\b|\b(?:strong|solid|deep|proven|extensive|thorough) (?:experience|knowledge|background|"
    r"familiarity|understanding)\b|\bexpertise\b|"
    r"\bskills\b|"
    # de
    r"\bvoraussetzung(?:en)?\b|\berforderlich\b|\banforderung(?:en)?\b|\bdein profil\b|\bihr profil\b|"
    r"\bdas bringst du mit\b|\bwas du mitbringst\b|\bwas sie mitbringen\b|\bqualifikation(?:en)?\b|\bzwingend\b|"
    r"\bvorausgesetzt\b|\bsehr gute\w* kenntnisse\b|\bdein profil\b|"
    # fr
    r"\bexigences?\b|\bexig\u00e9e?s?\b|\brequise?s?\b|\bobligatoires?\b|\bprofil recherch\u00e9\b|\bvotre profil\b|\bcomp\u00e9tences\b|"
    # es
    r"\brequisitos?\b|\brequerid[oa]s?\b|\bimprescindibles?\b|\bindispensables?\b|\bobligatori[oa]s?\b|"
    r"\bbuscamos\b|\bperfil\b|\bdominas\b|\bdominio de\b|\brequerimientos\b|"
    # nl
    r"\bvereisten\b|\bvereist\b|\bfunctie-?eisen\b|\beisen\b|\bwat (?:wij vragen|vragen wij|breng je mee|jij meebrengt)\b|"
    r"\bwij vragen\b|\bjouw profiel\b|\bnoodzakelijk\b|"
    # pt
    r"\brequisitos obrigat\u00f3rios\b|\bobrigat\u00f3ri[oa]s?\b|\bnecess\u00e1ri[oa]s?\b|\bo que procuramos\b",
    re.I,
)
# sections that carry no requirements at all (company, benefits, how to apply): their skills are skipped
_BOILERPLATE_HEADING = re.compile(
    r"\b(?:about (?:us|the company|[A-Z]\w+)|who we are|our (?:company|story|mission|culture|values)|benefits|perks|"
    r"we offer|what we offer|what(?:'s| is) in it for you|compensation|salary|how to apply|equal opportunit|"
    r"\u00fcber uns|wir bieten|was wir bieten|unser angebot|benefits|"
    r"\u00e0 propos|qui sommes-nous|nous offrons|ce que nous offrons|avantages|"
    r"sobre nosotros|qui\u00e9nes somos|ofrecemos|beneficios|"
    r"over ons|wat (?:wij|we) bieden|wij bieden|arbeidsvoorwaarden|"
    r"sobre n\u00f3s|quem somos|oferecemos|benef\u00edcios)",
    re.I,
)
# headings that carry no requirement meaning reset the section to neutral (skills there are "mentioned")
_NEUTRAL_HEADING = re.compile(
    r"\b(?:about (?:us|the (?:company|team|role|job))|responsibilit|what you(?:'ll| will) do|"
    r"the role|your role|benefits|perks|we offer|what we offer|compensation|salary|"
    r"how to apply|our stack|tech stack|the team|location|overview|description|mission|"
    r"aufgaben|deine aufgaben|ihre aufgaben|missions?|responsabilit|tareas|funciones|taken|"
    r"verantwoordelijkheden|responsabilidades|atividades)",
    re.I,
)
# a company sentence, not a requirement ("we use Salesforce to manage our pipeline")
_BOILERPLATE_CLAUSE = re.compile(
    r"\b(?:we|our (?:team|company|teams))\s+(?:use|uses|rely on|relies on|leverage|run|runs)\b.*"
    r"\b(?:to (?:manage|track|run|handle|organi[sz]e|keep)|for (?:our|managing|tracking))\b|"
    r"\b(?:(?:we are|we're) (?:a|an|the)\b|founded|our customers|our clients|trusted by|backed by|headquartered)\b",
    re.I,
)
# the company or its product introduced: "Jan is a desktop application that …", "Acme is the leading provider of …"
# (unless the subject is a skill: "Kubernetes is the platform we run on")
_INTRO_CLAUSE = re.compile(
    r"^(?P<subject>[A-Z][\w.&'\-]*(?: [A-Z][\w.&'\-]*){0,3}) (?:is|are) (?:a|an|the)\b(?: [\w\-]+){0,4}? "
    r"(?:company|startup|platform|application|app|provider|marketplace|product|tool|firm|agency|organi[sz]ation|service|"
    r"leader|business|team|network|software)\b"
)
_INLINE_LABEL = re.compile(
    r"(?i)(?:^|(?<=[\s.;(]))("
    r"nice[\s\-]*to[\s\-]*haves?|bonus(?: points)?|preferred(?: qualifications| skills)?|pluses|"
    r"(?:minimum |basic |required |key )?(?:requirements|qualifications)|required(?: skills)?|"
    r"must[\s\-]*haves?|voraussetzungen|anforderungen|w\u00fcnschenswert|von vorteil|exigences|souhait\u00e9|"
    r"requisitos(?: obrigat\u00f3rios)?|deseable|se valorar\u00e1|vereisten|functie-eisen|pluspunten|diferenciais?)\s*:"
)
_HEADING_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|\*\*|__)|(?:\*\*|__)\s*$")
_HTML_HEADING = re.compile(r"<(h[1-6]|strong|b)\b[^>]*>\s*([^<]{1,80}?)\s*</\1>\s*(?=<|$|\n)", re.I)
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|p|/li|li|/ul|ul|/ol|ol|/div|div|/h[1-6]|tr|/tr)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]+>")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[^a-z])")
# a full stop that ends an abbreviation, not the sentence: "(e.g. FastAPI, Flask)", "z. B. Docker"
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:e\.\s?g|i\.\s?e|z\.\s?b|p\.\s?ex|bijv|bv|incl|vs|approx|ca|cf|bzw|usw|resp|ej|p\.\s?e|ex|etc)\.)$", re.I
)
_CLAUSE_SPLIT = re.compile(r";\s*")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦>]+|\d+[.)])\s+")


@dataclass(frozen=True)
class SkillRequirement:
    name: str
    category: str | None
    kind: str  # "must" | "nice" | "mentioned"
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
    # skills named without a cue or heading (intro, responsibilities, stack lines): weighed between must and nice
    mentioned: list[str] = field(default_factory=list)
    # broad areas ("Backend Development", "Concurrency"): context, never a requirement of their own
    topics: list[str] = field(default_factory=list)
    # one requirement met by any member ("Kafka or RabbitMQ"); members also sit in must/nice/mentioned
    alternatives: list[list[str]] = field(default_factory=list)
    skill_years: dict[str, float] = field(default_factory=dict)  # "5+ years of Python" -> {"Python": 5}
    languages: list[str] = field(default_factory=list)  # spoken languages asked ("Dutch required", "fluent German")
    role_topics: list[str] = field(default_factory=list)  # the areas the title names ("Data Scientist" -> Data Science)
    visa_sponsorship: bool | None = None  # True offered, False explicitly not, None unsaid
    relocation: bool | None = None  # True support offered, False explicitly not, None unsaid

    @property
    def all_skills(self) -> list[str]:
        return self.must_have + self.nice_to_have + self.mentioned

    def to_dict(self) -> dict:
        return {
            "must_have": list(self.must_have),
            "nice_to_have": list(self.nice_to_have),
            "years_min": self.years_min,
            "years_max": self.years_max,
            "seniority": self.seniority,
            "details": [d.to_dict() for d in self.details],
            "mentioned": list(self.mentioned),
            "topics": list(self.topics),
            "alternatives": [list(g) for g in self.alternatives],
            "skill_years": dict(self.skill_years),
            "languages": list(self.languages),
            "role_topics": list(self.role_topics),
            "visa_sponsorship": self.visa_sponsorship,
            "relocation": self.relocation,
        }


# --------------------------------------------------------------------------- #
# seniority
# --------------------------------------------------------------------------- #
_SENIORITY_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "intern",
        re.compile(
            r"\b(?:intern|internship|trainee|apprentice(?:ship)?|working student|werkstudent|praktikant\w*|"
            r"practicante|pr\u00e1cticas|stagiaire|stagiair|estagi\u00e1rio)\b",
            re.I,
        ),
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
_YRS = r"(?:years?|yrs?|jahre?n?|ans?|a\u00f1os|jaar|jaren|anos)\b\.?"
_YRS_WORD = re.compile(r"\b" + _YRS, re.I)
_YEARS_RANGE = re.compile(_NUM + r"\s*\+?\s*(?:-|–|—|to)\s*" + _NUM + r"\s*\+?\s*" + _YRS, re.I)
_YEARS_MIN = re.compile(
    r"(?:at least|minimum(?: of)?|min\.?|over|more than|no less than|mindestens|mind\.|au moins|minimum de|"
    r"al menos|m\u00ednimo(?: de)?|minimaal|ten minste|pelo menos|no m\u00ednimo)\s+"
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
    + r"(?:\s+of)?(?:\s+\w+){0,2}?\s+(?:experience|exp\b|\w*erfahrung|d'exp\u00e9rience|exp\u00e9rience|de experiencia|"
    + r"experiencia|ervaring|werkervaring|de experi\u00eancia|experi\u00eancia)"
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
        if not _YRS_WORD.search(low):
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
def _normalize(text: str) -> str:
    """HTML to lines: <h3>/<strong>/<b> standing alone become '## heading' lines, blocks become lines."""
    if "<" not in text or not re.search(r"<\s*/?\s*[a-z][^>]*>", text, re.I):
        return text
    text = _HTML_HEADING.sub(lambda m: f"\n## {m.group(2)}\n", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub(" ", text)
    return html.unescape(text)


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line continues the previous one when that one has no final
    punctuation and this one starts in lower case (or with a bracket), not as a bullet."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        if (
            out
            and out[-1]
            and not re.search(r"[.!?:;]\s*$", out[-1])
            and not _BULLET.match(line)
            and (
                re.match(r"\s*[a-z(\u00e0-\u00ff]", line)
                or re.search(r"(?:\b(?:or|and|with|of|in|to|for|the|a|an)|,)\s*$", out[-1], re.I)
            )
        ):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return [x for x in out if x.strip()]


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
    cue = bool(
        _NICE_CUE.search(bare) or _MUST_CUE.search(bare) or _NEUTRAL_HEADING.search(bare) or _BOILERPLATE_HEADING.search(bare)
    )
    names_skill = tx is not None and bool(tx.extract_skills(bare))
    if marked and not colon and not cue and names_skill:
        return None  # "**Python**" in a list is content, not a section
    if _BULLET.match(raw) and not marked:
        return None  # a list item, even "- AWS"
    if colon or marked or (bare.isupper() and len(bare) > 3 and (cue or not names_skill)):
        return bare
    # a short line without final punctuation that reads like a heading
    if not re.search(r"[.!?,;]$", bare) and len(words) <= 5 and words[0][:1].isupper() and cue and not names_skill:
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
    if mode != NEUTRAL:
        return mode
    if _BOILERPLATE_HEADING.search(heading) and not re.search(r"\babout (?:the )?(?:role|job|position|you)\b", heading, re.I):
        return SKIP
    return NEUTRAL


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
    for line in _unwrap(_normalize(text or "").splitlines()):
        head = _heading_text(line, tx)
        if head is not None:
            yield ("", _heading_mode(head))
            continue
        line = _BULLET.sub("", line.strip()).replace("**", "").replace("__", "")
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
            for sent in _sentences(piece):
                for clause in _CLAUSE_SPLIT.split(sent):
                    if clause.strip():
                        yield (clause.strip(), None)


def _sentences(text: str) -> list[str]:
    """Sentences of a line; a full stop after an abbreviation ("e.g.", "z. B.") does not end one, nor
    does "etc." inside brackets."""
    out: list[str] = []
    for piece in _SENT_SPLIT.split(text):
        prev = out[-1] if out else ""
        m = _ABBREVIATION_END.search(prev)
        if m and (m.group(0).lower() != "etc." or prev.rfind("(") > prev.rfind(")")):
            out[-1] = f"{prev} {piece}"
        else:
            out.append(piece)
    return out


def _company_sentence(unit: str, tx: Taxonomy) -> bool:
    """A sentence about the company ("we use Salesforce to manage…") or introducing it or its product."""
    if _BOILERPLATE_CLAUSE.search(unit):
        return True
    intro = _INTRO_CLAUSE.match(unit)
    return bool(intro and not tx.extract_skills(intro.group("subject")))


def _label(kind: str) -> str:
    return {MUST: "must-have", NICE: "nice-to-have"}.get(kind, "neutral")


def _skill_mode(clause: str, surface: str, section: str) -> tuple[str, str]:
    cues = _cue_spans(clause)
    if not cues:
        if section == NEUTRAL:
            return MENTIONED, "mentioned without a cue"
        return section, f"under a {_label(section)} heading"
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
        return k, f"under a {_label(k)} heading"
    return k, f'nearest cue "{clause[a:b]}"'


_OR_GAP = re.compile(r"\s*(?:/|\||,?\s*\b(?:or|oder|ou|o|of|y/o|and/or|und/oder)\b)\s*", re.I)
_LIST_GAP = re.compile(r"\s*(?:/|\||,|,?\s*\b(?:or|and|oder|und|ou|et|o|y|of|en|e)\b)\s*", re.I)
_ONE_OF = re.compile(
    r"\b(?:one of|either|any of|at least one of|one or more of|such as|like|"
    r"eine[rsn]? (?:der|von)|l'une? des|un des|comme|uno de|una de|como|een van|zoals|um dos|uma das)\b|"
    r"\b(?:e\.g\.|z\.\s?b\.|p\.\s?ex\.|bijv\.|ex\.:?)",
    re.I,
)
_ASIDE = re.compile(r"\s*\([^()]{1,40}\)\s*")
_OR_SIMILAR = re.compile(r"\s*,?\s*(?:or|and/or) (?:similar|equivalent|comparable|other)\b", re.I)
_FLUENT = re.compile(
    r"\b(?:fluent|fluency|native|proficient|proficiency|business|spoken|written|verhandlungssicher|flie\u00dfend|"
    r"sehr gute|courant|bilingue|fluido|nativo|vloeiend|fluente|c1|c2|b2|required|must)\b",
    re.I,
)
_SKILL_YEARS = re.compile(_NUM + r"\s*(?:\+|plus\b)?\s*(?:-\s*\d{1,2}\s*)?" + _YRS, re.I)
_VISA_NO = re.compile(
    r"\b(?:(?:no|not able to (?:offer|provide)|unable to (?:offer|provide)|cannot (?:offer|provide)) visa sponsorship|"
    r"(?:do not|don't|cannot|can't|are unable to|will not|won't) (?:offer |provide )?(?:visa )?sponsor|"
    r"visa sponsorship is not|without (?:the need for )?(?:visa )?sponsorship|not (?:offer|provide) sponsorship)",
    re.I,
)
_VISA_YES = re.compile(
    r"\b(?:visa sponsorship (?:is )?(?:available|provided|offered|possible)|(?:we|will) (?:can )?sponsor (?:your )?visas?|"
    r"(?:offer|provide)s? visa sponsorship|sponsorship available)\b",
    re.I,
)
_RELOC_NO = re.compile(r"\b(?:no relocation|relocation (?:is )?not (?:offered|provided|available|possible))\b", re.I)
_RELOC_YES = re.compile(
    r"\b(?:relocation (?:support|assistance|package|help|budget|bonus|allowance)|"
    r"(?:help|support|assist) (?:you )?(?:with )?(?:your )?relocat\w*|relocation (?:is )?(?:offered|provided|available))\b",
    re.I,
)
_FOLD_PARENTS = frozenset({"aws", "google cloud", "microsoft azure"})
_STRENGTH = {MUST: 3, NICE: 2, MENTIONED: 1}


def _positions(clause: str, mentions: list) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    low = clause.lower()
    start = 0
    for m in mentions:
        surface = (m.surface or m.name).lower()
        i = low.find(surface, start)
        if i < 0:
            i = low.find(surface)
        if i < 0:
            out.append((-1, -1))
            continue
        out.append((i, i + len(surface)))
        start = i + len(surface)
    return out


def _groups(clause: str, names: list[str], spans: list[tuple[int, int]]) -> list[list[str]]:
    """Runs of mentions joined by "or" / "/" (or listed after "one of …") as alternative groups; a
    comma list whose last item comes after "or" ("Java, Scala or Go") or that ends "or similar" is one."""
    joined = [False] * len(names)
    commas = [False] * len(names)
    for i in range(1, len(names)):
        if spans[i][0] >= 0 and spans[i - 1][1] >= 0 and spans[i][0] >= spans[i - 1][1]:
            # an aside in brackets is no separator: "Google Cloud Platform (GCP) or AWS"
            gap = _ASIDE.sub("", clause[spans[i - 1][1] : spans[i][0]])
            before = clause[: spans[i - 1][0]]
            # examples: "(e.g. FastAPI, Flask)", "one of Go, Rust", "tooling (Datadog, OpenTelemetry)"
            in_brackets = before.rfind("(") > before.rfind(")")
            listed = (bool(_ONE_OF.search(before[-40:])) or in_brackets) and bool(_LIST_GAP.fullmatch(gap))
            joined[i] = bool(_OR_GAP.fullmatch(gap)) or listed
            commas[i] = bool(re.fullmatch(r"\s*,\s*", gap))
    # "A, B, C or D" / "A, B, C or similar": the commas of that run join too
    i = 1
    while i < len(names):
        if not commas[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(names) and commas[j + 1]:
            j += 1
        ends_or = j + 1 < len(names) and joined[j + 1] and not commas[j + 1]
        tail = clause[spans[j][1] :] if j + 1 == len(names) and spans[j][1] >= 0 else ""
        if ends_or or _OR_SIMILAR.match(tail):
            for k in range(i, j + 1):
                joined[k] = True
        i = j + 1
    groups: list[list[str]] = []
    cur: list[str] = []
    for i, name in enumerate(names):
        if joined[i]:
            if not cur:
                cur = [names[i - 1]]
            if name not in cur:
                cur.append(name)
            continue
        if len(cur) > 1:
            groups.append(cur)
        cur = []
    if len(cur) > 1:
        groups.append(cur)
    return groups


def split_requirements(
    description: str | None = "",
    requirements: str | None = "",
    tech_stack: Iterable[str] | None = (),
    title: str | None = "",
    taxonomy: Taxonomy | None = None,
) -> Requirements:
    """Classify every skill of a posting as must-have, nice-to-have or merely mentioned.

    ``requirements`` text starts in a must-have section; ``description`` starts neutral
    (a skill named there without a cue is "mentioned"). Company and benefits sections
    and company sentences ("we use Salesforce to manage…") give nothing. Broad topics
    go to ``topics``, spoken languages to ``languages``. ``tech_stack`` entries are
    mentioned unless the text classifies them.
    """
    tx = taxonomy or default_taxonomy()
    kinds: dict[str, SkillRequirement] = {}
    order: list[str] = []
    topics: list[str] = []
    languages: list[str] = []
    groups: list[list[str]] = []
    skill_years: dict[str, float] = {}

    def record(req: SkillRequirement) -> None:
        key = req.name.lower()
        prev = kinds.get(key)
        if prev is None:
            kinds[key] = req
            order.append(key)
        elif _STRENGTH[req.kind] > _STRENGTH[prev.kind]:
            kinds[key] = req

    role_topics: list[str] = []
    for m in tx.extract_skills(title or ""):
        if relations.spoken_language(m.name):
            continue
        if relations.is_topic(m.name, m.category):
            role_topics.append(m.name)
        else:
            record(SkillRequirement(m.name, m.category, MUST, m.evidence, "named in the title"))
    role_topics += [a for a in relations.title_areas(title) if a not in role_topics]

    for text, start_mode in ((description or "", NEUTRAL), (requirements or "", MUST)):
        section = start_mode
        for unit, heading in _iter_units(text, tx):
            if heading is not None:
                section = heading
                continue
            if section == SKIP:
                continue
            if not _cue_spans(unit) and _company_sentence(unit, tx):
                continue
            # a requirement sentence or bullet: lower-case forms of ambiguous names count there
            mentions = tx.extract_skills(unit, requirement=section in (MUST, NICE) or bool(_cue_spans(unit)))
            if not mentions:
                continue
            spans = _positions(unit, mentions)
            years_at = [(m.start(), _num(m.group(1))) for m in _SKILL_YEARS.finditer(unit) if not _NOT_EXPERIENCE.search(unit)]
            skills: list[str] = []
            skill_spans: list[tuple[int, int]] = []
            for m, span in zip(mentions, spans, strict=True):
                kind, reason = _skill_mode(unit, m.surface or m.name, section)
                if relations.spoken_language(m.name):
                    if (kind == MUST or _FLUENT.search(unit)) and m.name not in languages:
                        languages.append(m.name)
                    continue
                if relations.is_topic(m.name, m.category):
                    if m.name not in topics:
                        topics.append(m.name)
                    continue
                record(SkillRequirement(m.name, m.category, kind, m.evidence, reason))
                skills.append(m.name)
                skill_spans.append(span)
                before = [y for at, y in years_at if 0 <= at < span[0] and span[0] - at < 80]
                if before and 0 < before[-1] <= 30:
                    skill_years[m.name] = max(skill_years.get(m.name, 0.0), before[-1])
            for g in _groups(unit, skills, skill_spans):
                if g not in groups:
                    groups.append(g)

    for s in tech_stack or ():
        name = tx.canonical(s)
        if not name:
            continue
        key = name.lower()
        if key in kinds:
            continue
        if relations.spoken_language(name) or relations.is_topic(name, tx.category(name)):
            continue
        record(SkillRequirement(name, tx.category(name), MENTIONED, f"tech stack: {name}", "listed in the tech stack"))

    # "AWS (ECS, RDS)" lists a platform's services: hierarchy, not alternatives
    groups = [
        g
        for g in groups
        if not (
            len({p for n in g for p in relations.parents(n) if p in _FOLD_PARENTS}) == 1
            and all(any(p in _FOLD_PARENTS and p in kinds for p in relations.parents(n)) for n in g)
        )
    ]
    # a platform's services under the platform named as strongly are one requirement
    grouped = {n.lower() for g in groups for n in g}
    folded: set[str] = set()
    for key in order:
        if key in grouped:
            continue
        for p in relations.parents(key):
            if p in _FOLD_PARENTS and p in kinds and _STRENGTH[kinds[p].kind] >= _STRENGTH[kinds[key].kind]:
                folded.add(key)

    full = "\n".join(t for t in (requirements, description) if t)
    years_min, years_max = parse_years(full)
    visa = False if _VISA_NO.search(full) else (True if _VISA_YES.search(full) else None)
    reloc = False if _RELOC_NO.search(full) else (True if _RELOC_YES.search(full) else None)
    details = [kinds[k] for k in order]
    listed = [d for d in details if d.name.lower() not in folded]
    return Requirements(
        must_have=[d.name for d in listed if d.kind == MUST],
        nice_to_have=[d.name for d in listed if d.kind == NICE],
        years_min=years_min,
        years_max=years_max,
        seniority=seniority_from_title(title),
        details=details,
        mentioned=[d.name for d in listed if d.kind == MENTIONED],
        topics=topics,
        alternatives=groups,
        skill_years=skill_years,
        languages=languages,
        role_topics=role_topics,
        visa_sponsorship=visa,
        relocation=reloc,
    )
