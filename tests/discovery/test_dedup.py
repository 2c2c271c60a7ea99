from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api.discovery.dedup import (
    Decision,
    Deduplicator,
    ExistingRecord,
    Outcome,
    canonical_url,
    closed_postings,
    decide,
    fuzzy_key,
    posting_fuzzy_key,
)
from api.discovery.postings import NormalizedPosting

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def posting(**overrides) -> NormalizedPosting:
    base = {
        "source": "greenhouse",
        "source_id": "6136160004",
        "url": "https://job-boards.greenhouse.io/vercel/jobs/6136160004?gh_src=li",
        "company": "Vercel",
        "title": "Account Executive, Commercial",
        "locations": ["London"],
        "remote": "hybrid",
    }
    base.update(overrides)
    return NormalizedPosting(**base)


def record(
    id="rec-1",
    source="greenhouse",
    source_id="6136160004",
    url="https://job-boards.greenhouse.io/vercel/jobs/6136160004",
    key=None,
    last_seen_days_ago=1,
    closed=False,
) -> ExistingRecord:
    return ExistingRecord(
        id=id,
        source=source,
        source_id=source_id,
        canonical_url=url,
        fuzzy_key=key if key is not None else fuzzy_key("Vercel", "Account Executive, Commercial", "London"),
        first_seen=NOW - timedelta(days=90),
        last_seen=NOW - timedelta(days=last_seen_days_ago),
        closed=closed,
    )


class TestCanonicalUrl:
    @pytest.mark.parametrize(
        "raw, expected",
        [
            (
                "HTTPS://Job-Boards.Greenhouse.IO/vercel/jobs/6136160004/?gh_src=abc#app",
                "https://job-boards.greenhouse.io/vercel/jobs/6136160004",
            ),
            (
                "https://jobs.lever.co/spotify/2193db3f/?lever-source=LinkedIn&lever-origin=applied&lever-source[]=x",
                "https://jobs.lever.co/spotify/2193db3f",
            ),
            (
                "https://example.com/jobs?utm_source=x&utm_medium=y&id=7&b=2&a=1&fbclid=z",
                "https://example.com/jobs?a=1&b=2&id=7",
            ),
            ("http://example.com:80//careers//job/", "http://example.com/careers/job"),
            ("https://example.com:8443/job", "https://example.com:8443/job"),
            (
                "https://boards.greenhouse.io/embed/job_app?for=acme&token=123&gh_jid=123",
                "https://boards.greenhouse.io/embed/job_app?for=acme&gh_jid=123&token=123",
            ),
            ("https://example.com/", "https://example.com"),
        ],
    )
    def test_known_answers(self, raw, expected):
        # given / when / then
        assert canonical_url(raw) == expected


class TestFuzzyKey:
    def test_case_punctuation_seniority_and_company_suffixes(self):
        # given
        variants = [
            ("Acme, Inc.", "Sr. Backend Engineer", "Berlin, Germany"),
            ("ACME GmbH", "Senior Backend-Engineer (m/w/d)", "berlin germany"),
            ("acme ltd", "SR Backend Engineer (f/m/x)", "Berlin  Germany"),
        ]
        # when
        keys = {fuzzy_key(*v) for v in variants}
        # then
        assert keys == {"acme|senior backend engineer|berlin germany"}

    def test_differences_that_matter_are_kept(self):
        # given / when / then
        assert fuzzy_key("Acme", "Jr. Developer", "Paris") == "acme|junior developer|paris"
        assert fuzzy_key("Acme", "Senior Engineer", "Paris") != fuzzy_key("Acme", "Staff Engineer", "Paris")
        assert fuzzy_key("Société Générale", "Ingénieur", "Genève") == "societe generale|ingenieur|geneve"
        assert fuzzy_key("Inc", "X", "") == "inc|x|"  # a lone suffix word is the name itself

    def test_posting_key_uses_first_location_or_remote(self):
        # given
        remote = posting(locations=[], remote="remote")
        # when / then
        assert posting_fuzzy_key(posting()) == "vercel|account executive commercial|london"
        assert posting_fuzzy_key(remote) == "vercel|account executive commercial|remote"


class TestDecide:
    def test_new_when_nothing_matches(self):
        # given
        other = record(source_id="1", url="https://x.example/1", key="acme|engineer|paris")
        # when
        decision = decide(posting(), [other], now=NOW)
        # then
        assert decision == Decision(Outcome.NEW, None, None, "no match")

    def test_same_by_source_and_id_even_if_closed_long_ago(self):
        # given
        rec = record(url="https://elsewhere.example/a", key="z|z|z", last_seen_days_ago=200, closed=True)
        # when
        decision = decide(posting(), [rec], now=NOW)
        # then
        assert (decision.outcome, decision.rule, decision.match_id) == (Outcome.SAME, "source_id", "rec-1")

    def test_same_by_canonical_url_across_sources(self):
        # given: an aggregator copy linking to the same Greenhouse page with tracking params
        rec = record(id="rec-9", source="remotive", source_id="555", key="z|z|z")
        incoming = posting(source="greenhouse", source_id="other-id")
        # when
        decision = decide(incoming, [rec], now=NOW)
        # then
        assert (decision.outcome, decision.rule, decision.match_id) == (Outcome.SAME, "canonical_url", "rec-9")

    def test_same_by_fuzzy_key_within_30_days(self):
        # given
        rec = record(id="rec-2", source="lever", source_id="abc", url="https://jobs.lever.co/vercel/abc", last_seen_days_ago=30)
        incoming = posting(company="Vercel Inc.", title="Account Executive - Commercial", source_id="new")
        # when
        decision = decide(incoming, [rec], now=NOW)
        # then
        assert (decision.outcome, decision.rule, decision.match_id) == (Outcome.SAME, "fuzzy_key", "rec-2")

    def test_repost_when_previous_closed(self):
        # given
        rec = record(
            id="rec-3",
            source_id="old",
            url="https://job-boards.greenhouse.io/vercel/jobs/old",
            closed=True,
            last_seen_days_ago=3,
        )
        # when
        decision = decide(posting(), [rec], now=NOW)
        # then
        assert (decision.outcome, decision.rule, decision.match_id) == (Outcome.REPOST, "fuzzy_key", "rec-3")
        assert decision.reason == "previous posting closed"

    def test_repost_with_new_source_id_after_a_gap(self):
        # given: same source, identical posting, new id, previous one last seen 31 days ago
        rec = record(
            id="rec-4",
            source_id="5999000000",
            url="https://job-boards.greenhouse.io/vercel/jobs/5999000000",
            last_seen_days_ago=31,
        )
        # when
        decision = decide(posting(), [rec], now=NOW)
        # then
        assert (decision.outcome, decision.rule) == (Outcome.REPOST, "fuzzy_key")
        assert decision.reason == "previous posting last seen 31 days ago"

    def test_strongest_rule_wins_and_open_recent_fuzzy_match_preferred(self):
        # given
        by_key_old = record(id="old", source_id="o", url="https://x.example/o", last_seen_days_ago=60)
        by_key_recent = record(id="recent", source_id="r", url="https://x.example/r", last_seen_days_ago=2)
        by_id = record(id="exact", url="https://x.example/e", key="z|z|z")
        # when
        with_id = decide(posting(), [by_key_old, by_key_recent, by_id], now=NOW)
        without_id = decide(posting(), [by_key_old, by_key_recent], now=NOW)
        # then
        assert (with_id.rule, with_id.match_id) == ("source_id", "exact")
        assert (without_id.outcome, without_id.match_id) == (Outcome.SAME, "recent")


class TestDeduplicator:
    def test_batch_catches_duplicates_and_refreshes_last_seen(self):
        # given
        dedup = Deduplicator([record(last_seen_days_ago=10)])
        # when
        first = dedup.process(posting(), now=NOW)
        second = dedup.process(posting(source="remotive", source_id="9", url="https://remotive.com/j/9"), now=NOW)
        third = dedup.process(posting(source="remotive", source_id="9", url="https://remotive.com/j/9"), now=NOW)
        fresh = dedup.process(posting(source_id="2", url="https://x.example/2", title="Solutions Engineer"), now=NOW)
        again = dedup.process(posting(source_id="2", url="https://x.example/2", title="Solutions Engineer"), now=NOW)
        # then
        assert [d.outcome for d in (first, second, third, fresh, again)] == [
            Outcome.SAME,
            Outcome.SAME,
            Outcome.SAME,
            Outcome.NEW,
            Outcome.SAME,
        ]
        assert (second.rule, third.rule, again.rule) == ("fuzzy_key", "source_id", "source_id")
        refreshed = next(r for r in dedup.records() if r.id == "rec-1")
        assert refreshed.last_seen == NOW

    def test_repost_becomes_a_new_record(self):
        # given
        dedup = Deduplicator([record(source_id="old", url="https://x.example/old", closed=True)])
        # when
        repost = dedup.process(posting(), now=NOW)
        seen_again = dedup.process(posting(), now=NOW + timedelta(days=1))
        # then
        assert repost.outcome is Outcome.REPOST
        assert (seen_again.outcome, seen_again.rule, seen_again.match_id) == (Outcome.SAME, "source_id", "new-1")


class TestClosedPostings:
    def test_ids_that_vanished(self):
        # given
        previous = ["6136160004", "5999792004", "1"]
        current = ["5999792004", "2"]
        # when
        closed = closed_postings(previous, current)
        # then
        assert closed == {"6136160004", "1"}
        assert closed_postings([], ["x"]) == set()
