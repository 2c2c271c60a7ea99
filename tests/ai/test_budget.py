from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from api.ai.budget import TokenBudget
from api.errors import ErrorCode

NOW = datetime(2025, 3, 10, 21, 30, tzinfo=UTC)


class TestTokenBudget:
    def test_allows_when_under_budget_and_rate(self):
        # given
        budget = TokenBudget(daily_tokens=10_000, requests_per_minute=5)
        # when
        d = budget.check(tokens_used_today=2_500, recent_request_times=[NOW - timedelta(seconds=10)], now=NOW)
        # then
        assert d.allowed and d.code is None
        assert d.remaining_tokens == 7_500

    def test_exhausted_budget_says_when_it_resets(self):
        # given
        budget = TokenBudget(daily_tokens=10_000, requests_per_minute=5)
        # when
        d = budget.check(tokens_used_today=10_000, now=NOW)
        # then
        assert not d.allowed and d.code == ErrorCode.BUDGET_EXHAUSTED
        assert "10,000 of your 10,000" in d.message
        assert "00:00" in d.message and "2 h 30 min" in d.message
        assert d.retry_after_seconds == 2 * 3600 + 30 * 60 + 1

    def test_request_that_would_overrun_the_budget_is_refused(self):
        # given
        budget = TokenBudget(daily_tokens=10_000)
        # when
        d = budget.check(tokens_used_today=9_000, estimated_tokens=2_000, now=NOW)
        # then
        assert d.code == ErrorCode.BUDGET_EXHAUSTED
        assert "about 2,000 tokens but only 1,000" in d.message

    def test_rate_limit_counts_only_the_last_minute(self):
        # given 3 requests in the last minute and 10 older ones, limit 3/min
        budget = TokenBudget(daily_tokens=None, requests_per_minute=3)
        recent = [NOW - timedelta(seconds=s) for s in (50, 20, 5)]
        old = [NOW - timedelta(minutes=5, seconds=i) for i in range(10)]
        # when
        d = budget.check(tokens_used_today=0, recent_request_times=recent + old, now=NOW)
        # then
        assert not d.allowed and d.code == ErrorCode.RATE_LIMITED
        assert d.retry_after_seconds == 10  # the request 50 s ago leaves the window in 10 s
        assert "3 in the last minute" in d.message and "Try again in 10 s" in d.message
        # and with one request fewer it is allowed
        assert budget.check(tokens_used_today=0, recent_request_times=recent[1:] + old, now=NOW).allowed

    def test_unlimited(self):
        # given
        budget = TokenBudget(daily_tokens=0, requests_per_minute=0)
        # when
        d = budget.check(tokens_used_today=10**9, recent_request_times=[NOW] * 1000, now=NOW)
        # then
        assert d.allowed and d.remaining_tokens is None

    def test_day_window_in_a_local_timezone(self):
        # given a budget day that starts at local midnight in UTC+2
        tz = timezone(timedelta(hours=2))
        budget = TokenBudget(tz=tz)
        # when
        start, end = budget.day_window(NOW)  # 21:30 UTC = 23:30 local
        # then
        assert start == datetime(2025, 3, 10, 0, 0, tzinfo=tz)
        assert end - start == timedelta(days=1)

    def test_naive_datetimes_are_treated_as_utc(self):
        # given
        budget = TokenBudget(daily_tokens=100, requests_per_minute=1)
        # when
        d = budget.check(tokens_used_today=0, recent_request_times=[NOW.replace(tzinfo=None) - timedelta(seconds=1)], now=NOW)
        # then
        assert d.code == ErrorCode.RATE_LIMITED
