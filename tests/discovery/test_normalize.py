from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from api.discovery.normalize import matches_query, normalize_job_type, normalize_remote, parse_datetime, split_location_mode
from api.discovery.postings import NormalizedPosting, SourceQuery


class TestParseDatetime:
    @pytest.mark.parametrize(
        "value, expected",
        [
            ("2026-08-06T12:50:10-04:00", datetime(2026, 8, 6, 12, 50, 10, tzinfo=timezone(timedelta(hours=-4)))),
            ("2021-04-27T20:13:45.158+00:00", datetime(2021, 4, 27, 20, 13, 45, 158000, tzinfo=UTC)),
            ("2024-01-01T00:00:00.0000", datetime(2024, 1, 1, tzinfo=UTC)),  # USAJOBS, naive → UTC
            ("2026-09-20T08:15:00Z", datetime(2026, 9, 20, 8, 15, tzinfo=UTC)),
            ("2011-10-31", datetime(2011, 10, 31, tzinfo=UTC)),
            (1790412915, datetime(2026, 9, 26, 8, 55, 15, tzinfo=UTC)),  # epoch seconds
            (1782214185805, datetime(2026, 6, 23, 11, 29, 45, 805000, tzinfo=UTC)),  # epoch ms
            ("not a date", None),
            (None, None),
        ],
    )
    def test_known_answers(self, value, expected):
        # given / when
        parsed = parse_datetime(value)
        # then
        assert parsed == expected
        assert parsed is None or parsed.tzinfo is not None


class TestSplitLocationMode:
    @pytest.mark.parametrize(
        "raw, expected",
        [
            ("Hybrid - London", ("London", "hybrid")),
            ("Remote", ("", "remote")),
            ("Remote - US", ("US", "remote")),
            ("London (Hybrid)", ("London", "hybrid")),
            ("Berlin, Berlin", ("Berlin, Berlin", None)),
            ("", ("", None)),
        ],
    )
    def test_known_answers(self, raw, expected):
        # given / when / then
        assert split_location_mode(raw) == expected


class TestNormalizers:
    @pytest.mark.parametrize(
        "value, expected",
        [
            ("FullTime", "full_time"),
            ("full_time", "full_time"),
            ("Full-time", "full_time"),
            ("FULL_TIME", "full_time"),
            ("PartTime", "part_time"),
            ("Intern", "internship"),
            ("CONTRACTOR", "contract"),
            ("Short Term", "temporary"),
            ("TEMPORARY", "temporary"),
            ("Permanent", None),
            (["", "Part-Time"], "part_time"),
            (None, None),
        ],
    )
    def test_job_type(self, value, expected):
        # given / when / then
        assert normalize_job_type(value) == expected

    @pytest.mark.parametrize(
        "value, expected",
        [
            ("Remote", "remote"),
            ("Hybrid", "hybrid"),
            ("OnSite", "onsite"),
            ("on-site", "onsite"),
            (True, "remote"),
            (False, "onsite"),
            ("TELECOMMUTE", "remote"),
            (None, None),
            ("Berlin", None),
        ],
    )
    def test_remote(self, value, expected):
        # given / when / then
        assert normalize_remote(value) == expected


def job(**kw) -> NormalizedPosting:
    base = {
        "source": "s",
        "source_id": "1",
        "url": "",
        "company": "KoboToolbox",
        "title": "Frontend Web Application Developer",
        "locations": ["USA", "Canada"],
        "remote": "remote",
        "tags": ["react", "python"],
        "description": "Build forms.",
    }
    base.update(kw)
    return NormalizedPosting(**base)


class TestMatchesQuery:
    def test_keywords_are_any_whole_word_case_and_accent_insensitive(self):
        # given / when / then
        assert matches_query(job(), SourceQuery(keywords=["golang", "React"]))
        assert not matches_query(job(), SourceQuery(keywords=["reac"]))
        assert matches_query(job(title="Mecánico Automotriz"), SourceQuery(keywords=["mecanico"]))
        assert matches_query(job(), SourceQuery(keywords=["build forms"]))

    def test_locations_and_remote(self):
        # given / when / then
        assert matches_query(job(), SourceQuery(locations=["canada"]))
        assert not matches_query(job(), SourceQuery(locations=["Germany"]))
        assert matches_query(job(locations=[]), SourceQuery(locations=["Remote"]))
        assert matches_query(job(locations=["Berlin, Berlin"], remote="onsite"), SourceQuery(locations=["Berlin"]))
        assert not matches_query(job(), SourceQuery(remote=False))
        assert not matches_query(job(remote="hybrid"), SourceQuery(remote=True))
        assert matches_query(job(), SourceQuery())

    @pytest.mark.parametrize(
        "wanted, locations, remote",
        [
            ("United States", ["USA"], "remote"),
            ("U.S.", ["San Francisco, CA"], "onsite"),
            ("Deutschland", ["Berlin, Germany"], "hybrid"),
            ("Great Britain", ["London"], "onsite"),
            ("Texas", ["Austin, TX"], "onsite"),
            ("Portugal", ["Europe"], "remote"),
            ("Germany", ["Worldwide"], "remote"),
            ("Canada", ["Remote (global)"], "remote"),
            ("Germany", [], "remote"),
        ],
    )
    def test_locations_are_compared_as_places(self, wanted, locations, remote):
        # given a posting whose place is written differently from the search's (or is anywhere) / when / then
        assert matches_query(job(locations=locations, remote=remote), SourceQuery(locations=[wanted]))

    @pytest.mark.parametrize(
        "wanted, locations, remote",
        [
            ("Germany", ["USA"], "remote"),
            ("Berlin", ["Munich, Germany"], "onsite"),
            ("California", ["Austin, TX"], "onsite"),
            ("Germany", [], "onsite"),
        ],
    )
    def test_other_places_are_left_out(self, wanted, locations, remote):
        # given / when / then
        assert not matches_query(job(locations=locations, remote=remote), SourceQuery(locations=[wanted]))


class TestPostingLinks:
    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "ftp://example.com/job",
            "//example.com/job",
            "/jobs/1",
            "https://exa\nmple.com/job",
            "http://[::1",
        ],
    )
    def test_anything_but_an_http_address_is_dropped(self, url):
        # when
        posting = NormalizedPosting(source="s", source_id="1", url=url, company="Acme", title="Engineer")
        # then
        assert posting.url == ""

    @pytest.mark.parametrize("url", ["https://example.com/jobs/1?a=b", "HTTP://Example.com/job"])
    def test_http_addresses_are_kept(self, url):
        # when
        posting = NormalizedPosting(source="s", source_id="1", url=url, company="Acme", title="Engineer")
        # then
        assert posting.url == url
