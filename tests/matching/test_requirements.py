import pytest

from api.matching.requirements import Requirements, classify_line, parse_years, seniority_from_title, split_requirements

POSTING = """About us
We are a fintech startup.

Requirements:
- 5+ years of experience with Python or Go
- Strong knowledge of PostgreSQL; Kafka is a plus
- Experience with Docker and Kubernetes

Nice to have
- Terraform, AWS
- Rust would be great

Benefits
- Learning budget
"""


class TestSplitRequirements:
    def test_sections_and_sentences(self):
        # given a posting with a requirements and a nice-to-have section
        # when
        r = split_requirements(POSTING, title="Senior Backend Engineer", tech_stack=["k8s", "Redis"])
        # then
        assert r.must_have == ["Python", "Go", "PostgreSQL", "Docker", "Kubernetes"]
        assert r.mentioned == ["Redis"]
        assert r.alternatives == [["Python", "Go"]]
        assert r.nice_to_have == ["Apache Kafka", "Terraform", "AWS", "Rust"]
        assert (r.years_min, r.years_max) == (5.0, None)
        assert r.seniority == "senior"
        kafka = next(d for d in r.details if d.name == "Apache Kafka")
        assert kafka.evidence == "Kafka is a plus"
        assert kafka.kind == "nice"

    def test_nearest_cue_in_mixed_sentence(self):
        # given / when
        r = split_requirements("Python, Go and Rust required, Kafka a plus.")
        # then
        assert r.must_have == ["Python", "Go", "Rust"]
        assert r.nice_to_have == ["Apache Kafka"]

    def test_inline_labels(self):
        # given / when
        r = split_requirements("Requirements: Django, Flask. Nice to have: React, Vue.")
        # then
        assert r.must_have == ["Django", "Flask"]
        assert r.nice_to_have == ["React", "Vue.js"]

    def test_requirements_field_defaults_to_must_and_unhedged_mentions_are_mentioned(self):
        # given
        description = "You will work with Redis. Familiarity with GraphQL is preferred."
        requirements = "TypeScript\nReact"
        # when
        r = split_requirements(description, requirements)
        # then
        assert r.must_have == ["TypeScript", "React"]
        assert r.mentioned == ["Redis"]
        assert r.nice_to_have == ["GraphQL"]

    def test_must_wins_over_nice_and_tech_stack_can_be_nice(self):
        # given: Docker named as bonus and later as required; Rust in stack but a bonus
        text = "Bonus: Docker, Rust. Docker is required."
        # when
        r = split_requirements(text, tech_stack=["rust", "Python"])
        # then
        assert r.must_have == ["Docker"]
        assert r.nice_to_have == ["Rust"]
        assert r.mentioned == ["Python"]

    def test_to_dict_round_trip_shape(self):
        # given
        r = split_requirements("Must have Java.", title="Java Developer II")
        # when
        d = r.to_dict()
        # then
        assert d["must_have"] == ["Java"] and d["seniority"] == "mid"
        assert d["details"][0]["kind"] == "must"

    def test_empty(self):
        # given / when / then
        assert split_requirements("", None, None, None) == Requirements()


class TestClassifyLine:
    @pytest.mark.parametrize(
        "line, kind",
        [
            ("Requirements", "must"),
            ("Minimum qualifications", "must"),
            ("You have 3 years of Go", "must"),
            ("Must have", "must"),
            ("Preferred qualifications", "nice"),
            ("Nice-to-have", "nice"),
            ("Bonus points", "nice"),
            ("Ideally you know Rust", "nice"),
            ("Not required, but would be great", "nice"),
            ("What you'll do", "neutral"),
        ],
    )
    def test_cues(self, line, kind):
        # given a line / when
        result = classify_line(line)
        # then
        assert result == kind


class TestParseYears:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("5+ years", (5.0, None)),
            ("at least 3 years of experience", (3.0, None)),
            ("3-5 years experience", (3.0, 5.0)),
            ("2 to 4 yrs in backend", (2.0, 4.0)),
            ("three years of professional experience", (3.0, None)),
            ("Minimum 7 years", (7.0, None)),
            ("2+ years with Python. 5+ years of software engineering.", (5.0, None)),
            ("Founded 10+ years ago", (None, None)),
            ("We offer 30 days of holiday", (None, None)),
            ("", (None, None)),
        ],
    )
    def test_years(self, text, expected):
        # given a sentence / when
        result = parse_years(text)
        # then
        assert result == expected


class TestSeniorityFromTitle:
    @pytest.mark.parametrize(
        "title, level",
        [
            ("Software Engineering Intern", "intern"),
            ("Jr. Developer", "junior"),
            ("Graduate Software Engineer", "junior"),
            ("Software Engineer I", "junior"),
            ("Software Engineer II", "mid"),
            ("Mid-level Frontend Developer", "mid"),
            ("Senior Software Engineer", "senior"),
            ("Sr Data Engineer", "senior"),
            ("Staff Engineer", "staff"),
            ("Principal Data Scientist", "principal"),
            ("Tech Lead", "lead"),
            ("Lead Developer", "lead"),
            ("Engineering Manager", "manager"),
            ("Head of Engineering", "manager"),
            ("Backend Developer", None),
            ("Product Manager", None),
            ("", None),
        ],
    )
    def test_levels(self, title, level):
        # given a title / when
        result = seniority_from_title(title)
        # then
        assert result == level


class TestRealisticPosting:
    def test_fixture_posting(self):
        # given a realistic posting (tests/fixtures/taxonomy/posting_backend.txt)
        from pathlib import Path

        text = (Path(__file__).parents[1] / "fixtures" / "taxonomy" / "posting_backend.txt").read_text()
        # when
        r = split_requirements(text, title="Senior Backend Engineer (Payments)")
        # then
        assert r.must_have == [
            "Python",
            "Django",
            "FastAPI",
            "PostgreSQL",
            "Apache Kafka",
            "RabbitMQ",
            "Docker",
            "Kubernetes",
            "Terraform",
        ]
        assert r.nice_to_have == ["Go", "Rust", "AWS", "Google Cloud"]
        # broad areas are context, spoken languages their own field, "X or Y" one requirement
        assert r.topics == ["Event-Driven Architecture", "Infrastructure as Code", "Communication", "Security Compliance"]
        assert r.languages == ["English"]
        assert r.alternatives == [["Django", "FastAPI"], ["Apache Kafka", "RabbitMQ"], ["Go", "Rust"], ["AWS", "Google Cloud"]]
        assert (r.years_min, r.seniority) == (5.0, "senior")
