"""Search not working: in the last `window_days`, at least `min_applications` applications entered
"applied" (`applied_at`) and the share of them that got a response (`ApplicationFact.responded`) is at
most `max_response_percent`. Suggests tailoring, other sources and other roles, stating the numbers.
One insight per local ISO week of the run (`search_not_working:<week>`).
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from api.dates import local_date
from api.guidance.conditions import SearchNotWorking
from api.guidance.facts import Draft, Evidence, UserFacts
from api.guidance.rules._common import number, plural, rounded, week, within
from api.guidance.rules._links import open_page
from api.vocabulary import ApplicationStatus

KEY = "search_not_working"
VALID_DAYS = 7


def evaluate(facts: UserFacts, conditions: SearchNotWorking) -> list[Draft]:
    days = conditions.window_days
    sent = [a for a in facts.applications if a.applied_at is not None and within(a.applied_at, facts.now, days)]
    if len(sent) < conditions.min_applications:
        return []
    responses = sum(1 for a in sent if a.responded)
    rate = Fraction(100 * responses, len(sent))
    if rate > Fraction(conditions.max_response_percent):
        return []
    waiting = sum(1 for a in sent if a.status == ApplicationStatus.APPLIED)
    since = local_date(facts.now - timedelta(days=days), facts.timezone)
    return [
        Draft(
            rule_key=KEY,
            dedupe_key=f"{KEY}:{week(facts)}",
            values={"applications": len(sent), "responses": responses, "window_days": days},
            evidence=(
                Evidence("Applications sent", f"{len(sent)} in the last {days} days (since {since.isoformat()})"),
                Evidence("Responses", f"{responses} of {len(sent)} ({rounded(rate)}%)"),
                Evidence("Still waiting", plural(waiting, "application")),
                Evidence(
                    "Threshold",
                    f"at least {plural(conditions.min_applications, 'application')} "
                    f"with a response rate of {number(conditions.max_response_percent)}% or less",
                ),
            ),
            actions=(
                open_page("Tailor your résumé and letters", "/documents"),
                open_page("Try other job sources", "/sources"),
                open_page("Explore adjacent roles", "/discover"),
            ),
            valid_until=facts.now + timedelta(days=VALID_DAYS),
        )
    ]
