"""Whether a model's rewording of an insight keeps its facts. Pure.

With a model configured, the title and message of a new insight may be reworded by it
(`api.guidance.tasks.insight_rephrase`); the evidence and the actions are never touched. The new
wording is used only when `problem` finds nothing wrong with it:

- numbers: the multiset of numbers in title + message (integers, decimals, percentages, dates such
  as 2025-06-09, times such as 22:00, ranges such as 30-60-90) is exactly the original's, so a
  number can be neither changed, dropped nor added;
- names: every name the insight's evidence and actions carry (skills, goal titles, roles, job
  titles, companies: quoted text, single capitalised words, phrases with a capital inside) that the
  original wording shows is still there (any letter case);
- links: no web address that the original did not have;
- shape: a title of one line and at most `TITLE_LIMIT` characters, a message of sane length
  compared with the original (between `MIN_RATIO` and `MAX_RATIO` of it, with some slack).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TITLE_LIMIT = 300
MIN_RATIO, MAX_RATIO, SLACK = 0.5, 2.0, 40

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*(?:\s?%)?")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’")
_SPLIT = re.compile(r"[,;:()\[\]“”‘’\"\n]|\s(?:at|and|or|for|of|to|in|on|with|vs\.?)\s")
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|ai|co|app|info|biz|me|ly)\b"
)


@dataclass(frozen=True)
class Wording:
    title: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.message}"


def numbers(text: str) -> Counter[str]:
    """The numbers of a text as written (thousands separators and a space before % aside)."""
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        token = match.group().replace(" ", "")
        if _THOUSANDS.match(token):
            token = token.replace(",", "")
        found[token] += 1
    return found


def _looks_like_name(fragment: str) -> bool:
    """A single capitalised word ("Kubernetes", "Acme") or a phrase with a capital inside it
    ("Platform Engineer", "Pass the CKA exam"); not a sentence-like label ("Still to learn")."""
    if len(fragment) < 2 or not any(c.isalpha() for c in fragment):
        return False
    words = fragment.split()
    if len(words) == 1:
        return fragment[0].isupper() or any(c.isupper() for c in fragment[1:])
    return any(c.isupper() for c in fragment[1:])


def _fragments(text: str, *, label: bool) -> Iterable[str]:
    """The names in one evidence label or value or action label. A label's leading capitalised word
    ("Open “…”", "Readiness for …") starts a phrase, it is no name; a whole label or value is."""
    for match in _QUOTED.finditer(text):
        quoted = next(g for g in match.groups() if g is not None).strip()
        if len(quoted) >= 2:
            yield quoted
    for position, part in enumerate(_SPLIT.split(text)):
        part = part.strip(" .!?-–—")
        if label and position == 0 and part != text.strip() and " " not in part and not any(c.isupper() for c in part[1:]):
            continue
        if _looks_like_name(part):
            yield part


def _contains(text: str, name: str, *, ignore_case: bool) -> bool:
    pattern = r"(?<!\w)" + re.escape(" ".join(name.split())).replace(r"\ ", r"\s+") + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE if ignore_case else 0) is not None


def names(original: Wording, evidence: Sequence[Mapping[str, Any]], actions: Sequence[Mapping[str, Any]]) -> list[str]:
    """The names from the evidence (labels and values) and the actions (labels) that the original
    wording shows, as written there; longest first, each once."""
    sources = [(str(e.get("label") or ""), True) for e in evidence] + [(str(e.get("value") or ""), False) for e in evidence]
    sources += [(str(a.get("label") or ""), True) for a in actions]
    found = {
        name
        for source, label in sources
        for name in _fragments(source, label=label)
        if _contains(original.text, name, ignore_case=False)
    }
    return sorted(found, key=lambda n: (-len(n), n))


def keep(original: Wording, evidence: Sequence[Mapping[str, Any]], actions: Sequence[Mapping[str, Any]]) -> list[str]:
    """What a rewording must keep verbatim: the names, then the numbers (for the model's prompt)."""
    return [*names(original, evidence, actions), *sorted(numbers(original.text))]


def _urls(text: str) -> set[str]:
    return {m.group().lower().rstrip(".,;:!?)") for m in _URL.finditer(text)}


def problem(
    original: Wording,
    proposed: Wording,
    evidence: Sequence[Mapping[str, Any]],
    actions: Sequence[Mapping[str, Any]],
) -> str | None:
    """Why the proposed wording may not replace the original, or None when it keeps every fact."""
    title, message = proposed.title.strip(), proposed.message.strip()
    if not title or not message:
        return "the title or the message is empty"
    if len(title) > TITLE_LIMIT or "\n" in title:
        return "the title is longer than one line"
    low = MIN_RATIO * len(original.message) - SLACK
    high = MAX_RATIO * len(original.message) + SLACK
    if not low <= len(message) <= high:
        return f"the message has {len(message)} characters, the original {len(original.message)}"
    before, after = numbers(original.text), numbers(proposed.text)
    if before != after:
        changed = sorted((before - after) + (after - before))
        return "the numbers differ: " + ", ".join(changed)
    missing = [name for name in names(original, evidence, actions) if not _contains(proposed.text, name, ignore_case=True)]
    if missing:
        return "names are missing: " + ", ".join(missing)
    added = _urls(proposed.text) - _urls(original.text)
    if added:
        return "links were added: " + ", ".join(sorted(added))
    return None
