"""Structured fields from résumé text (pure Python, no I/O, no model).

`extract_resume(text, vocabulary=None, today=None) -> ParsedResume`
`suggest_profile_changes(parsed, current_profile) -> list[Suggestion]`

Heuristics are tuned on common layouts (LaTeX one/two-column, Typst/rendercv, Chromium
templates); everything is best effort and missing fields stay empty/None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, Field

from api.ai.facts import ProfileFacts
from api.user.languages import LANGUAGE_NAME_RX, canonical_language, level_of
from api.vocabulary import ExperienceLevel, LanguageLevel, ResumeSuggestionKind
from api.wording import clip, plural, times

# --------------------------------------------------------------------------- models


class Contact(BaseModel):
    email: str | None = None
    phone: str | None = None
    links: list[str] = Field(default_factory=list)
    location: str | None = None


class SkillEvidence(BaseModel):
    name: str  # canonical name from the vocabulary
    mentions: int
    evidence: list[str]  # up to 3 résumé lines that mention it


class ExperienceEntry(BaseModel):
    title: str | None = None
    company: str | None = None
    start: str | None = None  # "YYYY-MM"
    end: str | None = None  # "YYYY-MM", None when current
    current: bool = False
    raw: str = ""


class EducationEntry(BaseModel):
    degree: str
    institution: str | None = None
    year: int | None = None
    raw: str = ""


class SpokenLanguage(BaseModel):
    language: str  # English name ("Deutsch" is German)
    level: LanguageLevel
    evidence: str = ""


class SkillYears(BaseModel):
    skill: str  # canonical name from the vocabulary
    years: float
    evidence: str = ""


class ParsedResume(BaseModel):
    text: str
    name: str | None = None
    contact: Contact = Field(default_factory=Contact)
    skills: list[SkillEvidence] = Field(default_factory=list)
    experience: list[ExperienceEntry] = Field(default_factory=list)
    total_years: float = 0.0
    education: list[EducationEntry] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    experience_level: ExperienceLevel | None = None
    languages: list[SpokenLanguage] = Field(default_factory=list)  # spoken, with the level the résumé gives
    skill_years: list[SkillYears] = Field(default_factory=list)  # "5 years of Python"
    sections: dict[str, list[str]] = Field(default_factory=dict)
    pages: int = 0
    source_kind: str = "text"  # pdf | docx | text
    truncated: bool = False

    @property
    def skill_names(self) -> list[str]:
        return [s.name for s in self.skills]


class Suggestion(BaseModel):
    kind: ResumeSuggestionKind
    value: str  # what the person reads ("German (B2)")
    reason: str
    data: dict[str, Any] = Field(default_factory=dict)  # what accepting applies ({"language": "German", "level": "b2"})


# --------------------------------------------------------------------------- vocabulary

BUILTIN_SKILLS: dict[str, str] = {
    "python": "Python",
    "java": "Java",
    "javascript": "JavaScript",
    "js": "JavaScript",
    "es6": "JavaScript",
    "typescript": "TypeScript",
    "go": "Go",
    "golang": "Go",
    "rust": "Rust",
    "c++": "C++",
    "c#": "C#",
    "c": "C",
    "ruby": "Ruby",
    "php": "PHP",
    "scala": "Scala",
    "kotlin": "Kotlin",
    "swift": "Swift",
    "r": "R",
    "julia": "Julia",
    "ocaml": "OCaml",
    "matlab": "MATLAB",
    "shell": "Shell",
    "bash": "Bash",
    "cuda": "CUDA",
    "j2ee": "Java EE",
    "sql": "SQL",
    "nosql": "NoSQL",
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "postgres": "PostgreSQL",
    "mongodb": "MongoDB",
    "redis": "Redis",
    "elasticsearch": "Elasticsearch",
    "kafka": "Kafka",
    "sqlite": "SQLite",
    "cassandra": "Cassandra",
    "hadoop": "Hadoop",
    "spark": "Spark",
    "apache spark": "Spark",
    "apache beam": "Apache Beam",
    "redshift": "Redshift",
    "amazon redshift": "Redshift",
    "airflow": "Airflow",
    "firebase": "Firebase",
    "dynamodb": "DynamoDB",
    "react": "React",
    "react.js": "React",
    "reactjs": "React",
    "redux": "Redux",
    "angular": "Angular",
    "vue": "Vue.js",
    "vue.js": "Vue.js",
    "node.js": "Node.js",
    "nodejs": "Node.js",
    "express.js": "Express",
    "express": "Express",
    "next.js": "Next.js",
    "d3.js": "D3.js",
    "d3": "D3.js",
    "webpack": "Webpack",
    "babel": "Babel",
    "html": "HTML",
    "html5": "HTML",
    "css": "CSS",
    "css3": "CSS",
    "bootstrap": "Bootstrap",
    "tailwind": "Tailwind CSS",
    "jquery": "jQuery",
    "django": "Django",
    "flask": "Flask",
    "fastapi": "FastAPI",
    "spring": "Spring",
    "spring boot": "Spring Boot",
    "spring mvc": "Spring MVC",
    "hibernate": "Hibernate",
    "rails": "Ruby on Rails",
    "ruby on rails": "Ruby on Rails",
    ".net": ".NET",
    "graphql": "GraphQL",
    "rest": "REST APIs",
    "restful": "REST APIs",
    "rest api": "REST APIs",
    "rest apis": "REST APIs",
    "restful apis": "REST APIs",
    "grpc": "gRPC",
    "websockets": "WebSockets",
    "microservices": "Microservices",
    "distributed systems": "Distributed Systems",
    "docker": "Docker",
    "kubernetes": "Kubernetes",
    "k8s": "Kubernetes",
    "terraform": "Terraform",
    "ansible": "Ansible",
    "aws": "AWS",
    "amazon web services": "AWS",
    "lambda": "AWS Lambda",
    "s3": "AWS S3",
    "ec2": "AWS EC2",
    "gcp": "Google Cloud",
    "google cloud": "Google Cloud",
    "google cloud platform": "Google Cloud",
    "azure": "Azure",
    "git": "Git",
    "github": "GitHub",
    "gitlab": "GitLab",
    "ci/cd": "CI/CD",
    "jenkins": "Jenkins",
    "linux": "Linux",
    "tensorflow": "TensorFlow",
    "pytorch": "PyTorch",
    "jax": "JAX",
    "onnx": "ONNX",
    "triton": "Triton",
    "ray": "Ray",
    "machine learning": "Machine Learning",
    "deep learning": "Deep Learning",
    "pandas": "pandas",
    "numpy": "NumPy",
    "scikit-learn": "scikit-learn",
    "junit": "JUnit",
    "mockito": "Mockito",
    "pytest": "pytest",
    "selenium": "Selenium",
    "tdd": "Test-Driven Development",
    "test-driven development": "Test-Driven Development",
    "agile": "Agile",
    "scrum": "Scrum",
    "android": "Android",
    "ios": "iOS",
    "datadog": "Datadog",
    "make": "Make",
    "gnu make": "Make",
}
# Aliases that are also common English words / letters: matched case-sensitively, as written in the canonical form.
AMBIGUOUS_ALIASES = {
    "go",
    "make",
    "seo",
    "c",
    "r",
    "swift",
    "spring",
    "rust",
    "express",
    "spark",
    "rest",
    "shell",
    "ray",
    "triton",
    "lambda",
    "s3",
    "julia",
    "agile",
    "ios",
    "js",
    "d3",
    "vue",
    "react",
    "ruby",
    "rails",
    "babel",
}


@lru_cache(maxsize=16)
def _compiled(vocab_items: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for alias, canonical in vocab_items:
        a = alias.strip()
        if not a:
            continue
        if a.lower() in AMBIGUOUS_ALIASES:
            forms = {canonical, a[:1].upper() + a[1:], a.upper()} if len(a) > 1 else {a.upper()}
            forms = {f for f in forms if f.lower() == a.lower()}
            pat = "|".join(re.escape(f) for f in sorted(forms)) or re.escape(a)
            rx = re.compile(r"(?<![A-Za-z0-9+#./-])(?:" + pat + r")(?![A-Za-z0-9+#]|\.[A-Za-z])")
        else:
            rx = re.compile(r"(?<![A-Za-z0-9+#])" + re.escape(a) + r"(?![A-Za-z0-9+#]|\.[A-Za-z])", re.I)
        out.append((rx, canonical))
    return out


def merge_vocabulary(vocabulary: Mapping[str, str] | None) -> dict[str, str]:
    """Built-in fallback list + the caller's taxonomy (the caller wins, and its canonical
    spelling replaces a built-in one that differs only in case)."""
    merged = dict(BUILTIN_SKILLS)
    if vocabulary:
        canon_by_lower = {c.lower(): c for c in vocabulary.values()}
        merged = {a: canon_by_lower.get(c.lower(), c) for a, c in merged.items()}
        for alias, canonical in vocabulary.items():
            merged[alias.lower()] = canonical
            merged.setdefault(canonical.lower(), canonical)
    return merged


# --------------------------------------------------------------------------- sections

_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "objective",
        "about me",
        "about",
        "career objective",
        "profil",
        "zusammenfassung",
        "perfil",
        "resumen",
        "résumé",
        "profiel",
    ),
    "skills": (
        "skills",
        "technical skills",
        "skills & awards",
        "skills and awards",
        "core competencies",
        "technologies",
        "skills & tools",
        "tools",
        "skills and tools",
        "key skills",
        "skills & interests",
        "technical expertise",
        "languages",
        "programming languages",
        "languages & tools",
        "languages and tools",
        "sprachen",
        "sprachkenntnisse",
        "idiomas",
        "langues",
        "kenntnisse",
        "fähigkeiten",
        "fachkenntnisse",
        "itkenntnisse",
        "kompetenzen",
        "habilidades",
        "competencias",
        "conocimientos",
        "compétences",
        "compétences techniques",
        "vaardigheden",
        "competências",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "research experience",
        "research",
        "research & teaching",
        "teaching experience",
        "berufserfahrung",
        "berufliche erfahrung",
        "arbeitserfahrung",
        "praxiserfahrung",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "expérience",
        "expériences",
        "expérience professionnelle",
        "expériences professionnelles",
        "werkervaring",
        "ervaring",
        "experiência",
        "experiência profissional",
    ),
    "education": (
        "education",
        "education & training",
        "academic background",
        "ausbildung",
        "bildung",
        "bildungsweg",
        "studium",
        "formación",
        "formación académica",
        "educación",
        "formation",
        "opleiding",
        "formação",
        "educação",
    ),
    "certifications": (
        "certifications",
        "certification",
        "certificates",
        "licenses & certifications",
        "licenses and certifications",
        "zertifikate",
        "certificaciones",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "projekte",
        "proyectos",
        "projets",
        "projecten",
        "projetos",
    ),
    "volunteering": (
        "volunteering",
        "volunteer experience",
        "volunteer work",
        "volunteer",
        "ehrenamt",
        "ehrenamtliches engagement",
        "voluntariado",
        "bénévolat",
        "vrijwilligerswerk",
    ),
    "activities": (
        "extracurricular activities",
        "extracurricular",
        "activities",
        "leadership & activities",
        "leadership and activities",
        "actividades",
    ),
    "publications": ("publications", "publikationen", "publicaciones", "publicações"),
    "awards": (
        "awards",
        "honors",
        "selected honors",
        "honors & awards",
        "honors and awards",
        "achievements",
        "auszeichnungen",
        "premios",
        "distinctions",
    ),
    "other": (
        "patents",
        "invited talks",
        "talks",
        "links",
        "coursework",
        "relevant coursework",
        "interests",
        "hobbies",
        "references",
    ),
}
_HEADING_LOOKUP = {p: k for k, ps in _HEADINGS.items() for p in ps}
_BULLET = re.compile(r"^\s*[•◦▪·\-*–♦⋄◆]\s*")


def _heading_of(line: str) -> str | None:
    s = line.strip()
    if not s or len(s) > 40:
        return None
    norm = re.sub(r"[^\w& ]|[\d_]", "", s.lower()).strip()
    norm = re.sub(r"\s+", " ", norm)
    return _HEADING_LOOKUP.get(norm)


def section_kinds(lines: Sequence[str]) -> list[str]:
    """The section each line belongs to ('header' before the first heading; a heading is its own section)."""
    kinds: list[str] = []
    current = "header"
    for line in lines:
        current = _heading_of(line) or current
        kinds.append(current)
    return kinds


def split_sections(lines: Sequence[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"header": []}
    current = "header"
    for line in lines:
        h = _heading_of(line)
        if h:
            current = h
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


# --------------------------------------------------------------------------- contact / name

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w/.])\+?\(?\d[\d\s().-]{8,18}\d(?![\w/])")
_LINK = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?(?:[a-z0-9][a-z0-9-]+\.)+(?:com|io|dev|org|net|me|ai|co|app|xyz|tech|info|page|site)"
    r"(?:/[^\s,|;)]*)?",
    re.I,
)
_LOCATION = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}),\s?([A-Z]{2}|USA|UK)\b")
_NAME_STOP = re.compile(r"\s+(?:e-?mail|phone|mobile|tel|cell)\b.*$", re.I)


# Unicode hyphens and minus signs read as "-", soft hyphens and zero-width marks dropped, odd spaces as " ".
_PHONE_CHARS = str.maketrans(
    {
        **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-"),
        **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None),
        **dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f"), " "),
    }
)


def _find_contact(lines: Sequence[str], header: Sequence[str]) -> Contact:
    text = "\n".join(lines)
    email_m = _EMAIL.search(text)
    phone = None
    for m in _PHONE.finditer(text.translate(_PHONE_CHARS)):
        digits = re.sub(r"\D", "", m.group())
        if 10 <= len(digits) <= 15 and not re.search(r"(19|20)\d\d\s*[-–]\s*(19|20)\d\d", m.group()):
            phone = m.group().strip()
            break
    no_mail = _EMAIL.sub(" ", text)
    links: list[str] = []
    for m in _LINK.finditer(no_mail):
        link = m.group().rstrip(".,")
        if link.lower() not in (known.lower() for known in links):
            links.append(link)
    location = None
    for line in list(header)[:8] or list(lines)[:8]:
        found = _LOCATION.search(_EMAIL.sub(" ", line))
        if found:
            location = found.group()
            break
    return Contact(email=email_m.group() if email_m else None, phone=phone, links=links[:10], location=location)


def _find_name(lines: Sequence[str]) -> str | None:
    for raw in lines[:8]:
        line = _NAME_STOP.sub("", raw).strip()
        low = line.lower()
        if not line or "@" in line or any(ch.isdigit() for ch in line) or "," in line or "|" in line:
            continue
        if low.startswith(("last updated", "resume", "curriculum", "cv")) or "http" in low or ".com" in low:
            continue
        if _heading_of(line):
            continue
        words = line.split()
        if 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-Za-zÀ-ÿ'’.-]+", w) and w[0].isupper() for w in words):
            return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)
    return None


# --------------------------------------------------------------------------- skills


# Categories of the taxonomy that name a practice or a trait rather than a tool: taken only where the
# résumé lists them as skills (its skills section), never from prose ("code reviews", "caching layers").
_TOPIC_CATEGORIES = frozenset({"practice", "soft", "management", "design"})
# Fields whose names are ordinary lowercase phrases in prose ("training deep learning models").
_FIELD_CATEGORIES = frozenset({"ml", "data"})
# Sections whose lines say nothing about what the person can do.
_NO_SKILL_SECTIONS = frozenset({"publications", "awards", "other"})
_COUNTED_AFTER = re.compile(r"^\s*(?:stars?|forks?|followers|users|downloads|sponsors|repositories|repos)\b", re.I)
_TITLE_WORD = re.compile(r"[A-Z][a-z]{2,}")
# Short names that are also ordinary words or letters: a skill only as an item of a list or with a word that says so.
_CONTEXT_ALIASES = frozenset({"go", "r", "c", "make", "spring", "swift"})
_LIST_LEFT = re.compile(r"(?:^|[,;•|/(:+]|\band|\bor|&|\bin|\busing|\bwith)$", re.I)
_LIST_RIGHT = re.compile(r"^(?:$|[,;•|/)+]|and\b|or\b|&)", re.I)
_SAYS_SKILL = re.compile(
    r"^(?:programming|language|lang|code|codebase|developer|developers|engineer|engineers|services?|microservices|backend|"
    r"scripts?|library|libraries|apis?|sdk|modules?|packages?|runtime|binaries|programs?|framework|boot|mvc|makefiles?)\b",
    re.I,
)


def _short_alias_ok(line: str, a: int, b: int, *, listed: bool, others: int) -> bool:
    """'Go, Python' / 'in Go and Kafka' / 'R programming' yes; 'Go to market', 'Spring 2022', 'grade C' no."""
    before, after = line[:a].rstrip(), line[b:].lstrip()
    if re.match(r"^(?:19|20)\d\d|^'\d\d", after) or (re.match(r"^(?!and\b|or\b)[a-z]", after) and not _SAYS_SKILL.match(after)):
        return False
    if _SAYS_SKILL.match(after):
        return True
    if listed:
        return True
    return others > 0 and bool(_LIST_LEFT.search(before) and _LIST_RIGHT.match(after))


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    from api.skill.taxonomy import default_taxonomy

    return {e.name.lower(): e.category for e in default_taxonomy().entries if e.category}


def _join_split_skills(lines: Sequence[str], vocab: Mapping[str, str]) -> list[str]:
    """'Spring' / 'Boot, Hibernate' -> 'Spring Boot' / ', Hibernate' when the two halves make a known skill."""
    out = list(lines)
    for i in range(len(out) - 1):
        head = re.search(r"([A-Za-z][\w.+#-]*)\s*$", out[i])
        tail = re.match(r"^\s*([A-Za-z][\w.+#-]*)", out[i + 1])
        if not head or not tail:
            continue
        a, b = head.group(1), tail.group(1)
        for pair in (f"{a} {b}", f"{a}{b}" if a.endswith("-") else None):
            if pair and pair.lower() in vocab and " " in pair and a.lower() not in ("and", "or", "with"):
                out[i] = out[i][: head.start(1)] + pair
                out[i + 1] = out[i + 1][tail.end(1) :].lstrip()
                break
    return out


def _is_product_name(line: str, end: int, vocab: Mapping[str, str]) -> bool:
    """'Azure Cognitive Services', 'Google Maps': the skill is only the brand of a longer proper name."""
    words = [w.strip(",.;:()") for w in line[end:].split()[:2]]
    return (
        len(words) == 2
        and all(_TITLE_WORD.fullmatch(w) for w in words)
        and not any(w.lower() in vocab for w in words)
        and f"{words[0]} {words[1]}".lower() not in vocab
    )


def find_skills(
    lines: Sequence[str],
    vocabulary: Mapping[str, str] | None = None,
    *,
    kinds: Sequence[str] | None = None,
    employers: Sequence[str] = (),
) -> list[SkillEvidence]:
    """Skills named in the lines. `kinds[i]` is the section of line i: a broad topic counts only in the
    skills section, nothing counts in awards/publications/other sections, and an employer's name is not
    a skill. Without `kinds` every line is treated as a skills line (free text)."""
    vocab = merge_vocabulary(vocabulary)
    compiled = _compiled(tuple(sorted(vocab.items())))
    categories = _categories()
    employer_names = {e.casefold() for e in employers if e}
    lines = _join_split_skills(lines, vocab)
    found: dict[str, SkillEvidence] = {}
    order: dict[str, int] = {}
    for i, line in enumerate(lines):
        if _heading_of(line):
            continue
        kind = kinds[i] if kinds is not None else "skills"
        if kind in _NO_SKILL_SECTIONS:
            continue
        listed = kind == "skills"
        scan = _LINK.sub(lambda m: " " * len(m.group()), _EMAIL.sub(lambda m: " " * len(m.group()), line))
        spans: list[tuple[int, int, str]] = []
        for rx, canonical in compiled:
            for m in rx.finditer(scan):
                spans.append((m.start(), m.end(), canonical))
        # longest match wins where aliases overlap ("Spring Boot" over "Spring")
        spans.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
        taken: list[tuple[int, int]] = []
        hits: set[str] = set()
        others = sum(1 for a, b, _ in spans if line[a:b].lower() not in _CONTEXT_ALIASES)
        for a, b, canonical in spans:
            if any(a < tb and ta < b for ta, tb in taken):
                continue
            if line[a:b].lower() in _CONTEXT_ALIASES and not _short_alias_ok(line, a, b, listed=listed, others=others):
                continue
            taken.append((a, b))
            if not listed:
                surface = line[a:b]
                category = categories.get(canonical.lower())
                if category in _TOPIC_CATEGORIES:
                    continue
                if surface == surface.lower() and (re.search(r"[\s-]", surface) or category in _FIELD_CATEGORIES):
                    continue
                if surface.casefold() in employer_names or canonical.casefold() in employer_names:
                    continue
                if _COUNTED_AFTER.match(line[b:]) or _is_product_name(line, b, vocab):
                    continue
            hits.add(canonical)
        for canonical in hits:
            ev = found.get(canonical)
            snippet = _BULLET.sub("", line).strip()[:200]
            if ev is None:
                found[canonical] = SkillEvidence(name=canonical, mentions=1, evidence=[snippet])
                order[canonical] = i
            else:
                ev.mentions += 1
                if len(ev.evidence) < 3 and snippet not in ev.evidence:
                    ev.evidence.append(snippet)
    return sorted(found.values(), key=lambda s: (-s.mentions, order[s.name]))


# --------------------------------------------------------------------------- experience

_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH_RX = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_SEASON_RX = r"(?:spring|summer|fall|autumn|winter)"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 2)}
_DATE_RX = rf"(?:(?:{_MONTH_RX}|{_SEASON_RX})\.?,?\s*(?:19|20)\d{{2}}|\d{{1,2}}\s*[/.]\s*(?:19|20)\d{{2}}|(?:19|20)\d{{2}}(?:[/-](?:0?[1-9]|1[0-2])\b)?)"
_NOW_RX = r"(?:present|current|now|today|ongoing|heute|aktuell|actualidad|presente|actual|aujourd'hui|présent|huidig|heden)"
_RANGE = re.compile(
    rf"({_DATE_RX})\s*(?:-|–|—|‒|−|to|until|bis|hasta|à|tot)\s*({_DATE_RX}|{_NOW_RX})"
    rf"|({_SEASON_RX}\s*(?:19|20)\d{{2}})\s*(?:and|&)\s*((?:19|20)\d{{2}})",
    re.I,
)
_OPEN_RANGE_START = re.compile(rf"^\s*({_DATE_RX})\s*[-–—]\s*(.+)$", re.I)
_NEXT_STARTS_END = re.compile(rf"^\s*({_DATE_RX}|{_NOW_RX})\b\s*(.*)$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|intern|cto|ceo|cfo|coo|founder|co-founder|manager|scientist|analyst|designer|consultant|"
    r"assistant|architect|researcher|lead|director|head|vp|president|officer|specialist|administrator|technician|"
    r"associate|fellow|teacher|instructor|coordinator|product owner|owner|sre|devops|contributor|leader|maintainer|"
    r"trainee|apprentice|working student|werkstudent|praktikant|tutor|editor|writer|accountant|advisor|adviser|"
    r"representative|recruiter|strategist|planner|producer|partner|entwickler|ingenieur|desarrollador|ingeniero|"
    r"développeur|ingénieur|stagiaire|becario|berater|consultor)\b",
    re.I,
)
_TRAILING_LOCATION = re.compile(
    r"[\s,|•–-]*\b(?!(?:Technology|Science|University|Institute|College|Research|Labs?|Inc|Systems|Solutions|Software|Group|Company|"
    r"Intern|Engineer|Developer|Manager|Scientist|Researcher|Designer|Analyst|Lead|Architect|Consultant|Assistant|Director)\b)"
    r"(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s*(?:[A-Z]{2}|USA|UK|India|Canada|Germany|France|Türkiye|Remote)(?:,\s*(?:USA|US|India|UK))?\s*$"
)
_COMPANY_SUFFIX = re.compile(r"^(inc|inc\.|llc|ltd|ltd\.|gmbh|corp|corp\.|co\.|plc|s\.a\.)$", re.I)
_LEAD_TITLES = re.compile(
    r"\b(lead|principal|staff|head|director|cto|ceo|vp|vice president|chief|architect|founder|co-founder)\b", re.I
)
_SENIOR_TITLES = re.compile(r"\b(senior|sr\.?)\b", re.I)
_JUNIOR_TITLES = re.compile(r"\b(junior|jr\.?|intern|trainee|graduate|apprentice)\b", re.I)


def _parse_date(s: str, *, end: bool, season: str | None = None) -> tuple[int, int] | None:
    s = s.strip().lower()
    if re.fullmatch(_NOW_RX, s):
        return None
    m = re.fullmatch(r"(\d{1,2})\s*[/.]\s*((?:19|20)\d{2})", s)
    if m:
        return int(m.group(2)), max(1, min(12, int(m.group(1))))
    m = re.fullmatch(r"((?:19|20)\d{2})[/-](\d{1,2})", s)
    if m:
        return int(m.group(1)), max(1, min(12, int(m.group(2))))
    m = re.search(r"((?:19|20)\d{2})", s)
    if not m:
        return None
    year = int(m.group(1))
    sm = re.match(_SEASON_RX, s) or (re.match(_SEASON_RX, season.lower()) if season else None)
    if sm:
        first, last = _SEASONS[sm.group()]
        return year, last if end else first
    mm = re.match(r"([a-z]{3})", s)
    month = _MONTHS.get(mm.group(1)) if mm else None
    return year, month or (12 if end else 1)


def _is_header_like(line: str) -> bool:
    s = _BULLET.sub("", line).strip()
    if not s or _heading_of(s):
        return False
    words = s.split()
    return len(words) <= 9 and not s.endswith(".")


def _split_header(pieces: Sequence[str]) -> tuple[str | None, str | None]:
    parts: list[str] = []
    for piece in pieces:
        p = _BULLET.sub("", piece).strip()
        p = _TRAILING_LOCATION.sub("", p).strip(" ,|–-")
        for part in re.split(r"\s*(?:,|\||•| @ | at |\s[–—-]\s)\s*", p):
            part = part.strip()
            if not part:
                continue
            if _COMPANY_SUFFIX.match(part) and parts:
                parts[-1] = f"{parts[-1]}, {part}"
            elif re.fullmatch(r"[A-Z]{2}|USA|UK|Remote", part):
                continue
            else:
                parts.append(part)
    title = next((p for p in parts if _TITLE_WORDS.search(p)), None)
    company = next((p for p in parts if p != title), None)
    return title, company


def _bullet_of(line: str) -> str | None:
    m = _BULLET.match(line)
    return m.group().strip() if m else None


def _header_candidate(lines: Sequence[str], j: int, used: set[int], *, below: bool = False) -> bool:
    """Can line j be the title/company line of the entry dated next to it?"""
    if not (0 <= j < len(lines)) or j in used:
        return False
    line = lines[j]
    if not _is_header_like(line) or _RANGE.search(line):
        return False
    text = _BULLET.sub("", line).strip()
    if not text[:1].isupper() and not text[:1].isdigit():  # the wrapped end of a sentence ("baseline")
        return False
    bullet = _bullet_of(line)
    if bullet and below:  # below the dates a bullet starts the description
        return False
    # an item of the previous entry's bullet list, not a header
    return not (bullet and j > 0 and _bullet_of(lines[j - 1]) == bullet)


def find_experience(lines: Sequence[str]) -> list[ExperienceEntry]:
    lines = [line for line in lines if line.strip()]
    entries: list[ExperienceEntry] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _RANGE.search(line)
        start_s = end_s = None
        season = None
        rest = ""
        if m:
            if m.group(1):
                start_s, end_s = m.group(1), m.group(2)
            else:  # "Summer 2012 and 2013"
                start_s, end_s, season = m.group(3), m.group(4), m.group(3)
            rest = re.sub(r"\(\s*\)|\[\s*\]", " ", line[: m.start()] + " " + line[m.end() :]).strip(" |,–-")
        else:  # "June 2022 – Title, Company" + next line "Present ..."
            mo = _OPEN_RANGE_START.match(line)
            if mo and i + 1 < len(lines):
                mn = _NEXT_STARTS_END.match(lines[i + 1])
                if mn:
                    start_s, end_s, rest = mo.group(1), mn.group(1), mo.group(2).strip()
                    lines[i + 1] = mn.group(2)
        if start_s is None:
            i += 1
            continue
        used.add(i)
        pieces: list[str] = []
        if rest and _is_header_like(rest):
            pieces.append(rest)
        title, company = _split_header(pieces)
        if not (title and company):  # the rest of the header on the line above, then on the line below
            above = _header_candidate(lines, i - 1, used)
            if above:
                pieces.insert(0, lines[i - 1])
                used.add(i - 1)
            title, company = _split_header(pieces)
            below = _header_candidate(lines, i + 1, used, below=True)
            if below and ((not title and _TITLE_WORDS.search(lines[i + 1])) or (title and not company) or not pieces):
                pieces.append(lines[i + 1])
                used.add(i + 1)
                title, company = _split_header(pieces)
                if title and not company and len(pieces) == 1 and _header_candidate(lines, i + 2, used, below=True):
                    pieces.append(lines[i + 2])  # Dates / Title / Company on three lines
                    used.add(i + 2)
            title, company = _split_header(pieces)
            if title and not company and above and len(pieces) == 1 and _header_candidate(lines, i - 2, used):
                pieces.insert(0, lines[i - 2])  # Company / Title / Dates on three lines
                used.add(i - 2)
                title, company = _split_header(pieces)
        start = _parse_date(start_s, end=False)
        end = _parse_date(end_s, end=True, season=season) if end_s else None
        current = bool(end_s and re.fullmatch(_NOW_RX, end_s.strip(), re.I))
        entries.append(
            ExperienceEntry(
                title=title,
                company=company,
                start=f"{start[0]:04d}-{start[1]:02d}" if start else None,
                end=f"{end[0]:04d}-{end[1]:02d}" if end else None,
                current=current,
                raw=" / ".join(p.strip() for p in [*pieces, f"{start_s} – {end_s}"]),
            )
        )
        i += 1
    return entries


def total_years(entries: Sequence[ExperienceEntry], today: date | None = None) -> float:
    """Years covered by the entries, overlapping periods counted once."""
    today = today or date.today()
    spans: list[tuple[int, int]] = []
    for e in entries:
        if not e.start:
            continue
        y, m = map(int, e.start.split("-"))
        s = y * 12 + m - 1
        if e.end:
            y2, m2 = map(int, e.end.split("-"))
            t = y2 * 12 + m2
        elif e.current:
            t = today.year * 12 + today.month
        else:
            continue
        if t > s:
            spans.append((s, t))
    spans.sort()
    months = 0
    cur_s = cur_t = None
    for s, t in spans:
        if cur_t is None or s > cur_t:
            if cur_t is not None:
                months += cur_t - cur_s  # type: ignore[operator]
            cur_s, cur_t = s, t
        else:
            cur_t = max(cur_t, t)
    if cur_t is not None:
        months += cur_t - cur_s  # type: ignore[operator]
    return round(months / 12, 1)


# Years bands of the experience level: below 2 junior, 2 to 5 mid, 5 to 10 senior, 10 and more lead.
LEVEL_BANDS = ((2.0, ExperienceLevel.JUNIOR), (5.0, ExperienceLevel.MID), (10.0, ExperienceLevel.SENIOR))
# A recent title can lift the level above its years band, but never past what the years support:
# a "lead"-type title needs 7 years to mean lead (4 for senior), a "senior" title 3 years.
LEAD_TITLE_YEARS, LEAD_TITLE_SENIOR_YEARS, SENIOR_TITLE_YEARS, JUNIOR_TITLE_MAX_YEARS = 7.0, 4.0, 3.0, 3.0


def experience_level(years: float, titles: Sequence[str | None]) -> ExperienceLevel | None:
    """The level the years support (``LEVEL_BANDS``), lifted by the most recent title only as far as
    the years allow: 4.8 years as "Tech Lead" is senior, not lead; 8 years as "Tech Lead" is lead."""
    titles = [t for t in titles if t]
    recent = titles[0] if titles else ""
    if not titles and years <= 0:
        return None
    level = next((lvl for limit, lvl in LEVEL_BANDS if years < limit), ExperienceLevel.LEAD)
    order = list(ExperienceLevel)
    lifted: ExperienceLevel | None = None
    if recent and _LEAD_TITLES.search(recent):
        if years >= LEAD_TITLE_YEARS:
            lifted = ExperienceLevel.LEAD
        elif years >= LEAD_TITLE_SENIOR_YEARS:
            lifted = ExperienceLevel.SENIOR
    elif recent and _SENIOR_TITLES.search(recent) and years >= SENIOR_TITLE_YEARS:
        lifted = ExperienceLevel.SENIOR
    elif recent and _JUNIOR_TITLES.search(recent) and years < JUNIOR_TITLE_MAX_YEARS:
        return ExperienceLevel.JUNIOR
    if lifted is not None and order.index(lifted) > order.index(level):
        level = lifted
    return level


# --------------------------------------------------------------------------- education / certifications

_DEGREE = re.compile(
    r"\b(Bachelor|Master|Doctor|Associate|Diploma|B\.?\s?Sc|M\.?\s?Sc|B\.?\s?Tech|M\.?\s?Tech|B\.?\s?Eng|M\.?\s?Eng|MENG|MEng|BEng|"
    r"Ph\.?\s?D|MBA|B\.?S\.?|M\.?S\.?|B\.?A\.?|M\.?A\.?|BS|MS|BA|MA)\b"
)
_INSTITUTION = re.compile(
    r"\b(University|Institute|College|School|Academy|Polytechnic|Universität|Université|Universidad)\b", re.I
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")


_FIELD_OF_STUDY = re.compile(
    r"\b(Science|Sciences|Engineering|Studies|Mathematics|Arts|Administration|Business|Economics|Physics|Chemistry|"
    r"Biology|Design|Management|Informatics|Electronics|Electrical|Finance|Marketing|Psychology|Law|Medicine|Honou?rs)\b"
)
_NOT_A_NAME = re.compile(
    r"^(?:[A-Z]{2}|USA|US|UK|India|Canada|Germany|France|Spain|Türkiye|Turkey|Remote|Online)$|GPA|\bgrade\b|\d|"
    r"cum laude|honou?rs|graduated|^expected\b|^exp\.?$",
    re.I,
)
_PART_SPLIT = re.compile(r"\s*(?:[,;|•]|\s[–—-]\s)\s*")


def _degree_in(line: str) -> re.Match[str] | None:
    """The degree named in the line; 'Cambridge, MA' and 'Jackson, MS' are states, not degrees."""
    for m in _DEGREE.finditer(line):
        if (
            m.group() in ("MA", "MS", "BA", "BS")
            and re.search(r"[A-Za-z],\s*$", line[: m.start()])
            and re.match(r"^\s*(?:$|,|;|\||USA\b|US\b|\d|[–—-])", line[m.end() :])
        ):
            continue
        return m
    return None


def _without_dates(line: str) -> str:
    s = _BULLET.sub("", line)
    s = _RANGE.sub(" ", s)
    s = re.sub(rf"\b(?:(?:expected|exp\.?|grad\.?|graduated|since)\s*)?{_DATE_RX}", " ", s, flags=re.I)
    s = _TRAILING_LOCATION.sub("", s.strip(" ,|–—-"))
    return re.sub(r"\s+", " ", s).strip(" ,|–—-")


def _campus_joined(parts: list[str], k: int) -> str:
    """'University of California', 'Berkeley' -> 'University of California, Berkeley' (a campus is part of the name)."""
    name = parts[k]
    if (
        re.match(r"^(?:The\s+)?(?:University|Universidad|Université|Universität)\s+of\b", name)
        and k + 1 < len(parts)
        and re.fullmatch(r"[A-Z][\w'.-]+(?:[\s-][A-Z][\w'.-]+)?", parts[k + 1])
        and not _NOT_A_NAME.search(parts[k + 1])
        and (k + 2 >= len(parts) or parts[k + 2] == parts[k + 1])
    ):
        return f"{name}, {parts[k + 1]}"
    return name


def _institution_in(line: str, *, degree_line: bool) -> str | None:
    """The school named in one line of an education entry, without dates, GPA, degree or location."""
    parts = [p for p in _PART_SPLIT.split(_without_dates(line)) if p]
    for k, part in enumerate(parts):
        if _INSTITUTION.search(part):
            name = _campus_joined(parts, k)
            m = _DEGREE.match(name)
            if m and " in " not in name[: m.end() + 4]:  # "PhD Princeton University"
                name = name[m.end() :].strip()
            return name
    if degree_line:  # "PhD in Computer Science, CalTech, Pasadena": the part after the degree and its field
        d = next((k for k, p in enumerate(parts) if _degree_in(p)), None)
        for part in parts[d + 1 :] if d is not None else []:
            if _FIELD_OF_STUDY.search(part) or _degree_in(part):
                continue
            if not _NOT_A_NAME.search(part) and part[:1].isupper():
                return part
            break
        if d:  # the school before the degree
            part = parts[d - 1]
            if not _NOT_A_NAME.search(part) and part[:1].isupper() and not _FIELD_OF_STUDY.search(part):
                return part
        return None
    part = parts[0] if parts else ""
    if part and part[:1].isupper() and not _NOT_A_NAME.search(part) and not _DEGREE.search(part) and not _heading_of(part):
        return part
    return None


def find_education(lines: Sequence[str]) -> list[EducationEntry]:
    out: list[EducationEntry] = []
    lines = [line for line in lines if line.strip()]
    for i, line in enumerate(lines):
        m = _degree_in(line)
        if not m:
            continue
        body = _BULLET.sub("", line).strip()
        m = _degree_in(body) or m
        window = lines[max(0, i - 2) : i + 3]
        inst = _institution_in(line, degree_line=True)
        if inst is None:  # the school on a line of its own, usually just above the degree
            near = [lines[j] for j in (i - 1, i - 2, i + 1) if 0 <= j < len(lines) and not _degree_in(lines[j])]
            inst = next((n for n in (_institution_in(w, degree_line=False) for w in near) if n and _INSTITUTION.search(n)), None)
            if inst is None and i > 0:
                inst = next(
                    (n for w in (lines[i - 1], lines[i - 2] if i > 1 else "") if (n := _institution_in(w, degree_line=False))),
                    None,
                )
        degree = body[m.start() :]
        degree = re.split(r"\s*(?:;|\bGPA\b)", degree)[0]
        if inst and inst in degree:
            degree = degree.split(inst)[0]
        degree = _TRAILING_LOCATION.sub("", re.sub(_RANGE, "", degree)).strip(" ,|–-")
        degree = re.sub(rf"\s*,?\s*(?:(?:expected|exp\.?|grad\.?)\s*)?{_DATE_RX}\s*$", "", degree, flags=re.I).strip(" ,")
        years = [int(y) for w in window[1:4] for y in _YEAR.findall(w)] or [int(y) for y in _YEAR.findall(line)]
        year_on_line = [int(y) for y in _YEAR.findall(line)]
        year = max(year_on_line or years) if (year_on_line or years) else None
        out.append(EducationEntry(degree=degree or m.group(), institution=inst, year=year, raw=body[:200]))
    return out


def find_certifications(sections: Mapping[str, Sequence[str]], lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for line in sections.get("certifications", []):
        s = _BULLET.sub("", line).strip()
        if len(s) > 3 and not s.isdigit() and s not in out:
            out.append(s[:200])
    for line in lines:
        if re.search(r"\b(certified|certification|certificate)\b", line, re.I) and not _heading_of(line):
            s = _BULLET.sub("", line).strip()
            if s and s not in out and len(s) < 150:
                out.append(s)
    return out


# --------------------------------------------------------------------------- spoken languages and years per skill

# headings of a spoken-language section ("Languages" is also a skills heading: only language names count there)
_LANGUAGE_HEADINGS = frozenset(
    (
        "languages",
        "language",
        "language skills",
        "spoken languages",
        "sprachen",
        "sprachkenntnisse",
        "fremdsprachen",
        "idiomas",
        "lenguas",
        "langues",
        "compétences linguistiques",
        "talen",
        "talenkennis",
        "línguas",
        "linguas",
    )
)
_LANGUAGE_LABEL = re.compile(r"^\s*(?:[•◦▪·*-]\s*)?([^\W\d][\w ]{2,30}?)\s*[:：]\s*(.+)$")
_LANGUAGE_ITEM = re.compile(rf"(?<!\w)({LANGUAGE_NAME_RX})(?!\w)", re.I)


def _norm_heading(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w& ]|[\d_]", "", text.lower())).strip()


def _language_lines(lines: Sequence[str]) -> list[str]:
    """The text of the résumé's spoken-language parts: the lines under a language heading (up to the next
    heading) and the rest of a "Languages: …" line."""
    out: list[str] = []
    under = 0
    for line in lines:
        norm = _norm_heading(line)
        if norm in _LANGUAGE_HEADINGS and len(line) <= 40:
            under = 8
            continue
        if under and (_heading_of(line) or len(line) > 200):
            under = 0
        if under:
            out.append(line)
            under -= 1
            continue
        label = _LANGUAGE_LABEL.match(line)
        if label and _norm_heading(label.group(1)) in _LANGUAGE_HEADINGS:
            out.append(label.group(2))
    return out


def find_languages(lines: Sequence[str]) -> list[SpokenLanguage]:
    """Spoken languages with a level ("English (native), German (B2)", "Deutsch – Muttersprache",
    "Inglés: C1"); a language given without a level is left out (nothing to score it by)."""
    found: dict[str, SpokenLanguage] = {}
    for line in _language_lines(lines):
        names = list(_LANGUAGE_ITEM.finditer(line))
        for k, m in enumerate(names):
            end = names[k + 1].start() if k + 1 < len(names) else len(line)
            level = level_of(line[m.end() : end][:60])
            if level is None:
                continue
            name = canonical_language(m.group(1))
            found.setdefault(
                name.lower(), SpokenLanguage(language=name, level=level, evidence=_BULLET.sub("", line).strip()[:200])
            )
    return list(found.values())


_YEARS_NUMBER = r"(\d{1,2}(?:[.,]\d)?)\s*\+?\s*(?:years?|yrs?\.?|jahren?|años|anos|ans|jaar)"
# "5 years of Python", "6+ years of experience with Go and Rust", "5 Jahre Erfahrung mit Java", "3 años de experiencia en SQL"
_YEARS_BEFORE = re.compile(
    _YEARS_NUMBER + r"\s+(?:of\s+|de\s+|d'|an\s+)?(?:(?:professional|hands-on|commercial|industry|production|solid|proven)\s+)?"
    r"(?:(?:experience|erfahrung|berufserfahrung|experiencia|expérience|ervaring|experiência)\s+)?"
    r"(?:(?:in|with|using|mit|in der|en|con|avec|met|em|com)\s+)?",
    re.I,
)
# "Python (6 years)", "Python – 5+ yrs", "Go: 3 years"
_YEARS_AFTER = re.compile(r"\s*[(:–—-]\s*" + _YEARS_NUMBER + r"\)?", re.I)


def find_skill_years(lines: Sequence[str], vocabulary: Mapping[str, str] | None = None) -> list[SkillYears]:
    """Years the résumé gives for a skill: "5 years of Python" (every skill named right after, up to the
    end of the clause) or "Python (6 years)". The highest figure per skill wins."""
    compiled = _compiled(tuple(sorted(merge_vocabulary(vocabulary).items())))
    best: dict[str, SkillYears] = {}

    def skills_in(text: str) -> list[tuple[int, int, str]]:
        spans = [(m.start(), m.end(), canonical) for rx, canonical in compiled for m in rx.finditer(text)]
        spans.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out: list[tuple[int, int, str]] = []
        for a, b, canonical in spans:
            if out and a < out[-1][1]:
                continue
            out.append((a, b, canonical))
        return out

    def note(skill: str, years: str, line: str) -> None:
        value = float(years.replace(",", "."))
        if 0 < value <= 60 and (skill.lower() not in best or best[skill.lower()].years < value):
            best[skill.lower()] = SkillYears(skill=skill, years=value, evidence=_BULLET.sub("", line).strip()[:200])

    for line in lines:
        if not re.search(r"\d", line):
            continue
        for m in _YEARS_BEFORE.finditer(line):
            clause = re.split(r"[.;!?]\s|\s(?:at|for|as|bei|como|chez|bij)\s", line[m.end() :][:80], maxsplit=1)[0]
            spans = skills_in(clause)
            if spans and spans[0][0] <= 3:  # the skill follows the figure; skills listed with it share it
                last = spans[0][1]
                for a, b, canonical in spans:
                    if a - last > 8:
                        break
                    note(canonical, m.group(1), line)
                    last = b
        for _a, b, canonical in skills_in(line):
            after = _YEARS_AFTER.match(line, b)
            if after:
                note(canonical, after.group(1), line)
    return list(best.values())


# --------------------------------------------------------------------------- entry points


def extract_resume(text: str, vocabulary: Mapping[str, str] | None = None, today: date | None = None) -> ParsedResume:
    """Structured fields from résumé text. `vocabulary` maps alias -> canonical skill name."""
    text = text.replace("\r\n", "\n").replace("\x00", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    sections = split_sections(lines)
    contact = _find_contact(lines, sections.get("header", []))
    name = _find_name(sections.get("header") or lines)
    exp_lines = sections.get("experience")
    if not exp_lines:  # no heading found: everything except education/projects/publications
        exp_lines = [
            line
            for k, v in sections.items()
            if k not in ("education", "projects", "volunteering", "activities", "publications", "awards", "other")
            for line in v
        ]
    experience = find_experience(exp_lines)
    skills = find_skills(lines, vocabulary, kinds=section_kinds(lines), employers=[e.company or "" for e in experience])
    years = total_years(experience, today)
    edu = find_education(sections.get("education") or lines)
    certs = find_certifications(sections, lines)
    level = experience_level(years, [e.title for e in experience])
    return ParsedResume(
        languages=find_languages(lines),
        skill_years=find_skill_years(lines, vocabulary),
        text=text,
        name=name,
        contact=contact,
        skills=skills,
        experience=experience,
        total_years=years,
        education=edu,
        certifications=certs,
        experience_level=level,
        sections={k: v for k, v in sections.items() if v},
    )


LEVEL_LABELS = {level: ("native" if level == LanguageLevel.NATIVE else level.value.upper()) for level in LanguageLevel}


def suggest_profile_changes(
    parsed: ParsedResume,
    current_profile: ProfileFacts,
    *,
    max_skills: int = 15,
    languages: Mapping[str, str] | None = None,
    skill_years: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """What the profile could gain from the résumé: new skills, a level change, a location, spoken
    languages (`languages`: the profile's, name → level), years per skill (`skill_years`: the profile's)
    and the total years of experience (`current_profile.years`)."""
    out: list[Suggestion] = []
    have = {s.strip().lower() for s in current_profile.skills}
    for s in parsed.skills:
        if s.name.lower() in have:
            continue
        quote = s.evidence[0] if s.evidence else ""
        out.append(
            Suggestion(
                kind=ResumeSuggestionKind.SKILL_ADD,
                value=s.name,
                reason=f'Your résumé mentions {s.name} {times(s.mentions)}, e.g. "{clip(quote, 120)}".',
            )
        )
        if sum(1 for x in out if x.kind == ResumeSuggestionKind.SKILL_ADD) >= max_skills:
            break
    if parsed.experience_level and parsed.experience_level != (current_profile.experience_level or None):
        recent = next((e.title for e in parsed.experience if e.title), None)
        why = f"Your résumé shows about {parsed.total_years:g} years of experience"
        if recent:
            why += f' and the recent title "{recent}"'
        out.append(Suggestion(kind=ResumeSuggestionKind.LEVEL, value=parsed.experience_level, reason=why + "."))
    loc = parsed.contact.location
    if loc:
        city = loc.split(",")[0].strip().lower()
        if not any(city in place.lower() for place in current_profile.locations):
            out.append(
                Suggestion(kind=ResumeSuggestionKind.LOCATION, value=loc, reason=f"Your résumé gives {loc} as your location.")
            )
    out += _language_and_years_suggestions(parsed, current_profile, languages or {}, skill_years or {})
    return out


def _language_and_years_suggestions(
    parsed: ParsedResume, profile: ProfileFacts, languages: Mapping[str, str], skill_years: Mapping[str, float]
) -> list[Suggestion]:
    out: list[Suggestion] = []
    have_languages = {k.lower(): v for k, v in languages.items()}
    for lang in parsed.languages:
        if have_languages.get(lang.language.lower()) == lang.level.value:
            continue
        label = f"{lang.language} ({LEVEL_LABELS[lang.level]})"
        out.append(
            Suggestion(
                kind=ResumeSuggestionKind.LANGUAGE,
                value=label,
                reason=f'Your résumé lists {label}: "{lang.evidence[:120]}".',
                data={"language": lang.language, "level": lang.level.value},
            )
        )
    have_years = {k.lower(): v for k, v in skill_years.items()}
    for sy in parsed.skill_years:
        if have_years.get(sy.skill.lower()) == sy.years:
            continue
        out.append(
            Suggestion(
                kind=ResumeSuggestionKind.SKILL_YEARS,
                value=f"{sy.skill}: {sy.years:g} years",
                reason=f'Your résumé says "{clip(sy.evidence, 120)}".',
                data={"skill": sy.skill, "years": sy.years},
            )
        )
    years = parsed.total_years
    if years > 0 and (profile.years is None or abs(profile.years - years) >= 0.5):
        jobs = sum(1 for e in parsed.experience if e.start)
        out.append(
            Suggestion(
                kind=ResumeSuggestionKind.YEARS_EXPERIENCE,
                value=f"{years:g} years",
                reason=f"The dates of {plural(jobs, 'position')} on your résumé add up to about {plural(years, 'year')} of experience.",
                data={"years": years},
            )
        )
    return out
