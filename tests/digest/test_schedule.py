"""The digest schedule (pure): wall-clock times in the person's zone, across DST gaps and repeats,
and the cron that runs it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from api.digest.schedule import at_local, next_at, on_vacation, too_late


class TestNextAt:
    def test_later_today_when_the_time_has_not_come(self):
        # given 06:00 in Berlin (05:00 UTC, winter)
        now = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)
        # when
        found = next_at(now, "Europe/Berlin", time(7, 30))
        # then
        assert found == datetime(2026, 12, 1, 6, 30, tzinfo=UTC)

    def test_tomorrow_once_it_has_passed(self):
        # given 07:30 exactly in Berlin
        now = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
        # when
        found = next_at(now, "Europe/Berlin", time(7, 30))
        # then
        assert found == datetime(2026, 12, 2, 6, 30, tzinfo=UTC)

    def test_after_a_local_date_it_is_the_following_day(self):
        # given the digest of 1 December was sent late, at 23:00 on the 1st
        now = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
        # when
        found = next_at(now, "Europe/Berlin", time(7, 30), after=date(2026, 12, 1))
        # then
        assert found == datetime(2026, 12, 2, 6, 30, tzinfo=UTC)

    def test_a_time_missing_on_a_spring_forward_day_resolves_forward(self):
        # given 02:30 does not exist in Los Angeles on 8 March 2026
        # when
        found = at_local(date(2026, 3, 8), time(2, 30), "America/Los_Angeles")
        # then it is 03:30 daylight time
        assert found == datetime(2026, 3, 8, 10, 30, tzinfo=UTC)

    def test_a_time_happening_twice_on_a_fall_back_day_is_the_first(self):
        # given 02:30 happens twice in Berlin on 25 October 2026
        # when
        found = at_local(date(2026, 10, 25), time(2, 30), "Europe/Berlin")
        # then it is the summer-time one (UTC+2)
        assert found == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


class TestPauses:
    def test_vacation_through_its_last_local_date(self):
        # given 23:30 on 1 December in Auckland is already the 2nd there
        now = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
        # when / then
        assert on_vacation(date(2026, 12, 2), now, "Pacific/Auckland")
        assert not on_vacation(date(2026, 12, 1), now, "Pacific/Auckland")
        assert not on_vacation(None, now, "Pacific/Auckland")

    def test_too_late_after_six_hours(self):
        # given
        scheduled = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
        # when / then
        assert not too_late(scheduled, scheduled + timedelta(hours=6))
        assert too_late(scheduled, scheduled + timedelta(hours=6, minutes=1))


class TestWorkerRegistration:
    def test_the_due_digests_are_a_unique_cron_every_five_minutes(self):
        # given
        from worker.main import worker_settings

        # when
        settings = worker_settings()
        # then
        due = next(c for c in settings["cron_jobs"] if c.name == "cron:digests_send_due")
        assert (due.minute, due.unique) == (set(range(0, 60, 5)), True)
