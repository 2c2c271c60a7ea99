from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api.discovery.freshness import CompanyHistory, Staleness, staleness

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def judge(
    posted_days: int = 5,
    expires_at: datetime | None = None,
    reposts: int = 0,
    closed_at: datetime | None = None,
    history: CompanyHistory | None = None,
    first_posted_at: datetime | None = None,
) -> Staleness:
    return staleness(
        days_ago(posted_days),
        days_ago(posted_days),
        expires_at,
        reposts,
        closed_at,
        history,
        NOW,
        first_posted_at=first_posted_at,
    )


class TestStaleness:
    def test_a_recent_posting_with_no_signal_is_not_flagged(self):
        # given / when
        result = judge(posted_days=5, expires_at=NOW + timedelta(days=20), history=CompanyHistory("Acme", 1, 0))
        # then
        assert result == Staleness(possibly_stale=False, evidence=[])

    def test_the_sources_own_expiry_passing_is_enough_on_its_own(self):
        # given / when
        result = judge(posted_days=10, expires_at=datetime(2026, 11, 3, 23, 59, tzinfo=UTC))
        # then
        assert result.possibly_stale
        assert result.evidence == ["The board's own expiry date passed on 3 Nov"]

    def test_an_expiry_still_ahead_is_no_signal(self):
        # given / when
        result = judge(posted_days=10, expires_at=NOW + timedelta(hours=1))
        # then
        assert not result.possibly_stale

    def test_two_reposts_are_enough_on_their_own_and_say_since_when(self):
        # given / when
        result = judge(posted_days=3, reposts=3, first_posted_at=datetime(2026, 8, 14, tzinfo=UTC))
        # then
        assert result.possibly_stale
        assert result.evidence == ["Re-posted 3 times since Aug"]

    def test_a_single_repost_is_not_a_signal(self):
        # given / when
        result = judge(posted_days=3, reposts=1)
        # then
        assert not result.possibly_stale

    def test_a_long_listing_alone_is_not_enough(self):
        # given / when
        result = judge(posted_days=74)
        # then
        assert result == Staleness(possibly_stale=False, evidence=[])

    def test_a_long_listing_and_silent_applications_together_flag_it(self):
        # given / when
        result = judge(posted_days=74, history=CompanyHistory("Acme", applications=3, responses=0))
        # then
        assert result.possibly_stale
        assert result.evidence == ["Listed for 74 days", "Your 3 applications to Acme this year got no response"]

    def test_silent_applications_alone_are_not_enough(self):
        # given / when
        result = judge(posted_days=5, history=CompanyHistory("Acme", applications=4, responses=0))
        # then
        assert not result.possibly_stale

    def test_a_single_response_means_the_company_is_not_silent(self):
        # given / when
        result = judge(posted_days=74, history=CompanyHistory("Acme", applications=5, responses=1))
        # then
        assert not result.possibly_stale

    def test_a_closed_posting_is_not_counted_as_still_listed(self):
        # given / when
        result = judge(posted_days=90, closed_at=days_ago(1), history=CompanyHistory("Acme", applications=3, responses=0))
        # then
        assert not result.possibly_stale

    def test_the_first_sighting_counts_when_it_is_earlier_than_the_posted_date(self):
        # given a board that re-dates its postings; we first saw it 61 days ago
        result = staleness(days_ago(2), days_ago(61), None, 0, None, CompanyHistory("Acme", 3, 0), NOW)
        # then
        assert result.evidence == ["Listed for 61 days", "Your 3 applications to Acme this year got no response"]

    def test_a_strong_signal_lists_every_signal_that_holds(self):
        # given / when
        result = judge(posted_days=80, reposts=2, expires_at=days_ago(1), first_posted_at=datetime(2026, 9, 1, tzinfo=UTC))
        # then
        assert result.evidence == [
            "The board's own expiry date passed on 28 Nov",
            "Re-posted 2 times since Sep",
            "Listed for 80 days",
        ]
