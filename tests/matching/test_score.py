import json

import pytest

from api.matching.score import (
    WEIGHT_MAX,
    WEIGHT_MIN,
    Feedback,
    MatchJob,
    MatchProfile,
    Weights,
    adapt_weights,
    band_for,
    score_job,
)

LONG_DESC = " ".join(["We build reliable payment systems for small businesses."] * 6)


def profile(**kw) -> MatchProfile:
    base = {
        "skills": ["python", "postgres", "k8s", "docker"],
        "preferred_locations": ["Berlin, Germany"],
        "experience_level": "senior",
        "years": 6,
        "open_to_relocation": False,
        "remote_ok": True,
    }
    base.update(kw)
    return MatchProfile(**base)


class TestScoreJob:
    def test_full_match_is_100(self):
        # given a senior job in Berlin whose tech stack the profile fully covers
        job = MatchJob(
            title="Senior Backend Engineer",
            company="Acme",
            location="Berlin, Germany",
            remote="onsite",
            description=LONG_DESC,
            tech_stack=["Python", "PostgreSQL", "Kubernetes"],
        )
        # when
        b = score_job(profile(), job)
        # then
        assert b.total == 100 and b.band == "great" and not b.provisional
        assert b.skills.matched == ["Python", "PostgreSQL", "Kubernetes"]
        assert (b.location.score, b.location.reason) == (100, "same city")
        assert (b.experience.score, b.experience.job_level) == (100, "senior")
        assert b.what_would_raise_it == []

    def test_partial_match_known_answer(self):
        # given a staff remote role asking 8+ years, Go and Kafka required, Rust/Terraform nice
        job = MatchJob(
            title="Staff Engineer",
            location="Remote - EU",
            remote="remote",
            description="Requirements:\n- 8+ years of experience with Go and Kafka\n- PostgreSQL\nNice to have: Rust, Terraform",
        )
        # when
        b = score_job(profile(), job)
        # then: skills 100 * (0.85 * 1/3 + 0.15 * 0/2) = 28.3 -> 28; location 100; experience 60
        assert b.skills.score == 28
        assert b.skills.missing_must_have == ["Go", "Apache Kafka"]
        assert b.skills.missing_nice_to_have == ["Rust", "Terraform"]
        assert b.location.reason == "remote" and b.location.score == 100
        assert (b.experience.score, b.experience.job_level, b.experience.years_asked) == (60, "staff", 8.0)
        # 0.5*28 + 0.3*100 + 0.2*60 = 56
        assert b.total == 56 and b.band == "fair"
        assert b.what_would_raise_it == ["Go", "Apache Kafka", "Rust", "Terraform"]
        assert b.explanation[0] == (
            "Skills: you have 1 of 3 must-have skills (missing Go and Apache Kafka) and 0 of 2 nice-to-haves."
        )

    def test_must_have_miss_costs_more_than_nice_miss(self):
        # given two jobs, same skills, differing only in which one is missing
        base = {"title": "Senior Engineer", "location": "Berlin", "remote": "onsite"}
        miss_must = MatchJob(description="Requirements: Python, Rust. Nice to have: Docker.", **base)
        miss_nice = MatchJob(description="Requirements: Python, Docker. Nice to have: Rust.", **base)
        # when
        a, b = score_job(profile(), miss_must), score_job(profile(), miss_nice)
        # then: 80*1/2 + 20*1 = 60 vs 80*2/2 + 20*0 = 80
        assert (a.skills.score, b.skills.score) == (57, 85)
        assert a.total < b.total

    def test_alias_insensitive_matching(self):
        # given the profile says "golang", "JS" and the job says Go / JavaScript
        job = MatchJob(title="Senior Dev", location="Berlin", tech_stack=["Go", "javascript"], description=LONG_DESC)
        # when
        b = score_job(profile(skills=["golang", "JS"]), job)
        # then
        assert b.skills.matched == ["Go", "JavaScript"] and b.skills.score == 100

    def test_provisional_for_thin_posting(self):
        # given a short posting with one skill
        job = MatchJob(title="Developer", location="Berlin", description="Python dev wanted.")
        # when
        b = score_job(profile(), job)
        # then
        assert b.provisional
        assert b.experience.score == 75 and b.experience.job_level is None
        assert "provisional" in b.explanation[-1]

    def test_years_shortfall_caps_experience(self):
        # given a mid role asking 5+ years for someone with 3
        job = MatchJob(
            title="Software Engineer II", location="Berlin", description="You have 5+ years of experience with Python."
        )
        # when
        b = score_job(profile(experience_level="mid", years=3), job)
        # then: level matches (100) but 2 years short caps at 60
        assert (b.experience.score, b.experience.job_level, b.experience.years_asked) == (60, "mid", 5.0)

    def test_level_from_years_when_title_is_silent(self):
        # given
        job = MatchJob(title="Backend Developer", location="Berlin", description="At least 2 years of experience with Python.")
        # when
        b = score_job(profile(experience_level="mid", years=4), job)
        # then
        assert (b.experience.job_level, b.experience.score) == ("mid", 100)

    def test_weights_and_to_dict(self):
        # given skills-only weights
        job = MatchJob(title="Senior Dev", location="Paris, France", tech_stack=["Python", "Rust"], description=LONG_DESC)
        # when
        b = score_job(profile(), job, Weights(skills=1.0, location=0.0, experience=0.0))
        d = b.to_dict()
        # then
        assert b.total == 50
        assert d["parts"]["skills"]["missing_must_have"] == []
        assert d["parts"]["skills"]["missing_mentioned"] == ["Rust"]
        assert d["parts"]["location"]["reason"] == "mismatch"
        assert d["band"] == "fair"


class TestBreakdownJson:
    def test_the_json_a_rescore_writes_is_the_breakdown(self):
        # given a breakdown with parts, lists, a years note and weights
        job = MatchJob(
            title="Staff Engineer",
            location="München",
            description="Requirements:\n- 8+ years of Go and Kafka\n- PostgreSQL\nNice to have: Rust",
        )
        breakdown = score_job(profile(), job, Weights(0.6, 0.2, 0.2))
        # when
        written = json.loads(breakdown.to_json())
        # then
        assert written == breakdown.to_dict()


class TestBand:
    @pytest.mark.parametrize(
        "total, band",
        [
            (0, "poor"),
            (29, "poor"),
            (30, "weak"),
            (49, "weak"),
            (50, "fair"),
            (64, "fair"),
            (65, "good"),
            (79, "good"),
            (80, "great"),
            (100, "great"),
        ],
    )
    def test_cutoffs(self, total, band):
        # given / when / then
        assert band_for(total) == band


class TestAdaptWeights:
    def test_liked_remote_jobs_with_weak_skills_raise_location(self):
        # given three liked remote jobs with weak skill overlap
        fb = [Feedback("job", 1, {"skills": 30, "location": 100, "experience": 60}, "remote")] * 3
        # when
        w, reason = adapt_weights(Weights(), fb)
        # then
        assert w == Weights(skills=0.475, location=0.35, experience=0.175)
        assert reason == "You liked 3 remote jobs with weak skill overlap: location weight 30% → 35%."

    def test_disliked_job_lowers_over_scoring_part(self):
        # given a disliked job that scored high on skills
        fb = [Feedback("job", -1, {"skills": 90, "location": 20, "experience": 50})]
        # when
        w, reason = adapt_weights(Weights(), fb)
        # then
        assert w == Weights(skills=0.45, location=0.325, experience=0.225)
        assert reason == "You disliked 1 job that scored high on skills: skills weight 50% → 45%."

    def test_explicit_part_feedback(self):
        # given / when
        w, reason = adapt_weights(Weights(), [Feedback("experience", -1), Feedback("experience", -1)])
        # then
        assert w == Weights(skills=0.525, location=0.325, experience=0.15)
        assert reason == "You said experience matters less (2 times): experience weight 20% → 15%."

    def test_bounds_and_sum(self):
        # given skills at the maximum
        w, reason = adapt_weights(Weights(0.7, 0.2, 0.1), [Feedback("skills", 1)])
        # then
        assert w == Weights(0.7, 0.2, 0.1)
        assert "already at its maximum (70%)" in reason
        # given one other weight at the minimum, the other absorbs the whole step
        w2, _ = adapt_weights(Weights(0.65, 0.25, 0.1), [Feedback("skills", 1)])
        assert w2 == Weights(0.7, 0.2, 0.1)

    def test_repeated_adaptation_stays_bounded(self):
        # given many rounds of the same feedback
        w = Weights()
        for _ in range(30):
            w, _ = adapt_weights(w, [Feedback("location", 1)])
        # then
        assert w.location == pytest.approx(WEIGHT_MAX)
        assert min(w.skills, w.experience) >= WEIGHT_MIN - 1e-9
        assert w.skills + w.location + w.experience == pytest.approx(1.0)

    def test_no_or_balanced_feedback(self):
        # given / when / then
        assert adapt_weights(Weights(), []) == (Weights(), "No feedback yet: weights unchanged.")
        w, reason = adapt_weights(Weights(), [Feedback("skills", 1), Feedback("skills", -1)])
        assert w == Weights() and reason == "Your feedback is balanced: weights unchanged."

    def test_from_breakdown(self):
        # given a real breakdown
        job = MatchJob(title="Senior Dev", location="Remote", remote="remote", tech_stack=["Haskell"], description=LONG_DESC)
        b = score_job(profile(), job)
        # when
        fb = Feedback.from_breakdown("job", 1, b)
        _w, reason = adapt_weights(Weights(), [fb])
        # then
        assert fb.parts == {"skills": 0, "location": 100, "experience": 100}
        assert reason == "You liked 1 remote job with weak skill overlap: location weight 30% → 35%."
