"""Per-user AI budget policy (pure: no DB, no clock unless you pass one).

The integrator stores usage rows (tokens, timestamp) and calls
`TokenBudget.check(tokens_used_today=..., recent_request_times=..., now=...)`
before each model call. `day_window(now)` gives the [start, end) of "today"
for the SQL query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from api.dates import aware
from api.errors import ErrorCode


@dataclass(frozen=True)
class BudgetDecision:
    allowed: bool
    code: ErrorCode | None  # None | BUDGET_EXHAUSTED | RATE_LIMITED
    message: str
    remaining_tokens: int | None  # None = unlimited
    retry_after_seconds: int | None = None


def _human_duration(seconds: float) -> str:
    seconds = max(1, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


@dataclass(frozen=True)
class TokenBudget:
    """daily_tokens / requests_per_minute of 0 or None mean "unlimited"."""

    daily_tokens: int | None = 200_000
    requests_per_minute: int | None = 10
    tz: tzinfo = UTC  # when "today" starts

    def day_window(self, now: datetime) -> tuple[datetime, datetime]:
        local = aware(now).astimezone(self.tz)
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + timedelta(days=1)

    def check(
        self,
        *,
        tokens_used_today: int,
        recent_request_times: Iterable[datetime] = (),
        now: datetime | None = None,
        estimated_tokens: int = 0,
    ) -> BudgetDecision:
        """Decide whether one more request (of about `estimated_tokens`) may run now."""
        now = aware(now or datetime.now(UTC))
        used = max(0, int(tokens_used_today))
        remaining: int | None = None
        if self.daily_tokens:
            remaining = max(0, self.daily_tokens - used)
            if used >= self.daily_tokens or (estimated_tokens and used + estimated_tokens > self.daily_tokens):
                _, reset = self.day_window(now)
                wait = (reset - now.astimezone(self.tz)).total_seconds()
                what = (
                    f"You have used {used:,} of your {self.daily_tokens:,} AI tokens for today"
                    if used >= self.daily_tokens
                    else f"This request needs about {estimated_tokens:,} tokens but only {remaining:,} of your {self.daily_tokens:,} daily AI tokens are left"
                )
                return BudgetDecision(
                    False,
                    ErrorCode.BUDGET_EXHAUSTED,
                    f"{what}. The budget resets at {reset.strftime('%H:%M')} {reset.tzname() or ''} (in {_human_duration(wait)}).".replace(
                        " )", ")"
                    ).replace("  ", " "),
                    remaining,
                    int(wait) + 1,
                )
        if self.requests_per_minute:
            window_start = now - timedelta(minutes=1)
            recent = sorted(t for t in (aware(x) for x in recent_request_times) if window_start < t <= now)
            if len(recent) >= self.requests_per_minute:
                # the oldest request that must expire before one more fits
                oldest = recent[len(recent) - self.requests_per_minute]
                wait = (oldest + timedelta(minutes=1) - now).total_seconds()
                return BudgetDecision(
                    False,
                    ErrorCode.RATE_LIMITED,
                    f"Too many AI requests: {len(recent)} in the last minute (limit {self.requests_per_minute} per minute). "
                    f"Try again in {_human_duration(wait)}.",
                    remaining,
                    max(1, int(wait + 0.999)),
                )
        msg = "OK" if remaining is None else f"OK: {remaining:,} AI tokens left today."
        return BudgetDecision(True, None, msg, remaining)
