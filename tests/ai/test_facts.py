"""What the AI features read of a job: its must-haves, then what it merely mentions, then its
nice-to-haves (the parsed requirements, not the must-haves alone)."""

from __future__ import annotations

from api.ai.facts import JobFacts, ProfileFacts, job_facts, skill_gaps
from api.ai.prompts import cover_letter_prompt
from api.models import Job

DESCRIPTION = """## About the role
You will build our ingestion services on Kubernetes and Kafka.

## Requirements
- 5+ years of Python
- PostgreSQL

## Nice to have
- Terraform
"""


def backend_job() -> Job:
    return Job(
        title="Backend Engineer", company="Acme", location="Berlin", description=DESCRIPTION, requirements="", tech_stack=[]
    )


class TestJobFacts:
    def test_mentioned_skills_are_facts_below_the_must_haves(self):
        # given a posting naming Kubernetes and Kafka without a cue / when
        facts = job_facts(backend_job())
        # then
        assert list(facts.must_have) == ["Python", "PostgreSQL"]
        assert list(facts.mentioned) == ["Kubernetes", "Apache Kafka"]
        assert facts.all_skills() == ["Python", "PostgreSQL", "Kubernetes", "Apache Kafka", "Terraform"]

    def test_gaps_include_what_the_posting_mentions(self):
        # given / when
        gaps = skill_gaps(ProfileFacts(skills=["Python", "PostgreSQL"]), job_facts(backend_job()))
        # then
        assert gaps == ["Kubernetes", "Apache Kafka", "Terraform"]

    def test_the_prompt_carries_them_as_their_own_fact(self):
        # given
        job = JobFacts(company="Acme", title="Backend Engineer", must_have=["Python"], mentioned=["Kubernetes"])
        # when
        prompt = cover_letter_prompt(ProfileFacts(skills=["Python"]), job)
        # then
        assert prompt.facts["job_must_have"] == ["Python"]
        assert prompt.facts["job_also_mentioned"] == ["Kubernetes"]
