from datetime import date, timedelta

import pytest

from api.market.trends import salary_trend, skill_trend, skill_trends, trend_percent_map, weekly_skill_share

AS_OF = date(2025, 6, 30)


def rows_for(skill: str, prev: int, cur: int, window: int = 90) -> list[tuple[date, list[str]]]:
    """prev postings in the previous window, cur in the current one, all mentioning skill."""
    rows = [(AS_OF - timedelta(days=window + 1 + (i % (window - 1))), [skill]) for i in range(prev)]
    rows += [(AS_OF - timedelta(days=i % window), [skill]) for i in range(cur)]
    return rows


class TestWeeklySkillShare:
    def test_weekly_share_known_answer(self):
        # given 4 postings in ISO week 2025-W02 and 2 in W04 (W03 empty)
        rows = [
            (date(2025, 1, 6), ["python", "k8s"]),
            (date(2025, 1, 7), ["Python", "Python"]),  # counted once
            ("2025-01-08", ["Go"]),
            (date(2025, 1, 12), []),
            (date(2025, 1, 20), ["kubernetes"]),
            (date(2025, 1, 26), ["golang", "python"]),
        ]
        # when
        weeks = weekly_skill_share(rows)
        # then
        assert [w.week for w in weeks] == ["2025-W02", "2025-W03", "2025-W04"]
        assert [w.postings for w in weeks] == [4, 0, 2]
        assert weeks[0].counts == {"Python": 2, "Go": 1, "Kubernetes": 1}
        assert weeks[0].shares == {"Python": 50.0, "Go": 25.0, "Kubernetes": 25.0}
        assert weeks[1].shares == {}
        assert weeks[2].shares == {"Go": 50.0, "Kubernetes": 50.0, "Python": 50.0}
        assert weeks[0].to_dict()["week_start"] == "2025-01-06"

    def test_selected_skills_reported_even_at_zero(self):
        # given
        rows = [(date(2025, 1, 6), ["python"]), (date(2025, 1, 7), ["rust"]), (date(2025, 1, 8), ["Rust"])]
        # when
        weeks = weekly_skill_share(rows, skills=["rust", "Go"])
        # then
        assert weeks[0].counts == {"Rust": 2, "Go": 0}
        assert weeks[0].shares == {"Rust": 66.7, "Go": 0.0}

    def test_empty(self):
        # given / when / then
        assert weekly_skill_share([]) == []


class TestSkillTrend:
    def test_percent_change_and_sentence(self):
        # given 412 postings in the previous 90 days and 507 in the current 90
        rows = rows_for("k8s", 412, 507)
        # when
        t = skill_trend(rows, "Kubernetes", 90, as_of=AS_OF)
        # then
        assert (t.previous_count, t.current_count) == (412, 507)
        assert t.percent_change == 23.1
        assert t.status == "up" and not t.low_confidence
        assert t.sentence == "Kubernetes +23% in postings over 90 days, 412 → 507."

    def test_decrease(self):
        # given / when
        t = skill_trend(rows_for("jquery", 50, 40, 30), "jQuery", 30, as_of=AS_OF)
        # then
        assert t.percent_change == -20.0 and t.status == "down"
        assert t.sentence == "jQuery −20% in postings over 30 days, 50 → 40."

    def test_zero_baseline_is_new_and_tiny_counts_low_confidence(self):
        # given 3 postings only in the current window
        rows = rows_for("Rust", 0, 3)
        # when
        t = skill_trend(rows, "rust", 90, as_of=AS_OF)
        # then
        assert t.percent_change is None and t.status == "new" and t.low_confidence
        assert t.sentence == "Rust is new in postings over 90 days, 0 → 3 (low confidence: few postings)."

    def test_window_boundaries(self):
        # given postings exactly at as_of, at as_of-90 (previous window) and at as_of-180 (outside)
        rows = [(AS_OF, ["go"]), (AS_OF - timedelta(days=90), ["go"]), (AS_OF - timedelta(days=180), ["go"])]
        # when
        t = skill_trend(rows, "Go", 90, as_of=AS_OF)
        # then
        assert (t.previous_count, t.current_count, t.percent_change, t.status) == (1, 1, 0.0, "flat")

    def test_absent_skill_and_default_as_of(self):
        # given
        rows = [(date(2025, 1, 1), ["python"])]
        # when
        t = skill_trend(rows, "COBOL", 30)
        # then
        assert t.as_of == date(2025, 1, 1)
        assert t.status == "none" and t.sentence == "COBOL: no postings in the last 30 days or the 30 before."

    def test_all_trends_and_percent_map(self):
        # given
        rows = rows_for("python", 100, 150) + rows_for("rust", 0, 30) + rows_for("perl", 40, 20)
        # when
        trends = skill_trends(rows, 90, as_of=AS_OF)
        # then
        assert list(trends) == ["Python", "Rust", "Perl"]
        assert trends["Python"].current_total == 200 and trends["Python"].previous_total == 140
        assert trend_percent_map(trends) == {"Python": 50.0, "Rust": 100.0, "Perl": -50.0}

    def test_invalid_window(self):
        # given / when / then
        with pytest.raises(ValueError):
            skill_trends([], 0)


class TestSalary:
    def test_median_per_month_per_currency(self):
        # given backend-engineer postings in two months and currencies, plus noise
        rows = [
            (date(2025, 3, 3), "Senior Backend Engineer", 80000, 100000, "EUR", "year"),  # 90000
            (date(2025, 3, 10), "Backend Engineer", 5000, 7000, "eur", "month"),  # 72000
            (date(2025, 3, 20), "Backend Engineer II", None, 60, "EUR", "hour"),  # 124800
            (date(2025, 3, 21), "Backend Engineer", 120000, 160000, "USD", "year"),  # 140000
            (date(2025, 4, 2), "Lead Backend Engineer", 100000, None, "EUR", None),  # 100000
            (date(2025, 4, 3), "Frontend Engineer", 70000, 80000, "EUR", "year"),  # other role
            (date(2025, 4, 4), "Backend Engineer", None, None, "EUR", "year"),  # no salary
        ]
        # when
        points = salary_trend(rows, "backend engineer")
        # then
        assert [(p.month, p.currency, p.median, p.count) for p in points] == [
            ("2025-03", "EUR", 90000.0, 3),
            ("2025-03", "USD", 140000.0, 1),
            ("2025-04", "EUR", 100000.0, 1),
        ]
