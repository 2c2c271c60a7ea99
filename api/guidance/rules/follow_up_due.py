"""Follow-up due: an application has been in "applied" with no change for `days` days or more
(whole days between the local dates of the last change and today). Action: the existing follow-up
email draft, prefilled for the application, and the board. One insight per application and last
change: a new status change starts over."""

from __future__ import annotations

from datetime import timedelta

from api.dates import local_date
from api.guidance.conditions import FollowUpDue
from api.guidance.facts import Action, ApplicationFact, Draft, Evidence, UserFacts
from api.guidance.rules._links import open_page
from api.guidance.rules._pace import today
from api.vocabulary import ApplicationStatus, EmailKind, InsightActionKind

KEY = "follow_up_due"
VALID_DAYS = 7


def evaluate(facts: UserFacts, conditions: FollowUpDue) -> list[Draft]:
    local_today = today(facts)
    found: list[tuple[int, int, Draft]] = []
    for application in facts.applications:
        if application.status != ApplicationStatus.APPLIED:
            continue
        changed_on = local_date(application.last_change_at, facts.timezone)
        days = (local_today - changed_on).days
        if days < conditions.days:
            continue
        found.append((-days, application.id, _draft(facts, application, days)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [draft for _, _, draft in found]


def _draft(facts: UserFacts, application: ApplicationFact, days: int) -> Draft:
    changed_on = local_date(application.last_change_at, facts.timezone)
    applied_on = local_date(application.applied_at or application.last_change_at, facts.timezone)
    return Draft(
        rule_key=KEY,
        dedupe_key=f"{KEY}:application:{application.id}:since:{changed_on.isoformat()}",
        values={"company": application.company, "title": application.title, "days": days},
        evidence=(
            Evidence("Applied", applied_on.isoformat()),
            Evidence("Last change", f"{changed_on.isoformat()} ({days} days ago)"),
            Evidence("Status", "applied, no answer yet"),
        ),
        actions=(
            Action(
                label=f"Draft a follow-up email to {application.company}",
                kind=InsightActionKind.DRAFT_EMAIL,
                arguments={"application_id": application.id, "email_kind": EmailKind.FOLLOW_UP.value},
            ),
            open_page("Open the board", "/board"),
        ),
        valid_until=facts.now + timedelta(days=VALID_DAYS),
    )
