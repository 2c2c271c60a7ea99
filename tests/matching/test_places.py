"""The place normaliser shared by the job-board location filter and the score's location part:
country names, ISO codes and common aliases, US states and Canadian provinces under their country,
region groups, and "Worldwide" / "Anywhere" / "Remote (global)" as every place."""

from __future__ import annotations

import pytest

from api.matching.location import location_match
from api.matching.places import countries_of, parse_location, place_matches


class TestCountryAliases:
    @pytest.mark.parametrize(
        "text, country",
        [
            ("United States", "US"),
            ("USA", "US"),
            ("US", "US"),
            ("U.S.", "US"),
            ("U.S.A.", "US"),
            ("the US", "US"),
            ("United States of America", "US"),
            ("UK", "GB"),
            ("U.K.", "GB"),
            ("United Kingdom", "GB"),
            ("Great Britain", "GB"),
            ("England", "GB"),
            ("Deutschland", "DE"),
            ("Germany", "DE"),
            ("DEU", "DE"),
            ("Nederland", "NL"),
            ("Holland", "NL"),
            ("España", "ES"),
            ("Brasil", "BR"),
        ],
    )
    def test_each_alias_names_its_country(self, text, country):
        # given a country as people write it / when
        loc = parse_location(text)
        # then
        assert (loc.country, loc.city, loc.anywhere) == (country, None, False)

    @pytest.mark.parametrize(
        "text, region, country",
        [
            ("Texas", "Texas", "US"),
            ("Austin, TX", "Texas", "US"),
            ("California", "California", "US"),
            ("Ontario", "Ontario", "CA"),
            ("Toronto, ON", "Ontario", "CA"),
            ("British Columbia", "British Columbia", "CA"),
        ],
    )
    def test_states_and_provinces_sit_in_their_country(self, text, region, country):
        # given / when
        loc = parse_location(text)
        # then
        assert (loc.region, loc.country) == (region, country)


class TestAnywhere:
    @pytest.mark.parametrize(
        "text", ["Worldwide", "Anywhere", "Remote (global)", "Global", "Remote - Worldwide", "International"]
    )
    def test_every_place(self, text):
        # given / when
        loc = parse_location(text)
        # then
        assert loc.anywhere and loc.is_empty and loc.city is None

    def test_anywhere_in_a_country_is_that_country(self):
        # given / when
        loc = parse_location("Anywhere in USA")
        # then
        assert (loc.anywhere, loc.country) == (False, "US")


class TestPlaceMatches:
    @pytest.mark.parametrize(
        "wanted, offered",
        [
            ("United States", "USA"),
            ("USA", "United States"),
            ("U.S.", "Austin, TX"),
            ("USA", "San Francisco, CA"),
            ("Texas", "Austin"),
            ("Germany", "Berlin"),
            ("Deutschland", "Munich, Germany"),
            ("UK", "London"),
            ("Great Britain", "Manchester, England"),
            ("Ontario", "Toronto, ON"),
            ("EU", "Lisbon, Portugal"),
            ("Portugal", "Remote - Europe"),
            ("Germany", "Worldwide"),
            ("Canada", "Remote (global)"),
            ("Anywhere", "Berlin"),
            ("Berlin", "Berlin, Berlin"),
            ("Leipzig", "Leipzig, Germany"),
            ("Springfield", "Springfield, Illinois"),
        ],
    )
    def test_the_same_place_written_differently(self, wanted, offered):
        # given two texts for places that can be the same / when / then
        assert place_matches(wanted, offered)

    @pytest.mark.parametrize(
        "wanted, offered",
        [
            ("Germany", "USA"),
            ("Berlin", "Munich"),
            ("California", "Texas"),
            ("Canada", "USA"),
            ("Germany", "Anywhere in USA"),
            ("Paris", "Paris, Texas"),
            ("Remote", "Berlin"),
            ("Germany", ""),
        ],
    )
    def test_different_places(self, wanted, offered):
        # given / when / then
        assert not place_matches(wanted, offered)

    def test_a_region_group_covers_its_members(self):
        # given / when / then
        assert "PT" in countries_of(parse_location("Europe"))
        assert countries_of(parse_location("Worldwide")) == frozenset()


class TestScoreLocationWithAliases:
    def test_a_remote_job_in_the_usa_suits_a_person_who_wrote_united_states(self):
        # given / when
        m = location_match("Remote - USA", "remote", ["United States"], True, False)
        # then
        assert (m.score, m.reason) == (100, "remote")

    def test_a_job_in_a_us_state_suits_a_person_who_wants_the_usa(self):
        # given / when
        m = location_match("Austin, TX", "onsite", ["U.S."], False, False)
        # then
        assert (m.score, m.reason) == (90, "same country")

    def test_a_person_open_to_anywhere_suits_an_onsite_job(self):
        # given a person whose preferred place is "Worldwide" / when
        m = location_match("Berlin, Germany", "onsite", ["Worldwide"], False, False)
        # then
        assert (m.score, m.reason) == (90, "anywhere")
        assert "anywhere" in m.detail
