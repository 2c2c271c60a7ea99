"""`match_profile`: the profile's languages, years per skill and total years reach the score."""

from __future__ import annotations

from api.matching.score import MatchJob, score_job
from api.matching.scoring import match_profile
from api.models import User

JOB = MatchJob(
    title="Backend Engineer",
    company="Acme",
    description="Requirements:\n- 5+ years of Python\n- Fluent German\n- PostgreSQL",
)


def user(**fields: object) -> User:
    return User(skills=["Python", "PostgreSQL"], preferred_locations=[], experience_level="mid", **fields)


class TestMatchProfile:
    def test_a_profile_without_languages_or_years_leaves_them_unscored(self):
        # when
        breakdown = score_job(match_profile(user(languages=[], skill_years=[], years_experience=None)), JOB)
        # then
        assert "Languages: it asks for German (not scored: your profile lists no languages)." in breakdown.explanation
        assert any("your profile does not say how long" in line for line in breakdown.explanation)

    def test_working_level_languages_and_skill_years_are_matched(self):
        # given
        profile = match_profile(
            user(
                languages=[{"language": "German", "level": "b2"}],
                skill_years=[{"skill": "Python", "years": 6}],
                years_experience=8,
            )
        )
        # when
        breakdown = score_job(profile, JOB)
        # then
        assert profile.years == 8 and profile.skill_years == {"Python": 6.0} and profile.languages == ["German"]
        assert "Languages: it asks for German, which you speak." in breakdown.explanation
        assert "Skill years: 5+ years of Python asked, you have 6." in breakdown.explanation

    def test_basic_german_does_not_meet_fluent_german(self):
        # given
        basic = match_profile(user(languages=[{"language": "German", "level": "a2"}], skill_years=[], years_experience=None))
        fluent = match_profile(user(languages=[{"language": "German", "level": "c1"}], skill_years=[], years_experience=None))
        # when
        low, high = score_job(basic, JOB), score_job(fluent, JOB)
        # then
        assert "Languages: it asks for German; you do not list German." in low.explanation
        assert low.skills.score < high.skills.score

    def test_fewer_years_than_asked_lower_the_skill_credit(self):
        # given
        short = match_profile(user(languages=[], skill_years=[{"skill": "Python", "years": 2}], years_experience=None))
        enough = match_profile(user(languages=[], skill_years=[{"skill": "Python", "years": 5}], years_experience=None))
        # when / then
        assert score_job(short, JOB).total < score_job(enough, JOB).total
