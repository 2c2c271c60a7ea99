"""Known-answer tests for the shared wording helpers (api.wording)."""

from __future__ import annotations

from api.wording import clip, plural, times


class TestClip:
    def test_short_text_is_kept(self):
        assert clip("load balancing", 40) == "load balancing"

    def test_a_cut_ends_at_a_word_boundary_with_an_ellipsis(self):
        # given a limit that falls inside "balancing"
        # when
        text = clip("Explain load balancing and caching", 22)
        # then
        assert text == "Explain load…" and len(text) <= 22

    def test_a_cut_at_a_space_keeps_the_whole_word(self):
        assert clip("one two three", 8) == "one two…"

    def test_one_long_word_is_cut_with_an_ellipsis(self):
        assert clip("supercalifragilistic", 6) == "super…"

    def test_trailing_punctuation_before_the_cut_is_dropped(self):
        assert clip("first, second third", 14) == "first, second…"


class TestPlurals:
    def test_one_and_many(self):
        assert (plural(1, "word"), plural(0, "word"), plural(3, "word")) == ("1 word", "0 words", "3 words")

    def test_irregular(self):
        assert plural(2, "number or metric", "numbers or metrics") == "2 numbers or metrics"

    def test_times(self):
        assert (times(1), times(3)) == ("once", "3 times")
