from __future__ import annotations

import itertools

import pytest

from api.ai import offline
from api.ai.facts import JobFacts, ProfileFacts, ResumeSection
from api.ai.schemas import CoverLetter, EmailDraft, ResumeTailoring
from api.vocabulary import Tone, values

TONES = values(Tone)

PROFILE = ProfileFacts(
    name="Ada Lovelace",
    skills=["Python", "PostgreSQL", "Docker", "React"],
    experience_level="senior",
    years=7,
    recent_roles=["Backend Engineer"],
    locations=["Berlin"],
)
JOB = JobFacts(
    company="Acme Robotics",
    title="Senior Backend Engineer",
    location="Berlin",
    description="We build robots.",
    requirements=["5+ years of backend development"],
    tech_stack=["Python", "Kubernetes"],
    must_have=["Python", "PostgreSQL"],
    nice_to_have=["Go"],
)
JOB_SKILLS = ["Python", "PostgreSQL", "Kubernetes", "Go"]


def mentioned_job_skills(text: str) -> list[str]:
    return [s for s in JOB_SKILLS if s in text]


class TestOfflineCoverLetter:
    @pytest.mark.parametrize("tone", TONES)
    def test_letter_is_complete_and_job_specific(self, tone: str):
        # when
        letter = offline.cover_letter(PROFILE, JOB, tone)
        text = letter.to_text()
        # then
        assert isinstance(letter, CoverLetter) and letter.tone == tone
        assert all(p.strip() for p in letter.paragraphs) and len(letter.paragraphs) == 3
        assert "Acme Robotics" in text and "Senior Backend Engineer" in text
        assert len(mentioned_job_skills(text)) >= 2
        assert text.rstrip().endswith("Ada Lovelace")

    def test_tones_differ(self):
        # when
        texts = {t: offline.cover_letter(PROFILE, JOB, t).to_text() for t in TONES}
        # then
        for a, b in itertools.combinations(TONES, 2):
            assert texts[a] != texts[b]
        assert texts["professional"].startswith("Dear") and texts["casual"].startswith("Hi")
        assert "!" in texts["enthusiastic"] and "!" not in texts["professional"]

    def test_same_input_same_output(self):
        # when / then
        assert offline.cover_letter(PROFILE, JOB, "casual") == offline.cover_letter(PROFILE, JOB, "casual")

    def test_candidate_without_matching_skills_still_gets_two_job_skills_without_false_claims(self):
        # given a profile that has none of the job's skills
        newbie = ProfileFacts(name="Sam", skills=["Excel"], recent_roles=["Analyst"])
        # when
        text = offline.cover_letter(newbie, JOB, "professional").to_text()
        # then
        assert len(mentioned_job_skills(text)) >= 2
        assert "deepening my knowledge of" in text
        assert "hands-on expertise in" not in text

    def test_unknown_tone(self):
        # when / then
        with pytest.raises(ValueError):
            offline.cover_letter(PROFILE, JOB, "angry")


class TestOfflineTailoring:
    SECTIONS = (
        ResumeSection("Summary", ["Backend developer with 7 years of experience."]),
        ResumeSection("Skills", ["Java, Docker, Python, PostgreSQL"]),
        ResumeSection(
            "Experience",
            [
                "• Responsible for the billing API in Python",
                "• Wrote Docker images",
                "• Cut query time by 30% with PostgreSQL indexes",
            ],
        ),
    )

    def test_every_section_gets_suggestions(self):
        # when
        t = offline.tailor_resume(PROFILE, JOB, self.SECTIONS)
        # then
        assert isinstance(t, ResumeTailoring)
        assert [s.section for s in t.sections] == ["Summary", "Skills", "Experience"]
        summary, skills, experience = t.sections
        assert "Senior Backend Engineer role at Acme Robotics" in summary.suggested_rewrites[0].suggested
        assert summary.keywords_to_surface == ["Python", "PostgreSQL"]
        assert skills.suggested_rewrites[0].suggested.startswith("Python, PostgreSQL")
        assert experience.suggested_rewrites[0].original == "• Responsible for the billing API in Python"
        assert experience.suggested_rewrites[0].suggested.startswith("Owned the billing API in Python")
        # the quantified line needs no rewrite
        assert all("30%" not in r.original for r in experience.suggested_rewrites)

    def test_missing_keywords_are_job_skills_absent_from_resume_and_profile(self):
        # when
        t = offline.tailor_resume(PROFILE, JOB, self.SECTIONS)
        # then
        assert t.missing_keywords == ["Kubernetes", "Go"]
        assert "Acme Robotics" in t.summary and "Kubernetes" in t.summary

    def test_deterministic(self):
        # when / then
        assert offline.tailor_resume(PROFILE, JOB, self.SECTIONS) == offline.tailor_resume(PROFILE, JOB, self.SECTIONS)


class TestOfflineEmail:
    @pytest.mark.parametrize("kind", ["follow_up", "thank_you", "networking", "offer_negotiation"])
    def test_email_is_complete_and_specific(self, kind: str):
        # when
        e = offline.email(kind, PROFILE, JOB)
        # then
        assert isinstance(e, EmailDraft) and e.kind == kind
        assert e.subject and "Senior Backend Engineer" in e.subject + e.body
        assert "Acme Robotics" in e.body and e.body.startswith("Hello Acme Robotics team,")
        assert e.body.rstrip().endswith("Ada Lovelace")
        assert len(mentioned_job_skills(e.body)) >= 2

    def test_kinds_differ_and_are_stable(self):
        # when
        bodies = [offline.email(k, PROFILE, JOB).body for k in ("follow_up", "thank_you", "networking", "offer_negotiation")]
        # then
        assert len(set(bodies)) == 4
        assert bodies[0] == offline.email("follow_up", PROFILE, JOB).body

    def test_unknown_kind(self):
        # when / then
        with pytest.raises(ValueError):
            offline.email("breakup", PROFILE, JOB)
