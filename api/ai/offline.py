"""Deterministic offline engine: used when no model is configured.

Produces the same pydantic schemas as the model path (api.ai.schemas), from plain facts
and templates. Same input -> same output (no randomness, no clock).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from api.ai.facts import JobFacts, ProfileFacts, ResumeSection, matching_skills, skill_gaps
from api.ai.schemas import CoverLetter, EmailDraft, ResumeTailoring, Rewrite, SectionTailoring
from api.vocabulary import EmailKind, Tone, values

__all__ = ["cover_letter", "email", "tailor_resume"]


# --------------------------------------------------------------------------- helpers


def join_words(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" (empty items left out)."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _role(profile: ProfileFacts) -> str:
    return profile.recent_roles[0] if profile.recent_roles else "software professional"


def _years(profile: ProfileFacts) -> str:
    if profile.years is None or profile.years <= 0:
        return ""
    y = int(profile.years) if float(profile.years).is_integer() else round(float(profile.years), 1)
    return f"{y} year{'s' if y != 1 else ''}"


def _skills_for_letter(profile: ProfileFacts, job: JobFacts) -> tuple[list[str], list[str]]:
    """(skills the candidate has that the job wants, job skills to show interest in); >= 2 job skills total."""
    have = matching_skills(profile, job)[:3]
    learn: list[str] = []
    if len(have) < 2:
        learn = [s for s in skill_gaps(profile, job) if s not in have][: 2 - len(have) + 1]
    if not have and not learn:  # job lists no skills at all: fall back to the candidate's own
        have = list(profile.skills)[:3]
    return have, learn


# --------------------------------------------------------------------------- cover letter


@dataclass(frozen=True)
class _Letter:
    """One tone's wording; `with_skills` / `without_skills` variants depend on the candidate's matching skills."""

    greeting: str
    opening: str
    opening_with_skills: str
    opening_without_skills: str
    work_with_skills: str
    work_without_skills: str
    learning: str
    invitation: str
    closing: str
    subject: str


_LETTERS = {
    "professional": _Letter(
        greeting="Dear {company} Hiring Team,",
        opening="I am writing to apply for the {title} position at {company}{where}. I bring {experience}",
        opening_with_skills=", with hands-on expertise in {have}.",
        opening_without_skills=".",
        work_with_skills="In my work as {a_role}, I have applied {have} to deliver reliable, maintainable results, "
        "taking ownership from design through delivery and collaborating closely with my team.",
        work_without_skills="In my work as {a_role}, I have taken ownership of work from design through delivery.",
        learning=" I am also deepening my knowledge of {learn}, which your team lists for this role.",
        invitation="I would welcome the opportunity to discuss how I can contribute to {company} as your next {title}. "
        "Thank you for your time and consideration.",
        closing="Sincerely,",
        subject="Application for the {title} position at {company}",
    ),
    "casual": _Letter(
        greeting="Hi {company} team,",
        opening="I'd love to join {company} as your {title}{where}. I've got {experience}",
        opening_with_skills=", and most of my days are spent working with {have}.",
        opening_without_skills=".",
        work_with_skills="What I enjoy most is using {have} to ship things people actually use, and working with a "
        "team that cares about doing it well.",
        work_without_skills="What I enjoy most is shipping things people actually use.",
        learning=" I'm also getting more hands-on with {learn}, which I noticed in your posting.",
        invitation="If it sounds like a fit, I'd be glad to chat about the {title} role and what {company} is building.",
        closing="Cheers,",
        subject="{title} at {company}",
    ),
    "enthusiastic": _Letter(
        greeting="Hello {company} team!",
        opening="I was thrilled to see the {title} opening at {company}{where}! With {experience}",
        opening_with_skills=", I am genuinely excited about the chance to put my {have} skills to work for you.",
        opening_without_skills=", I am excited to apply.",
        work_with_skills="I love building with {have}, and I thrive on turning ambitious ideas into working software "
        "with a motivated team.",
        work_without_skills="I thrive on turning ambitious ideas into working software with a motivated team.",
        learning=" I am eagerly growing my skills in {learn} too, which I see are important to your team.",
        invitation="I would be delighted to talk about how I can help {company} succeed as your {title}. "
        "Thank you so much for considering my application!",
        closing="With enthusiasm,",
        subject="Excited to apply: {title} at {company}",
    ),
}


def cover_letter(profile: ProfileFacts, job: JobFacts, tone: str = "professional") -> CoverLetter:
    if tone not in values(Tone):
        raise ValueError(f"unknown tone {tone!r}; expected one of {', '.join(values(Tone))}")
    have, learn = _skills_for_letter(profile, job)
    role, years = _role(profile), _years(profile)
    a_role = f"{_article(role)} {role}"
    words = {
        "company": job.company,
        "title": job.title,
        "where": f" in {job.location}" if job.location else "",
        "experience": f"{years} of experience as {a_role}" if years else f"my experience as {a_role}",
        "a_role": a_role,
        "have": join_words(have),
        "learn": join_words(learn),
    }
    letter = _LETTERS[tone]
    opening = letter.opening + (letter.opening_with_skills if words["have"] else letter.opening_without_skills)
    work = letter.work_with_skills if words["have"] else letter.work_without_skills
    if words["learn"]:
        work += letter.learning
    return CoverLetter(
        tone=Tone(tone),
        subject=letter.subject.format(**words),
        greeting=letter.greeting.format(**words),
        paragraphs=[opening.format(**words), work.format(**words), letter.invitation.format(**words)],
        closing=letter.closing,
        signature=profile.name or "",
    )


# --------------------------------------------------------------------------- resume tailoring

_WEAK_OPENERS = [
    (re.compile(r"^(was )?responsible for\s+", re.I), "Owned "),
    (re.compile(r"^worked on\s+", re.I), "Built "),
    (re.compile(r"^helped( to)?\s+", re.I), "Contributed to "),
    (re.compile(r"^(was )?involved in\s+", re.I), "Delivered "),
    (re.compile(r"^participated in\s+", re.I), "Contributed to "),
    (re.compile(r"^tasked with\s+", re.I), "Led "),
]
_BULLET = re.compile(r"^\s*[-*•◦·]\s*")
_HAS_NUMBER = re.compile(r"\d")


def _mentions(text: str, skill: str) -> bool:
    return re.search(r"(?<![A-Za-z0-9+#])" + re.escape(skill.lower()) + r"(?![A-Za-z0-9+#])", text.lower()) is not None


def _rewrite_line(line: str, job_skills: Sequence[str]) -> Rewrite | None:
    body = _BULLET.sub("", line).strip()
    if not body:
        return None
    for rx, verb in _WEAK_OPENERS:
        if rx.search(body):
            new = rx.sub(verb, body, count=1)
            new = new[0].upper() + new[1:]
            if not _HAS_NUMBER.search(new):
                new = new.rstrip(".") + ", [add the measurable result: %, time saved, users]."
            return Rewrite(original=line.strip(), suggested=new, reason="Start with a strong action verb and show the outcome.")
    used = [s for s in job_skills if _mentions(body, s)]
    if used and not _HAS_NUMBER.search(body):
        new = body.rstrip(".") + ", [add the measurable result: %, time saved, users]."
        return Rewrite(
            original=line.strip(),
            suggested=new,
            reason=f"This line shows {join_words(used)}, which the job asks for; quantify its impact.",
        )
    return None


def tailor_resume(profile: ProfileFacts, job: JobFacts, sections: Sequence[ResumeSection]) -> ResumeTailoring:
    job_skills = job.all_skills()
    all_text = "\n".join(line for s in sections for line in s.lines)
    in_resume = [s for s in job_skills if _mentions(all_text, s)]
    in_profile = matching_skills(profile, job)
    known = [s for s in job_skills if s in in_resume or s in in_profile]
    missing = [s for s in job_skills if s not in known]
    out: list[SectionTailoring] = []
    for sec in sections:
        name = sec.name.strip() or "Section"
        text = "\n".join(sec.lines)
        kind = name.lower()
        surface = [s for s in known if not _mentions(text, s)]
        rewrites: list[Rewrite] = []
        if "summary" in kind or "profile" in kind or "objective" in kind:
            top = join_words(known[:3]) or join_words(list(profile.skills)[:3])
            years = _years(profile)
            level = (profile.experience_level or "").capitalize()
            head = " ".join(x for x in (level, _role(profile)) if x)
            suggested = f"{head} with {years + ' of ' if years else ''}experience in {top or 'software delivery'}, seeking the {job.title} role at {job.company}."
            rewrites.append(
                Rewrite(
                    original=sec.lines[0].strip() if sec.lines else "",
                    suggested=suggested,
                    reason=f"Open with the skills {job.company} asks for and name the target role.",
                )
            )
            surface = [s for s in known[:4] if not _mentions(text, s)]
        elif "skill" in kind:
            listed = [s for s in job_skills if _mentions(text, s)]
            if listed:
                rest = [
                    x.strip() for x in re.split(r"[,;|•·]", " ".join(_BULLET.sub("", line) for line in sec.lines)) if x.strip()
                ]
                rest = [x for x in rest if not any(x.lower() == s.lower() for s in listed)]
                rewrites.append(
                    Rewrite(
                        original="; ".join(line.strip() for line in sec.lines),
                        suggested=", ".join(listed + rest),
                        reason="List the skills this job asks for first.",
                    )
                )
        else:
            for line in sec.lines:
                rw = _rewrite_line(line, job_skills)
                if rw:
                    rewrites.append(rw)
                if len(rewrites) >= 5:
                    break
        out.append(SectionTailoring(section=name, suggested_rewrites=rewrites, keywords_to_surface=surface))
    summary = (
        f"For the {job.title} role at {job.company}, your resume and profile show {len(known)} of the {len(job_skills)} skills the job lists"
        + (f" ({join_words(known[:5])})" if known else "")
        + "."
        + (
            f" Not shown anywhere: {join_words(missing[:5])}; only add them if you really have that experience."
            if missing
            else ""
        )
    )
    return ResumeTailoring(summary=summary, sections=out, missing_keywords=missing)


# --------------------------------------------------------------------------- emails


def email(kind: str, profile: ProfileFacts, job: JobFacts) -> EmailDraft:
    if kind not in values(EmailKind):
        raise ValueError(f"unknown email kind {kind!r}; expected one of {', '.join(values(EmailKind))}")
    hello = f"Hello {job.company} team,"
    sign = f"Best regards,\n{profile.name}" if profile.name else "Best regards,"
    have = matching_skills(profile, job)[:2] or list(profile.skills)[:2]
    skills = join_words(have)
    if kind == "follow_up":
        subject = f"Following up on my application for {job.title} at {job.company}"
        body = (
            f"{hello}\n\nI applied for the {job.title} position at {job.company} and wanted to follow up on my application. "
            f"I remain very interested in the role{f' and in applying my experience with {skills}' if skills else ''}. "
            "Could you share where the process stands, or whether there is anything else I can provide?\n\n"
            f"Thank you for your time.\n\n{sign}"
        )
    elif kind == "thank_you":
        subject = f"Thank you for the {job.title} interview"
        body = (
            f"{hello}\n\nThank you for taking the time to talk with me about the {job.title} role at {job.company}. "
            f"I enjoyed learning more about the team{f', and it confirmed that my background in {skills} is a good match' if skills else ''}. "
            "Please let me know if I can share anything else that would help.\n\n"
            f"{sign}"
        )
    elif kind == "networking":
        subject = f"Question about {job.title} work at {job.company}"
        body = (
            f"{hello}\n\nI am {_article(_role(profile))} {_role(profile)}{f' working with {skills}' if skills else ''}, and I am interested in the "
            f"{job.title} role at {job.company}. Would you have 15 minutes in the coming weeks to tell me about the team and how you work? "
            f"I would really appreciate your perspective.\n\n{sign}"
        )
    else:  # offer_negotiation
        subject = f"{job.title} offer at {job.company}"
        body = (
            f"{hello}\n\nThank you for the offer for the {job.title} position at {job.company}; I am excited about joining the team. "
            "Before I accept, I would like to discuss the compensation. Based on the scope of the role"
            f"{f', my experience with {skills}' if skills else ''} and market data for similar positions"
            f"{f' in {job.location}' if job.location else ''}, I was hoping for a base salary of [your target]. "
            "Is there flexibility there, or in other parts of the package such as the signing bonus, equity or start date?\n\n"
            f"I look forward to finding something that works for both of us.\n\n{sign}"
        )
    return EmailDraft(kind=EmailKind(kind), subject=subject, body=body)
