"""Interview practice engine: plans, adaptive next question, rule-based feedback, summary.

Pure and deterministic (no model): the same inputs always give the same questions and
scores. The question bank lives in api/interview/data/questions.json.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from statistics import mean

from pydantic import BaseModel, ConfigDict, Field

from api.ai.facts import JobFacts, ProfileFacts
from api.ai.schemas import QuestionKind
from api.vocabulary import InterviewKind, values
from api.wording import plural

DEFAULT_MAX_ANSWER_CHARS = 5000
BANK_PATH = Path(__file__).with_name("data") / "questions.json"


# --------------------------------------------------------------------------- models


class Question(BaseModel):
    id: str
    text: str
    kind: QuestionKind
    skill: str | None = None
    difficulty: int = 2  # 1 fundamentals, 2 intermediate, 3 advanced
    expected_concepts: list[str] = Field(default_factory=list)  # "concept|synonym|..."
    competency: str | None = None
    reason: str = "planned"  # planned | follow_up_fundamentals | harder
    follow_up_of: str | None = None

    def concept_names(self) -> list[str]:
        return [c.split("|")[0] for c in self.expected_concepts]


class AnswerFeedback(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=10)
    structure_notes: list[str]
    strengths: list[str]
    improvements: list[str]
    stronger_answer_outline: list[str]
    covered_concepts: list[str] = Field(default_factory=list)
    missing_concepts: list[str] = Field(default_factory=list)
    star_components: list[str] = Field(default_factory=list)  # subset of situation/task/action/result


class AnsweredQuestion(BaseModel):
    question: Question
    answer: str
    feedback: AnswerFeedback


class InterviewPlan(BaseModel):
    kind: InterviewKind
    num_questions: int
    slots: list[QuestionKind]
    skills: list[str] = Field(default_factory=list)  # bank skill keys, priority order
    skill_gaps: list[str] = Field(default_factory=list)  # bank keys the user lacks (job_specific)
    start_difficulty: int = 2
    job_title: str | None = None
    company: str | None = None


class SessionSummary(BaseModel):
    overall_score: float
    answered: int
    strengths: list[str]
    improvement_areas: list[str]
    skill_scores: dict[str, float] = Field(default_factory=dict)


class AnswerValidationError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --------------------------------------------------------------------------- bank


class QuestionBank:
    def __init__(self, data: dict) -> None:
        self.aliases: dict[str, str] = {k.lower(): v for k, v in data.get("aliases", {}).items()}
        self.behavioral = [
            Question(kind="behavioral", id=q["id"], text=q["text"], competency=q["competency"]) for q in data["behavioral"]
        ]
        self.general = [
            Question(
                kind="general",
                id=q["id"],
                text=q["text"],
                competency=q.get("topic"),
                expected_concepts=q.get("expected_concepts", []),
            )
            for q in data["general"]
        ]
        self.technical: dict[str, list[Question]] = {
            skill: sorted(
                (
                    Question(
                        kind="technical",
                        skill=skill,
                        id=q["id"],
                        text=q["text"],
                        difficulty=q["difficulty"],
                        expected_concepts=q["expected_concepts"],
                    )
                    for q in qs
                ),
                key=lambda q: (q.difficulty, q.id),
            )
            for skill, qs in data["technical"].items()
        }

    @classmethod
    def load(cls, path: str | Path | None = None) -> "QuestionBank":
        return _load_bank(str(path or BANK_PATH))

    @property
    def skills(self) -> list[str]:
        return list(self.technical)

    def normalize_skill(self, name: str) -> str | None:
        """Map a free-form skill name ("Postgres", "Node.js", "K8s") to a bank key, or None."""
        n = re.sub(r"\s+", " ", str(name).strip().lower())
        if n in self.technical:
            return n
        if n in self.aliases:
            return self.aliases[n]
        n2 = n[:-3] if n.endswith(".js") else n
        if n2 in self.technical:
            return n2
        return self.aliases.get(n2)

    def map_skills(self, names: Iterable[str]) -> list[str]:
        out: list[str] = []
        for n in names:
            k = self.normalize_skill(n)
            if k and k not in out:
                out.append(k)
        return out

    def all_questions(self) -> list[Question]:
        return [*self.general, *self.behavioral, *(q for qs in self.technical.values() for q in qs)]

    def by_id(self, qid: str) -> Question | None:
        return next((q for q in self.all_questions() if q.id == qid), None)


@lru_cache(maxsize=4)
def _load_bank(path: str) -> QuestionBank:
    with open(path, encoding="utf-8") as f:
        return QuestionBank(json.load(f))


# --------------------------------------------------------------------------- plan

_DEFAULT_TECH = ["system design", "testing", "git"]


def build_plan(
    kind: str,
    *,
    job: JobFacts | None = None,
    profile: ProfileFacts | None = None,
    num_questions: int = 6,
    focus_skills: Sequence[str] = (),
    bank: QuestionBank | None = None,
) -> InterviewPlan:
    """Plan a practice session. job_specific needs `job`: its requirements decide the skills,
    the profile's missing skills (gaps) come first."""
    if kind not in values(InterviewKind):
        raise ValueError(f"unknown interview kind {kind!r}; expected one of {', '.join(values(InterviewKind))}")
    if num_questions < 1:
        raise ValueError("num_questions must be at least 1")
    bank = bank or QuestionBank.load()
    profile_keys = bank.map_skills(profile.skills) if profile else []
    level = (profile.experience_level if profile else "") or ""
    start = 1 if level == "junior" else (3 if level == "lead" else 2)
    skills: list[str] = []
    gaps: list[str] = []
    if kind == "job_specific":
        if job is None:
            raise ValueError("a job_specific interview needs a job")
        job_keys = bank.map_skills(job.all_skills())
        if not job_keys:  # fall back to scanning the description text for bank skills
            job_keys = [
                k for k in bank.skills if re.search(rf"(?<![a-z]){re.escape(k)}(?![a-z])", (job.description or "").lower())
            ]
        gaps = [k for k in job_keys if k not in profile_keys]
        skills = gaps + [k for k in job_keys if k not in gaps]
    elif kind in ("technical", "general"):
        skills = bank.map_skills(focus_skills) or profile_keys
    if kind in ("technical", "general", "job_specific") and not skills:
        skills = list(_DEFAULT_TECH)

    slots: list[QuestionKind]
    if kind == "behavioral":
        slots = ["behavioral"] * num_questions
    elif kind == "technical":
        slots = ["technical"] * num_questions
    elif kind == "general":
        pattern: list[QuestionKind] = ["general", "behavioral", "technical", "general", "behavioral", "technical"]
        slots = [pattern[i % len(pattern)] for i in range(num_questions)]
    else:  # job_specific: motivation first, then mostly technical with behavioral every third
        rest: list[QuestionKind] = ["behavioral" if i % 3 == 2 else "technical" for i in range(num_questions - 1)]
        slots = ["general", *rest][:num_questions]
    return InterviewPlan(
        kind=InterviewKind(kind),
        num_questions=num_questions,
        slots=slots,
        skills=skills,
        skill_gaps=gaps,
        start_difficulty=start,
        job_title=job.title if job else None,
        company=job.company if job else None,
    )


def _closest(questions: Sequence[Question], difficulty: int, asked: set[str]) -> Question | None:
    free = [q for q in questions if q.id not in asked]
    if not free:
        return None
    return min(free, key=lambda q: (abs(q.difficulty - difficulty), q.difficulty, q.id))


def next_question(
    plan: InterviewPlan, history: Sequence[AnsweredQuestion], *, bank: QuestionBank | None = None
) -> Question | None:
    """The next question, or None when the session is complete.

    Adaptation: after a weak technical answer (score < 5) the next question is an easier
    (fundamentals) question on the same skill; after a strong one (>= 8) a harder one.
    """
    bank = bank or QuestionBank.load()
    n = len(history)
    if n >= plan.num_questions:
        return None
    asked = {h.question.id for h in history}

    last = history[-1] if history else None
    if last is not None and last.question.kind == "technical" and last.question.skill in bank.technical:
        pool = bank.technical[last.question.skill]
        d, score = last.question.difficulty, last.feedback.score
        if score < 5:
            easier = [q for q in pool if q.id not in asked and q.difficulty < d] or (
                [q for q in pool if q.id not in asked and q.difficulty == 1] if d > 1 else []
            )
            if easier:
                q = min(easier, key=lambda q: (q.difficulty, q.id))
                return q.model_copy(
                    update={
                        "reason": "follow_up_fundamentals",
                        "follow_up_of": last.question.id,
                        "text": f"Let's go back to the fundamentals of {q.skill}. {q.text}",
                    }
                )
        elif score >= 8:
            harder = [q for q in pool if q.id not in asked and q.difficulty > d]
            if harder:
                q = min(harder, key=lambda q: (q.difficulty, q.id))
                return q.model_copy(update={"reason": "harder", "follow_up_of": last.question.id})

    slot = plan.slots[n] if n < len(plan.slots) else "technical"
    if slot == "general":
        order = bank.general
        if plan.kind == "job_specific":  # "why this company" first
            order = sorted(bank.general, key=lambda q: q.competency != "motivation")
        general = next((q for q in order if q.id not in asked), None)
        if general is not None:
            if plan.company and general.competency == "motivation":
                general = general.model_copy(
                    update={"text": f"Why are you interested in the {plan.job_title} role at {plan.company}?"}
                )
            return general
        slot = "behavioral"
    if slot == "behavioral":
        behavioral = next((q for q in bank.behavioral if q.id not in asked), None)
        if behavioral is not None:
            return behavioral
        slot = "technical"
    skills = plan.skills or list(_DEFAULT_TECH)
    counts = {s: sum(1 for h in history if h.question.skill == s) for s in skills}
    for skill in sorted(skills, key=lambda s: (counts[s], skills.index(s))):
        technical = _closest(bank.technical.get(skill, []), plan.start_difficulty, asked)
        if technical is not None:
            return technical
    # everything in the plan's skills was asked: any unasked question
    return next((q for q in bank.all_questions() if q.id not in asked), None)


# --------------------------------------------------------------------------- evaluation

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'+#.%$/-]*")
_NUMBER = re.compile(r"(?:[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:%|percent|x\b|k\b|m\b|ms\b)?)", re.I)
_STAR = {
    "situation": re.compile(
        r"\b(when i was|when we|at my (previous|last|current|old)|in my (previous|last|current) (role|job|team|company)|our team|we were|we had|"
        r"the situation|the context|back in|last year|while working|i was working|i worked at|at [A-Z][a-z]+)",
        re.I,
    ),
    "task": re.compile(
        r"\b(my (goal|task|job|responsibility|role) was|i was (responsible|asked|tasked|in charge)|i needed to|i had to|we needed to|"
        r"the goal was|the objective|my objective|i was expected to|needed someone to)",
        re.I,
    ),
    "action": re.compile(
        r"\bi (first |then |also |quickly |personally )?(built|implemented|designed|led|wrote|created|organi[sz]ed|proposed|decided|set up|"
        r"introduced|analy[sz]ed|talked|met|scheduled|refactored|automated|migrated|fixed|investigated|suggested|reached out|started|"
        r"prioriti[sz]ed|negotiated|mentored|paired|profiled|added|split|rewrote|reviewed|documented|presented|measured|ran|called|asked)\b",
        re.I,
    ),
    "result": re.compile(
        r"\b(as a result|result(ed)? in|the result|outcome|in the end|eventually|reduced|increased|improved|saved|cut|grew|led to|"
        r"which meant|we shipped|shipped|delivered|launched|went from|dropped|raised|learned)\b",
        re.I,
    ),
}
_EXAMPLE = re.compile(
    r"\b(for example|for instance|e\.g\.|such as|in my (last|previous|current) (project|job|role)|i used|we used|at work)\b",
    re.I,
)
_TRADEOFF = re.compile(
    r"\b(trade-?offs?|however|downside|drawback|on the other hand|it depends|depends on|whereas|but|cost)\b", re.I
)
_VAGUE = re.compile(r"\b(stuff|things|etc|somehow|kind of|sort of|basically|whatever)\b", re.I)
_STOP_CAPS = {
    "I",
    "The",
    "A",
    "An",
    "We",
    "My",
    "Our",
    "It",
    "In",
    "At",
    "On",
    "When",
    "Then",
    "So",
    "But",
    "And",
    "This",
    "That",
    "After",
    "As",
    "For",
    "If",
    "To",
}


def validate_answer(answer: str, *, max_chars: int = DEFAULT_MAX_ANSWER_CHARS) -> str:
    if answer is None or not str(answer).strip():
        raise AnswerValidationError("EMPTY_ANSWER", "The answer is empty: write or say something before submitting.")
    text = str(answer).strip()
    if len(text) > max_chars:
        raise AnswerValidationError(
            "ANSWER_TOO_LONG",
            f"The answer is {len(text):,} characters long; the limit is {max_chars:,}. Shorten it to the key points.",
        )
    return text


def concept_covered(concept: str, text_lower: str) -> bool:
    for alt in concept.lower().split("|"):
        alt = alt.strip()
        if alt and re.search(r"(?<![a-z0-9])" + re.escape(alt), text_lower):
            return True
    return False


# What to do with a question, by its kind: "Tell me about yourself" gets no technical advice.
ANSWER_HINTS = {
    "behavioral": "Use STAR: situation, task, action, result — with numbers.",
    "technical": "Define, explain, give an example, name a trade-off.",
    "general": "Answer directly, cover what the question asks with examples from your work, and tie it to the role.",
}


def answer_hint(kind: str) -> str:
    return ANSWER_HINTS.get(kind, ANSWER_HINTS["general"])


def engine_note(*, offline: bool, configured: bool, generated: int, notice: str | None) -> str:
    """Which engine wrote the session's questions, in words: never "the model" while the offline
    engine runs (no model configured when it started or now, or the model failed)."""
    if offline or not configured:
        return "Offline engine: questions from the bank, feedback from our rules."
    if notice:
        return "Offline engine: the model is unavailable, so questions come from the bank; feedback from our rules."
    if generated:
        return f"{plural(generated, 'question')} written by the model for you, the rest from the bank; scores from our rules."
    return "Questions from the bank while the model writes some for you; scores from our rules."


def _length_points(wc: int) -> tuple[float, str]:
    if wc < 15:
        return 0.0, f"Length: {plural(wc, 'word')}, far too short; aim for about 120-300 words."
    if wc < 40:
        return 1.0, f"Length: {plural(wc, 'word')}, short; add detail (aim for about 120-300 words)."
    if wc <= 350:
        return 2.0, f"Length: {plural(wc, 'word')}, a good length."
    if wc <= 600:
        return 1.5, f"Length: {plural(wc, 'word')}, a little long; tighten it."
    return 1.0, f"Length: {plural(wc, 'word')}, too long for a spoken answer; keep to the key points."


def _specifics(text: str) -> tuple[int, int]:
    numbers = len(_NUMBER.findall(text))
    names = 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        words = sentence.split()
        for w in words[1:]:
            w2 = w.strip(",.;:()!?\"'")
            if w2[:1].isupper() and w2 not in _STOP_CAPS:
                names += 1
    return numbers, names


def evaluate_answer(question: Question, answer: str, *, max_chars: int = DEFAULT_MAX_ANSWER_CHARS) -> AnswerFeedback:
    """Rule-based scoring (0-10). Raises AnswerValidationError for empty / over-long answers."""
    text = validate_answer(answer, max_chars=max_chars)
    low = text.lower()
    wc = len(_WORD.findall(text))
    notes: list[str] = []
    strengths: list[str] = []
    improvements: list[str] = []
    outline: list[str] = []
    covered: list[str] = []
    missing: list[str] = []
    star_found: list[str] = []
    points = 0.0

    length_pts, length_note = _length_points(wc)
    numbers, names = _specifics(text)
    vague = len(_VAGUE.findall(text))
    spec = min(1.0, numbers * 0.5) + min(1.0, names * 0.34) - min(0.5, vague * 0.25)
    spec = max(0.0, spec)
    spec_note = f"Specificity: {plural(numbers, 'number or metric', 'numbers or metrics')}, {plural(names, 'concrete name')}" + (
        f", {plural(vague, 'vague filler word')}." if vague else "."
    )

    if question.kind == "behavioral":
        star_found = [k for k, rx in _STAR.items() if rx.search(text)]
        star_missing = [k for k in _STAR if k not in star_found]
        points += len(star_found)  # 0-4
        notes.append(
            "STAR structure: found "
            + (", ".join(star_found) or "none")
            + ("; missing " + ", ".join(star_missing) if star_missing else "; complete")
            + "."
        )
        i_count = len(re.findall(r"\bi\b", low))
        ownership = 1.0 if i_count >= 2 else (0.5 if i_count == 1 else 0.0)
        points += ownership
        result_metric = 1.0 if ("result" in star_found and numbers) else 0.0
        points += result_metric
        points += spec * 1.0 + length_pts  # spec 0-2, length 0-2
        if len(star_found) == 4:
            strengths.append("Clear STAR structure: situation, task, action and result are all there.")
        for k in star_missing:
            improvements.append(
                {
                    "situation": "Set the scene: where you were, the team and what was at stake.",
                    "task": "Say what YOU were responsible for achieving.",
                    "action": 'Describe the concrete steps you took, in the first person ("I did...").',
                    "result": "End with the outcome, ideally measured, and what you learned.",
                }[k]
            )
        if result_metric:
            strengths.append("The result is quantified.")
        elif "result" in star_found:
            improvements.append("Quantify the result (time saved, %, users, money).")
        if ownership < 1:
            improvements.append('Use "I" for your own actions; "we" hides your contribution.')
        outline = [
            "Situation: where and when, the team, the stakes (1-2 sentences).",
            "Task: what you specifically had to achieve.",
            "Action: 2-3 concrete steps you took, with the tools and decisions.",
            "Result: the measurable outcome (numbers) and what you learned.",
        ]
    else:
        concepts = question.expected_concepts
        for c in concepts:
            (covered if concept_covered(c, low) else missing).append(c.split("|")[0])
        coverage = (len(covered) / len(concepts)) if concepts else 0.6
        points += 5 * coverage
        if concepts:
            notes.append(
                f"Concept coverage: {len(covered)} of {len(concepts)} expected concepts ({', '.join(covered) or 'none'})."
            )
        example = 1.0 if (_EXAMPLE.search(text) or numbers) else 0.0
        tradeoff = 1.0 if _TRADEOFF.search(text) else 0.0
        points += (
            min(2.0, spec + example * 0.5)
            + length_pts
            + (tradeoff if question.kind == "technical" else min(1.0, len(re.findall(r"\bi\b", low)) * 0.5))
        )
        if concepts and coverage >= 0.75:
            strengths.append("Covers the key concepts: " + ", ".join(covered) + ".")
        elif covered:
            strengths.append("Mentions " + ", ".join(covered) + ".")
        if missing:
            improvements.append("Also cover: " + ", ".join(missing) + ".")
        if not example:
            improvements.append("Add a concrete example from your own work.")
        else:
            strengths.append("Grounded in a concrete example.")
        if question.kind == "technical" and not tradeoff:
            improvements.append("Mention a trade-off or when you would NOT use this.")
        outline = ["Start with a one-sentence definition or direct answer."]
        outline += [f"Explain {c}." for c in question.concept_names()]
        outline += [
            "Give a short example from a project you worked on.",
            "Close with a trade-off or a pitfall to avoid.",
        ]
        if question.kind == "general":
            outline = (
                ["Answer directly in one sentence."]
                + [f"Cover {c}." for c in question.concept_names()]
                + ["Tie it back to this role."]
            )

    notes.append(spec_note)
    notes.append(length_note)
    if numbers >= 2:
        strengths.append("Specific: uses numbers and concrete details.")
    elif numbers == 0:
        improvements.append("Be specific: add numbers (scale, time, %, users) and names of tools or systems.")
    if vague:
        improvements.append('Replace vague words ("stuff", "things", "etc.") with specifics.')
    if length_pts >= 2:
        strengths.append("Good length for a spoken answer.")
    elif wc < 40:
        improvements.append("Develop the answer: it is too short to show your experience.")
    elif wc > 350:
        improvements.append("Tighten the answer to the essentials.")

    score = round(max(0.0, min(10.0, points)))
    if wc < 5:
        score = min(score, 1)
    return AnswerFeedback(
        score=score,
        structure_notes=notes,
        strengths=_dedupe(strengths),
        improvements=_dedupe(improvements),
        stronger_answer_outline=outline,
        covered_concepts=covered,
        missing_concepts=missing,
        star_components=star_found,
    )


def _dedupe(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


# --------------------------------------------------------------------------- summary


def summarize(answers: Sequence[AnsweredQuestion]) -> SessionSummary:
    if not answers:
        return SessionSummary(
            overall_score=0.0,
            answered=0,
            strengths=[],
            improvement_areas=["Answer at least one question to get a summary."],
        )
    scores = [a.feedback.score for a in answers]
    overall = round(mean(scores), 1)
    by_skill: dict[str, list[int]] = {}
    for a in answers:
        key = a.question.skill or a.question.kind
        by_skill.setdefault(key, []).append(a.feedback.score)
    skill_scores = {k: round(mean(v), 1) for k, v in by_skill.items()}
    strengths: list[str] = []
    areas: list[str] = []
    for k, v in sorted(skill_scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if v >= 7:
            strengths.append(f"Strong {k} answers (average {v:g}/10).")
        elif v < 5:
            areas.append(
                f"Review the fundamentals of {k} (average {v:g}/10)."
                if k not in ("behavioral", "general")
                else f"Practise {k} questions (average {v:g}/10)."
            )
    beh = [a for a in answers if a.question.kind == "behavioral"]
    if beh:
        full_star = sum(1 for a in beh if len(a.feedback.star_components) == 4)
        if full_star == len(beh):
            strengths.append("Consistent STAR structure in behavioral answers.")
        elif full_star < len(beh) / 2:
            areas.append("Structure behavioral answers with STAR: situation, task, action, result.")
    no_numbers = sum(1 for a in answers if not _NUMBER.search(a.answer))
    if no_numbers > len(answers) / 2:
        areas.append("Quantify your impact: most answers had no numbers.")
    short = sum(1 for a in answers if len(_WORD.findall(a.answer)) < 40)
    if short > len(answers) / 2:
        areas.append("Give fuller answers: most were under 40 words.")
    missing = [c for a in answers for c in a.feedback.missing_concepts]
    if missing:
        top = sorted(set(missing), key=lambda c: (-missing.count(c), c))[:3]
        areas.append("Concepts to revise: " + ", ".join(top) + ".")
    if not strengths and overall >= 6:
        strengths.append(f"Solid overall performance ({overall:g}/10).")
    return SessionSummary(
        overall_score=overall,
        answered=len(answers),
        strengths=strengths,
        improvement_areas=areas,
        skill_scores=skill_scores,
    )
