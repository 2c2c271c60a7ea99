"""When the companion looks and keeps quiet, in the person's own time zone (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, time

from api.guidance.schedule import in_quiet_hours, local_day_bounds, next_evaluation, quiet_until, valid_timezone
from api.vocabulary import GuidanceLevel


class TestNextEvaluation:
    def test_auckland_and_los_angeles_on_the_same_tick_are_due_at_their_own_local_morning(self):
        # given one UTC instant: Sunday 29 Nov 2026 18:00 UTC (Mon 07:00 in Auckland, Sun 10:00 in Los Angeles)
        tick = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)

        # when
        auckland = next_evaluation(tick, "Pacific/Auckland", 8, GuidanceLevel.NORMAL)
        los_angeles = next_evaluation(tick, "America/Los_Angeles", 8, GuidanceLevel.NORMAL)

        # then Auckland's 08:00 is an hour away (NZDT, UTC+13); Los Angeles' is tomorrow (PST, UTC-8)
        assert auckland == datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
        assert los_angeles == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)

    def test_a_dst_change_keeps_the_local_hour(self):
        # given the evening before Los Angeles springs forward (8 Mar 2027, 02:00 PST -> 03:00 PDT)
        before = datetime(2027, 3, 13, 17, 0, tzinfo=UTC)  # Sat 09:00 PST, after that day's 08:00

        # when
        sunday = next_evaluation(before, "America/Los_Angeles", 8, GuidanceLevel.NORMAL)

        # then Sunday 14 March 08:00 is PDT (UTC-7), an hour earlier in UTC than the day before
        assert sunday == datetime(2027, 3, 14, 15, 0, tzinfo=UTC)

    def test_auckland_leaving_daylight_time_keeps_the_local_hour(self):
        # given Auckland ends daylight time on 4 Apr 2027 (03:00 NZDT -> 02:00 NZST)
        tick = datetime(2027, 4, 3, 20, 0, tzinfo=UTC)  # Sun 4 Apr 08:00 NZST, just after the change

        # when
        due = next_evaluation(tick, "Pacific/Auckland", 8, GuidanceLevel.NORMAL)

        # then Monday 5 April 08:00 NZST is 20:00 UTC on the 4th
        assert due == datetime(2027, 4, 4, 20, 0, tzinfo=UTC)

    def test_a_local_hour_that_does_not_exist_moves_forward(self):
        # given 02:00 does not exist in Los Angeles on 14 Mar 2027
        tick = datetime(2027, 3, 14, 9, 0, tzinfo=UTC)  # 01:00 PST

        # when
        due = next_evaluation(tick, "America/Los_Angeles", 2, GuidanceLevel.NORMAL)

        # then it runs at 03:00 PDT, the first valid moment after
        assert due == datetime(2027, 3, 14, 10, 0, tzinfo=UTC)

    def test_weekly_waits_for_monday(self):
        # given Sunday 29 Nov 2026 in Berlin
        tick = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

        # when
        due = next_evaluation(tick, "Europe/Berlin", 8, GuidanceLevel.WEEKLY)

        # then Monday 30 Nov 08:00 CET
        assert due == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)

    def test_off_never_runs(self):
        assert next_evaluation(datetime(2026, 11, 29, tzinfo=UTC), "UTC", 8, GuidanceLevel.OFF) is None


class TestQuietHours:
    def test_a_window_that_wraps_midnight(self):
        # given quiet hours 22:00-07:00 in Berlin (CET, UTC+1)
        start, end = time(22), time(7)

        # then 23:30 and 06:59 local are quiet, 07:00 and 21:59 are not
        assert in_quiet_hours(datetime(2026, 11, 29, 22, 30, tzinfo=UTC), "Europe/Berlin", start, end)
        assert in_quiet_hours(datetime(2026, 11, 30, 5, 59, tzinfo=UTC), "Europe/Berlin", start, end)
        assert not in_quiet_hours(datetime(2026, 11, 30, 6, 0, tzinfo=UTC), "Europe/Berlin", start, end)
        assert not in_quiet_hours(datetime(2026, 11, 29, 20, 59, tzinfo=UTC), "Europe/Berlin", start, end)

    def test_quiet_until_is_the_local_end(self):
        # given 23:30 in Berlin inside 22:00-07:00
        now = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)

        # then it ends at 07:00 CET the next morning
        assert quiet_until(now, "Europe/Berlin", time(22), time(7)) == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
        assert quiet_until(datetime(2026, 11, 29, 12, tzinfo=UTC), "Europe/Berlin", time(22), time(7)) is None

    def test_no_window_is_never_quiet(self):
        assert not in_quiet_hours(datetime(2026, 11, 29, 23, tzinfo=UTC), "UTC", None, None)


class TestLocalDay:
    def test_bounds_follow_the_zone(self):
        start, end = local_day_bounds(datetime(2026, 11, 29, 18, 0, tzinfo=UTC), "Pacific/Auckland")
        assert (start, end) == (datetime(2026, 11, 29, 11, 0, tzinfo=UTC), datetime(2026, 11, 30, 11, 0, tzinfo=UTC))


class TestValidTimezone:
    def test_iana_names_only(self):
        assert valid_timezone("America/Los_Angeles")
        assert valid_timezone("UTC")
        assert not valid_timezone("Mars/Olympus")
        assert not valid_timezone("PST8PDT ")
        assert not valid_timezone("")
