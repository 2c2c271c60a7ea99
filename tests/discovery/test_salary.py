from __future__ import annotations

import pytest

from api.discovery.postings import SalaryRange
from api.discovery.salary import annualise, normalize_period, parse_amount, parse_salary


class TestParseSalary:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("$120,000 - $150,000", SalaryRange(120000, 150000, "USD", None)),
            ("USD 100000", SalaryRange(100000, 100000, "USD", None)),
            ("€60k–80k per year", SalaryRange(60000, 80000, "EUR", "year")),
            ("£45 - £55 per hour", SalaryRange(45, 55, "GBP", "hour")),
            ("120k", SalaryRange(120000, 120000, None, None)),
            ("100,000 to 120,000 USD", SalaryRange(100000, 120000, "USD", None)),
            ("$90k - $105k", SalaryRange(90000, 105000, "USD", None)),  # Remotive, recorded
            ("$50 - $70/hr", SalaryRange(50, 70, "USD", "hour")),
            ("40-60k EUR", SalaryRange(40000, 60000, "EUR", None)),
            ("$80k+", SalaryRange(80000, None, "USD", None)),
            ("up to £60,000 p.a.", SalaryRange(None, 60000, "GBP", "year")),
            ("CA$95,000 - CA$110,000 a year", SalaryRange(95000, 110000, "CAD", "year")),
            ("60.000 € - 75.000 € brutto/Jahr", SalaryRange(60000, 75000, "EUR", "year")),
            ("$4,000/month", SalaryRange(4000, 4000, "USD", "month")),
            ("45.50 per hour", SalaryRange(45.5, 45.5, None, "hour")),
            ("$600 per day", SalaryRange(600, 600, "USD", "day")),
            ("$3,000 bi-weekly", SalaryRange(3000, 3000, "USD", None)),  # no such period: left unset
        ],
    )
    def test_known_answers(self, text, expected):
        # given / when / then
        assert parse_salary(text) == expected

    @pytest.mark.parametrize("text", ["", "Competitive", "DOE", "   "])
    def test_no_amount_means_none(self, text):
        # given / when / then
        assert parse_salary(text) is None

    def test_structured_fields(self):
        # given / when / then
        assert parse_salary(min=50000, max="80000.0", currency="usd", period="Per Year") == SalaryRange(
            50000, 80000, "USD", "year"
        )
        assert parse_salary(min=0, max=0) is None  # RemoteOK's "no salary"
        assert parse_salary(min=30, currency="GBP", period="per-hour-wage") == SalaryRange(30, None, "GBP", "hour")
        assert parse_salary(100000, currency="USD") == SalaryRange(100000, 100000, "USD", None)

    def test_explicit_fields_win_and_defaults_fill_gaps(self):
        # given / when / then
        assert parse_salary("90k", default_currency="EUR", default_period="year") == SalaryRange(90000, 90000, "EUR", "year")
        assert parse_salary("$90k", currency="CAD") == SalaryRange(90000, 90000, "CAD", None)

    def test_reversed_bounds_are_ordered(self):
        # given / when / then
        assert parse_salary(min=90, max=60) == SalaryRange(60, 90, None, None)


class TestParseAmount:
    @pytest.mark.parametrize(
        "token, expected",
        [
            ("120,000", 120000),
            ("60.000", 60000),
            ("45.50", 45.5),
            ("1,5k", 1500),
            ("90k", 90000),
            ("1.234.567,89", 1234567.89),
            ("1,234,567.89", 1234567.89),
            (42, 42.0),
            ("abc", None),
        ],
    )
    def test_known_answers(self, token, expected):
        # given / when / then
        assert parse_amount(token) == expected


class TestNormalizePeriod:
    @pytest.mark.parametrize(
        "value, expected",
        [
            ("Per Year", "year"),
            ("PA", "year"),
            ("1 YEAR", "year"),
            ("per-hour-wage", "hour"),
            ("HOUR", "hour"),
            ("monthly", "month"),
            ("P1Y", "year"),
            ("Bi-weekly", None),
            ("fortnightly", None),
            ("", None),
            ("sometimes", None),
        ],
    )
    def test_known_answers(self, value, expected):
        # given / when / then
        assert normalize_period(value) == expected


class TestAnnualise:
    @pytest.mark.parametrize(
        "amount, period, annual",
        [
            (50, "hour", 104000.0),
            (400, "daily", 104000.0),
            (2000, "week", 104000.0),
            (8000, "month", 96000.0),
            (90000, "year", 90000.0),
            (90000, None, 90000.0),
            (1, "fortnight", None),
            (None, "year", None),
        ],
    )
    def test_annualise(self, amount, period, annual):
        # given an amount and period / when / then
        assert annualise(amount, period) == annual
