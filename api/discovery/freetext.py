"""Reading a pasted job description the way a person does. Pure.

Print headers ("12/1/24, 18:12 Job title | Company") and page footers ("1/3", the page's URL) are
not content; the title, company and location come from the first lines and the usual sentences:
"We are looking for a Senior Engineer to …", "About Acme", "Acme is hiring", "Join Acme",
"At Acme, we …", and a "City, Country" / "City, ST" / "Remote" / "Hybrid – Berlin" line near the
top. Pronouns and generic words ("We", "Our", "The team") are never a company."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from api.discovery.normalize import split_location_mode
from api.matching.location import parse_location
from api.vocabulary import RemoteOption

__all__ = ["Heading", "clean_lines", "read_heading", "title_clean", "without_print_noise"]

TOP_LINES = 10  # how far "near the top" reaches

# "12/1/24, 18:12 Job title | Company", "5/10/24, 11:52 AM servicenow jobs" (a browser's print header)
_PRINT_HEADER = re.compile(
    r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\s+(?P<title>\S.*)$"
)
_PAGE_NUMBER = re.compile(r"^(?:(?:page|seite|página|pagina)\s+)?\d{1,3}(?:\s*(?:/|of|von|de)\s*\d{1,3})?$", re.I)
_DATE = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:,?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?)?"
_URL_FOOTER = re.compile(
    rf"^(?:{_DATE}\s+)?(?:https?://|www\.|about:blank|file:/)\S*(?:\s+(?:\d{{1,3}}\s*/\s*\d{{1,3}}|{_DATE}))*$", re.I
)

_ROLE = (
    r"engineer|developer|programmer|manager|designer|analyst|scientist|architect|lead|consultant|specialist|"
    r"administrator|admin|intern|internship|director|head|officer|writer|recruiter|technician|coordinator|"
    r"representative|associate|assistant|executive|strategist|researcher|editor|accountant|advisor|adviser|"
    r"marketer|owner|sre|tester|agent|practitioner|trainee|apprentice|werkstudent|entwickler|ingenieur|berater|"
    r"desarrollador|ingeniero|analista|practicante|ontwikkelaar|développeur|ingénieur|president|vp|translator|"
    r"operator|controller|auditor|counsel|paralegal|nurse|teacher|tutor|buyer|planner|producer|copywriter|"
    r"evangelist|advocate|partner|principal|fellow|expert|generalist|steward"
)
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE})s?\b", re.I)
_ROLE_END = re.compile(rf"\b(?:{_ROLE})s?\b(?:\s*\([^)]*\))?$", re.I)

# first words that make a line a sentence rather than a title, company or place
_PRONOUNS = {
    "we", "we're", "we’re", "our", "us", "you", "you're", "you’re", "your", "they", "their", "it", "its", "this",
    "that", "these", "those", "i", "my", "he", "she", "his", "her", "a", "an", "if", "when", "what", "who", "why",
    "how", "as", "in", "on", "at", "for", "to", "join", "about", "with", "are", "is", "do", "all", "every", "each",
}  # fmt: skip
# a company is never one of these (after a leading "The")
_GENERIC = {
    "team", "company", "role", "job", "position", "candidate", "ideal candidate", "opportunity", "business", "group",
    "department", "organization", "organisation", "world", "future", "platform", "product", "us", "you", "me",
    "everyone", "people", "applicants", "benefits", "responsibilities", "requirements", "qualifications",
    "description", "job description", "mission", "culture", "office", "offices", "client", "clients", "customer",
    "customers", "employer", "industry", "market", "project", "projects", "work", "details", "overview", "summary",
    "perks", "what you'll do", "the role", "this role", "scale", "home", "least", "minimum", "times", "first",
    "once", "present", "least one", "remote", "hybrid", "apply", "how to apply",
}  # fmt: skip
_UNITS = {"team", "teams", "engineering", "department", "group", "squad", "org", "division", "unit", "crew", "family"}
_HEADINGS = re.compile(
    r"^(?:about(?: (?:us|the (?:role|job|position|team|company)|this role|you))?|job description|description|overview|"
    r"summary|responsibilities|requirements|qualifications|benefits|perks|what you(?:'|’)?ll do|what we offer|"
    r"who you are|how to apply|ver más|postular|apply(?: now)?|save|share|job details|the role|your role)\s*:?$",
    re.I,
)
_EMPLOYMENT_TAIL = re.compile(
    r"\s+(?:full[- ]?time|part[- ]?time|contract|permanent|temporary|internship|freelance|tiempo completo|"
    r"medio tiempo|vollzeit|teilzeit|hace\s+\d+|posted\b|\d+\s+(?:days?|weeks?|hours?|months?)\s+ago|vor\s+\d+|"
    r"reposted\b|\d+\s+applicants?).*$",
    re.I,
)
_NAME = r"[A-Z0-9][\w&.'’+-]*(?:[ \t]+(?:&[ \t]+|and[ \t]+|of[ \t]+|de[ \t]+)?[A-Z0-9][\w&.'’+-]*){0,4}"
_ABOUT = re.compile(rf"^(?:about|sobre|über|à propos de|a propos de|over)\s+(?P<name>{_NAME})\s*:?$", re.I)
_HIRING = re.compile(
    rf"(?<![\w.])(?P<name>{_NAME})[ \t]+(?:is|are)[ \t]+(?:currently[ \t]+|now[ \t]+)?"
    r"(?:hiring|looking for|seeking|searching for|recruiting|growing|proud|an equal opportunity|headquartered|"
    r"a (?:leading|global|fast[- ]growing|growing|remote[- ]first|\w+ company|\w+ startup))\b"
)
_JOIN = re.compile(rf"\b[Jj]oin[ \t]+(?P<name>{_NAME})(?=[ \t]*[,.!;:]|[ \t]+(?:as|and|in|to|on|at)\b|$)", re.M)
# "At Acme, we …", "As a Data Analyst at Acme, you …" — not "experience at Google, Meta or …"
_AT = re.compile(rf"\b[Aa]t[ \t]+(?P<name>{_NAME})(?=[ \t]*,?[ \t]*(?:we|you|our)\b)")
_WORK_AT = re.compile(rf"\b(?:[Ww]ork(?:ing)?|[Cc]areers?)[ \t]+(?:at|with)[ \t]+(?P<name>{_NAME})")
_PAGE_COMPANY = re.compile(r"^(?P<name>.+?)\s+(?:jobs|careers|career site|karriere|empleos|vacatures|emplois)$", re.I)
_LABEL_LINE = re.compile(r"^\s*[A-Za-z][A-Za-z /]{1,30}?\s*:\s*\S")
# "We are looking for a Senior Engineer to …" and its neighbours
_SENTENCE_TITLE = re.compile(
    r"(?:\b(?:we|i)\s*(?:are|'re|’re|am)\s+(?:currently\s+|now\s+|actively\s+)?"
    r"(?:looking\s+for|seeking|hiring|searching\s+for|recruiting)|\bjoin\s+(?:us|our\s+\w+(?:\s+team)?)\s+as|"
    r"\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:looking\s+for|seeking|hiring)|^as)\s+"
    r"(?:an?|our\s+(?:next|new|first)|the)\s+(?P<title>[^,.;:()\n]{3,90}?)"
    r"(?=\s+(?:to|who|with|for|in|at|that|which|based|on|and|located|join|you|will|–|-)\b|\s*[,.;:()]|$)",
    re.I | re.M,
)
_ADJECTIVES = {
    "talented", "seasoned", "skilled", "experienced", "passionate", "motivated", "highly", "driven", "dedicated",
    "creative", "enthusiastic", "self-motivated", "results-driven", "great", "strong", "new", "dynamic",
    "exceptional", "brilliant", "curious", "hands-on", "detail-oriented", "proactive", "talented,", "versatile",
    "ambitious", "energetic", "organised", "organized", "collaborative", "pragmatic", "outstanding", "top",
}  # fmt: skip
_YEARS_SUFFIX = re.compile(r"\s*\((?:[^()]*\b(?:years?|yrs|jahre|años|anos|ans)\b[^()]*)\)\s*$", re.I)
_REQUISITION = re.compile(r"^(?:[A-Z]{1,5}[-_ ]?)?\d[\d-]{3,}[-_ ]+(?=\w)")
_TITLE_SPLIT = re.compile(r"^(?P<title>.{3,120}?)\s+(?:at|@|en|bei|chez|bij|em)\s+(?P<company>[^,|()]{2,80})$")


@dataclass
class Heading:
    title: str = ""
    company: str = ""
    location: str = ""
    remote: RemoteOption | None = None


def clean_lines(text: str) -> tuple[list[str], list[str]]:
    """The text's lines without print headers, page numbers and URL footers (and the page titles of
    the print headers). A line with an unclosed "(" is joined with the next one."""
    lines: list[str] = []
    page_titles: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip(" \t•*#")
        if not line:
            continue
        header = _PRINT_HEADER.match(line)
        if header:
            page_titles.append(header.group("title").strip())
            continue
        if _PAGE_NUMBER.match(line) or _URL_FOOTER.match(line):
            continue
        if lines and lines[-1].count("(") > lines[-1].count(")") and ")" in line and len(lines[-1]) < 160:
            lines[-1] = f"{lines[-1]} {line}"
            continue
        lines.append(line)
    return lines, page_titles


def without_print_noise(text: str) -> str:
    """The text without print headers, page numbers and URL footers (paragraph breaks kept)."""
    kept = [
        line
        for line in text.replace("\r\n", "\n").split("\n")
        if not (_PRINT_HEADER.match(line.strip()) or _PAGE_NUMBER.match(line.strip()) or _URL_FOOTER.match(line.strip()))
    ]
    return "\n".join(kept).strip()


def _words(text: str) -> list[str]:
    return text.split()


def _is_sentence(line: str) -> bool:
    words = _words(line)
    return (
        not words
        or words[0].lower().strip(",.!:") in _PRONOUNS
        or len(words) > 12
        or line.rstrip().endswith((".", "!", "?", ";"))
    )


def _company_ok(name: str) -> str:
    name = name.strip(" ,'’:;-–")
    if name.endswith(".") and not re.search(r"\b(?:Inc|Ltd|Co|Corp|Bros|S\.A|N\.V|B\.V|L\.L\.C)\.$", name):
        name = name.rstrip(".")  # a sentence's full stop, not "Inc."
    name = re.sub(r"[’']s$", "", name)
    if not name or len(name) > 80:
        return ""
    words = name.split()
    if words[0].lower() in _PRONOUNS:
        return ""
    rest = " ".join(words[1:] if words[0].lower() == "the" else words).lower()
    if not rest or rest in _GENERIC or (words[-1].lower() in _GENERIC and len(words) <= 2):
        return ""
    if _ROLE_WORD.search(name) and len(words) > 1:
        return ""
    if len(words) > 1 and words[-1].lower() in _UNITS:
        return ""  # "Platform Engineering", "the Data Team": a part of the employer
    place = parse_location(name)
    if not place.remote and (place.country or place.area) and place.city is None:
        return ""  # "At Germany," is a place, not an employer
    if place.city and place.country:
        return ""  # a known city
    return name


def title_clean(title: str) -> str:
    title = _YEARS_SUFFIX.sub("", title.strip(" -–—|:"))
    title = _REQUISITION.sub("", title)
    words = title.split()
    while words and words[0].lower().strip(",") in _ADJECTIVES:
        words = words[1:]
    title = " ".join(words).strip(" ,")
    if title and title == title.lower():
        title = " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in title.split())
    return title


# --- location -----------------------------------------------------------------------------------


def _place_kind(part: str) -> str:
    """'known' (a country, state, code or region), 'city' (a known city), 'name' (could be a city) or ''."""
    if not part or len(part) > 40 or re.search(r"\d", part):
        return ""
    if len(part) <= 3 and part.isupper():
        loc = parse_location(part)
        return "known" if (loc.country or loc.region) and not loc.city else ""
    words = part.split()
    if len(words) > 4 or not all(w[:1].isupper() or w.lower() in ("de", "del", "la", "am", "im", "upon", "sur") for w in words):
        return ""
    loc = parse_location(part)
    if loc.city is None and (loc.country or loc.region or loc.area):
        return "known"
    if loc.city and loc.country:
        return "city"
    return "name"


def _as_place(segment: str) -> tuple[str, str] | None:
    """(place, company prefix) when the segment is a "City, Country"-like place, else None."""
    segment = _EMPLOYMENT_TAIL.sub("", segment).strip(" ,·|")
    if not segment or len(segment) > 80:
        return None
    parts: list[str] = []
    for part in (p.strip() for p in segment.split(",")):
        if part and not (parts and parts[-1].lower() == part.lower()):
            parts.append(part)
    kinds = [_place_kind(p) for p in parts]
    prefix: list[str] = []
    # "Tech Solutions, San Francisco, CA": a name before a known city is the employer
    while len(kinds) > 1 and kinds[0] == "name" and kinds[1] == "city":
        prefix.append(parts.pop(0))
        kinds.pop(0)
    if not parts or "" in kinds or kinds.count("name") > 1 or (kinds.count("name") == 1 and kinds[0] != "name"):
        return None
    if len(parts) == 1 and kinds[0] == "name":
        return None
    if len(parts) > 1 and kinds[0] == "known" and "known" not in kinds[1:] and parse_location(parts[0]).country:
        parts = parts[1:] + parts[:1]  # "Perú, Lima" → "Lima, Perú"
    return ", ".join(parts), ", ".join(prefix)


def _location_line(line: str) -> tuple[str, RemoteOption | None, str] | None:
    """(place, mode, company prefix) of a top line that names where the job is."""
    if _LABEL_LINE.match(line) or len(line) > 100:
        return None
    segments = [s.strip() for s in re.split(r"\s+[·•|—]\s+|\s+[-–]\s+(?=(?:remote|hybrid|on[- ]?site)\b)", line, flags=re.I)]
    for index, segment in enumerate(segments):
        segment = _EMPLOYMENT_TAIL.sub("", segment).strip()
        place, mode = split_location_mode(segment)
        if mode is not None and not place:
            return "", mode, ""
        found = _as_place(place)
        if found:
            before = next((s for s in reversed(segments[:index]) if _company_ok(s) and not _ROLE_WORD.search(s)), "")
            return found[0], mode, found[1] or before
    return None


# --- the reading --------------------------------------------------------------------------------


def _split_page_title(page_title: str) -> tuple[str, str]:
    """'Title | Company', 'Title - Company - Site', 'Title en Company - Section - Site' → (title, company)."""
    segments = [s.strip() for s in re.split(r"\s+[|–—-]\s+", page_title) if s.strip()]
    if not segments:
        return "", ""
    split = _TITLE_SPLIT.match(segments[0])
    if split and _ROLE_WORD.search(split.group("title")):
        return split.group("title"), split.group("company")
    company = _PAGE_COMPANY.match(segments[0])
    if company:
        return "", company.group("name")
    return segments[0], (segments[1] if len(segments) > 1 else "")


def _recase(name: str, text: str) -> str:
    """'servicenow' → 'ServiceNow' when the text writes it so."""
    if name != name.lower():
        return name
    forms = Counter(m.group(0) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) if m.group(0) != name)
    return forms.most_common(1)[0][0] if forms else name


def read_heading(text: str, page_title: str = "") -> Heading:
    """What a person reads first; ``page_title`` is the page's <title> when the text comes from a page."""
    lines, page_titles = clean_lines(text)
    if page_title and not page_titles:
        page_titles = [page_title]
    body = "\n".join(lines)
    heading = Heading()
    votes: Counter[str] = Counter()
    order: dict[str, int] = {}

    def vote(name: str, weight: int = 1) -> None:
        name = _company_ok(name)
        if name:
            votes[name] += weight
            order.setdefault(name, len(order))

    top = lines[:TOP_LINES]
    # the print header's page title
    page_title, page_company = _split_page_title(page_titles[0]) if page_titles else ("", "")
    vote(_recase(page_company, body), 2)
    page_title = title_clean(page_title) if _ROLE_WORD.search(page_title) else ""
    if page_title:  # the same title written in the body, without the requisition number
        written = [line for line in lines if len(line) >= len(page_title) / 2 and page_title.endswith(line)]
        heading.title = max(written, key=len) if written else page_title
    # a location line near the top
    title_index = -1
    for line in top:
        found = _location_line(line)
        if found:
            heading.location, heading.remote, prefix = found
            vote(prefix, 2)
            break
    # a title line near the top
    for index, line in enumerate(top[:6]):
        if heading.title:
            break
        if _is_sentence(line) or _HEADINGS.match(line) or _LABEL_LINE.match(line) or _location_line(line):
            continue
        if _ROLE_WORD.search(line):
            split = _TITLE_SPLIT.match(line) or re.match(r"^(?P<title>.{3,120}?)\s+[|–—·]\s+(?P<company>[^|]{2,80})$", line)
            if split and _ROLE_WORD.search(split.group("title")) and _company_ok(split.group("company")):
                heading.title = title_clean(split.group("title"))
                vote(split.group("company"), 3)
            else:
                heading.title = title_clean(line)
            title_index = index
    # a name on the line next to the title ("Fjord Labs\nSenior Product Designer")
    for index in (title_index - 1, title_index + 1) if title_index >= 0 else ():
        if 0 <= index < len(top):
            line = top[index]
            plain = not (_is_sentence(line) or _HEADINGS.match(line) or _LABEL_LINE.match(line) or _location_line(line))
            if plain and len(line.split()) <= 5 and not _ROLE_WORD.search(line):
                vote(line, 2)
    # the sentences people write
    for line in lines[:60]:
        about = _ABOUT.match(line)
        if about:
            vote(about.group("name"), 2)
    for pattern in (_HIRING, _JOIN, _AT, _WORK_AT):
        for match in pattern.finditer(body[:20_000]):
            vote(match.group("name"))
    if not heading.title:
        for match in _SENTENCE_TITLE.finditer(body[:5000]):
            title = title_clean(match.group("title"))
            if _ROLE_END.search(title) and len(title.split()) <= 8:
                heading.title = title
                break
    if not heading.title and top and not _is_sentence(top[0]) and not _HEADINGS.match(top[0]) and len(top[0]) <= 100:
        heading.title = title_clean(top[0])
    if votes:
        heading.company = max(votes, key=lambda name: (votes[name], -order[name]))
    return heading
