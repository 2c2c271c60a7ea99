from api.market.gaps import Gap, next_step_for, skill_gaps


class TestSkillGaps:
    def test_ranking_known_answer(self):
        # given 4 jobs, a profile with Python and a market where Kafka grows and Java shrinks
        jobs = [
            ["Python", "Kafka", "k8s"],
            ["python", "kubernetes", "Java"],
            ["Go", "Kafka", "Java"],
            ["Java", "Terraform", "Python"],
        ]
        trends = {"apache kafka": 50.0, "Java": -20.0, "Kubernetes": None}
        # when
        report = skill_gaps(["python", "Docker"], jobs, trends)
        # then: Kafka 2*1.5=3.0, Java 3*0.8=2.4, Kubernetes 2, Go 1, Terraform 1
        assert [(g.skill, g.frequency, g.rank_score) for g in report.gaps] == [
            ("Apache Kafka", 2, 3.0),
            ("Java", 3, 2.4),
            ("Kubernetes", 2, 2.0),
            ("Go", 1, 1.0),
            ("Terraform", 1, 1.0),
        ]
        kafka = report.gaps[0]
        assert kafka == Gap(
            "Apache Kafka",
            "backend",
            2,
            50.0,
            50.0,
            3.0,
            "Add a small service or feature using Apache Kafka to one of your projects.",
        )
        assert report.gaps[2].trend_percent is None
        # 12 skill mentions, 3 of them Python -> 25% covered
        assert report.coverage_percent == 25.0
        assert report.jobs_considered == 4
        assert report.skills_you_have == ["Python"]

    def test_trend_floor_and_limit(self):
        # given a skill whose market collapsed
        report = skill_gaps([], [["Perl"], ["Perl"], ["Rust"]], {"perl": -150.0}, limit=1)
        # when / then
        assert [(g.skill, g.rank_score) for g in report.gaps] == [("Rust", 1.0)]

    def test_no_jobs(self):
        # given / when
        report = skill_gaps(["python"], [])
        # then
        assert report.gaps == [] and report.coverage_percent == 0.0
        assert report.to_dict()["jobs_considered"] == 0

    def test_next_step_by_category(self):
        # given / when / then
        assert next_step_for("AWS", "cloud").startswith("Deploy a small service on AWS")
        assert next_step_for("Foo", None) == "Learn the basics of Foo and use it in a small project."
