import pytest

from api.matching.location import location_match, parse_location


class TestParseLocation:
    @pytest.mark.parametrize(
        "text, city, region, country",
        [
            ("Berlin, Germany", "Berlin", "Berlin", "DE"),
            ("Austin, TX", "Austin", "Texas", "US"),
            ("San Jose, CA", "San Jose", "California", "US"),
            ("Toronto, CA", "Toronto", "Ontario", "CA"),
            ("Berlin, DE", "Berlin", "Berlin", "DE"),
            ("Seattle, WA, USA", "Seattle", "Washington", "US"),
            ("Vancouver, BC, Canada", "Vancouver", "British Columbia", "CA"),
            ("New York, NY", "New York", "New York", "US"),
            ("NYC", "New York", "New York", "US"),
            ("München, Deutschland", "Munich", "Bavaria", "DE"),
            ("UK", None, None, "GB"),
            ("Remote - US", None, None, "US"),
        ],
    )
    def test_city_region_country(self, text, city, region, country):
        # given a loosely written location / when
        loc = parse_location(text)
        # then
        assert (loc.city, loc.region, loc.country) == (city, region, country)

    def test_remote_hybrid_and_area(self):
        # given / when
        eu = parse_location("Remote (EU)")
        hybrid = parse_location("Paris, France (Hybrid)")
        # then
        assert eu.remote and eu.area == "eu" and eu.country is None
        assert hybrid.hybrid and hybrid.city == "Paris" and hybrid.country == "FR"
        assert parse_location("").is_empty


class TestLocationMatch:
    @pytest.mark.parametrize(
        "job_loc, mode, prefs, remote_ok, reloc, score, reason",
        [
            ("Berlin, Germany", "onsite", ["Berlin"], False, False, 100, "same city"),
            ("Austin, TX", None, ["Dallas, Texas"], False, False, 75, "same region"),
            ("Munich, Germany", "hybrid", ["Germany"], False, False, 90, "same country"),
            ("Munich, Germany", "hybrid", ["Berlin, Germany"], False, False, 60, "same country"),
            ("Remote (EU)", "remote", ["Berlin"], True, False, 100, "remote"),
            ("Remote", None, [], True, False, 100, "remote"),
            ("Remote", "remote", ["Berlin"], False, False, 70, "remote"),
            ("Remote - US", "remote", ["Berlin"], True, False, 20, "mismatch"),
            ("Paris, France", "onsite", ["Berlin"], True, True, 40, "relocation"),
            ("Paris, France", "onsite", ["Berlin"], True, False, 0, "mismatch"),
            ("", "onsite", ["Berlin"], True, False, 50, "unknown"),
        ],
    )
    def test_known_answers(self, job_loc, mode, prefs, remote_ok, reloc, score, reason):
        # given a job location and a person's preferences / when
        m = location_match(job_loc, mode, prefs, remote_ok, reloc)
        # then
        assert (m.score, m.reason) == (score, reason)
        assert m.detail
