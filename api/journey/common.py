"""Small shared helpers (pure, no clock access)."""

from __future__ import annotations

import math
import re
from datetime import date

from api import wording
from api.vocabulary import LearningFormat

DAYS_PER_YEAR = 365.25

FORMAT_LABELS: dict[LearningFormat, str] = {
    LearningFormat.VIDEO: "video",
    LearningFormat.READING: "reading",
    LearningFormat.HANDS_ON: "hands-on",
    LearningFormat.COURSES: "course",
    LearningFormat.MENTORING: "mentoring",
}


def thin(have: int, need: int, what: str) -> str:
    """The standard 'too little data' message."""
    return f"Not enough data yet: {have} of {need} {what} needed"


plural = wording.plural  # one plural for every concept (api.wording)


def weeks_ceil(days: int) -> int:
    return max(1, math.ceil(days / 7))


_NORMALISE = re.compile(r"[\s_\-/]+")


def norm(text: str) -> str:
    """Normalise a role or skill name for matching: 'Senior  Software-Engineer' -> 'senior software engineer'."""
    return _NORMALISE.sub(" ", text.strip().lower()).strip()


def years_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_YEAR


ACRONYMS = {"sql": "SQL", "mlops": "MLOps", "ml": "ML", "ci": "CI", "cd": "CD"}


def display_skill(skill: str, *, sentence_start: bool = False) -> str:
    """'sql' -> 'SQL', 'system design' -> 'System design' at the start of a sentence."""
    words = [ACRONYMS.get(w, w) for w in skill.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if sentence_start else text
