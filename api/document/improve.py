"""The offline engine's "improve": deterministic edits a user's feedback asks for.

Without a model we cannot rewrite freely, so we honour what rules can read from the feedback:
a tone (formal → professional, friendly → casual, excited → enthusiastic) regenerates a cover
letter in that tone; skills named in the feedback (via the taxonomy) are worked into the text;
"shorter"/"concise" keeps the first two sentences of every body paragraph; "longer"/"more detail"
adds a paragraph on the matching skills. Same input → same output.
"""

from __future__ import annotations

import re

from api.ai import offline
from api.ai.facts import JobFacts, ProfileFacts, matching_skills
from api.skill.taxonomy import extract_skills

TONE_WORDS = [
    ("enthusiastic", re.compile(r"\b(enthusiastic|excited|energetic|passionate|upbeat)\b", re.I)),
    ("casual", re.compile(r"\b(casual|friendly|relaxed|informal|less formal)\b", re.I)),
    ("professional", re.compile(r"\b(professional|formal|more formal|serious)\b", re.I)),
]
SHORTER = re.compile(r"\b(short(er)?|concise|brief(er)?|trim|too long|cut)\b", re.I)
LONGER = re.compile(r"\b(longer|more detail(ed)?|expand|elaborate|too short)\b", re.I)
CLOSINGS = re.compile(r"^(sincerely|cheers|with enthusiasm|best regards|kind regards|regards|thank you)\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _body_span(paragraphs: list[str]) -> tuple[int, int]:
    """[start, end) of the paragraphs between the greeting and the closing."""
    end = next((i for i, p in enumerate(paragraphs) if i > 0 and CLOSINGS.match(p.strip())), len(paragraphs))
    start = 1 if paragraphs and paragraphs[0].startswith("Subject:") else 0
    if len(paragraphs) > start + 1 and paragraphs[start].rstrip().endswith((",", "!")):
        start += 1  # the greeting
    return start, max(start, end)


def offline_improve(kind: str, text: str, feedback: str, profile: ProfileFacts, job: JobFacts, tone: str | None) -> str:
    if kind == "cover_letter":
        for new_tone, pattern in TONE_WORDS:
            if pattern.search(feedback) and new_tone != tone:
                text = offline.cover_letter(profile, job, new_tone).to_text()
                break
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    start, end = _body_span(paragraphs)
    if SHORTER.search(feedback):
        for i in range(start, end):
            sentences = SENTENCE.split(paragraphs[i].strip())
            paragraphs[i] = " ".join(sentences[:2])
    wanted = [m.name for m in extract_skills(feedback)]
    missing = [s for s in wanted if s.lower() not in text.lower()]
    additions: list[str] = []
    if missing:
        additions.append(
            f"I would also bring hands-on experience with {offline.join_words(missing)}, which I can speak to in detail."
        )
    if LONGER.search(feedback):
        skills = matching_skills(profile, job)[:3] or list(profile.skills)[:3]
        if skills:
            additions.append(
                f"In my recent work I have used {offline.join_words(skills)} day to day, and I would bring the same care to the "
                f"{job.title} role at {job.company}."
            )
    if additions:
        at = max(start, end - 1) if end - start >= 2 else end
        paragraphs[at:at] = additions
    return "\n\n".join(paragraphs).strip()
