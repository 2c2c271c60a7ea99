"""After a rejection: an application moved to "rejected" within the last `lookback_days` (its last
change to rejected, else its last change) gets a reframing message and what went well — the furthest
stage it reached (interview, offer), how fast the employer answered (applied -> first response), how
many other applications are still in flight. One per application (`rejection_reframe:<id>`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from api.dates import aware
from api.guidance.conditions import RejectionReframe
from api.guidance.facts import ApplicationFact, Draft, Evidence, UserFacts
from api.guidance.rules._common import plural, within
from api.guidance.rules._links import job_href, open_page
from api.vocabulary import ApplicationStatus

KEY = "rejection_reframe"
VALID_DAYS = 7
RESPONSES = (ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER, ApplicationStatus.REJECTED)
IN_FLIGHT = (ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER)


def evaluate(facts: UserFacts, conditions: RejectionReframe) -> list[Draft]:
    rejected = [
        (at, a)
        for a in facts.applications
        if a.status == ApplicationStatus.REJECTED and within(at := _rejected_at(a), facts.now, conditions.lookback_days)
    ]
    rejected.sort(key=lambda item: (item[0], item[1].id))
    return [_draft(facts, application) for _, application in rejected]


def _rejected_at(application: ApplicationFact) -> datetime:
    changes = [c.changed_at for c in application.history if c.to_status == ApplicationStatus.REJECTED]
    return aware(changes[-1] if changes else application.last_change_at)


def _draft(facts: UserFacts, application: ApplicationFact) -> Draft:
    reached = {c.to_status for c in application.history}
    went_well: list[str] = []
    evidence: list[Evidence] = []
    stage = "offer" if ApplicationStatus.OFFER in reached else "interview" if ApplicationStatus.INTERVIEW in reached else None
    if stage:
        went_well.append(f"You reached the {stage} stage: they saw something in you.")
        evidence.append(Evidence("Furthest stage", stage))
    responses = [aware(c.changed_at) for c in application.history if c.to_status in RESPONSES]
    if application.applied_at is not None and responses:
        days = max(0, (min(responses) - aware(application.applied_at)).days)
        went_well.append(f"Your application got a response in {plural(days, 'day')}.")
        evidence.append(Evidence("First response", f"{plural(days, 'day')} after applying"))
    others = sum(1 for a in facts.applications if a.id != application.id and a.status in IN_FLIGHT)
    if others:
        went_well.append(f"{plural(others, 'other application is', 'other applications are')} still in flight.")
        evidence.append(Evidence("Still in flight", plural(others, "application")))
    if not went_well:
        went_well.append("You put yourself forward, and that is how every offer starts.")
    return Draft(
        rule_key=KEY,
        dedupe_key=f"{KEY}:{application.id}",
        values={"company": application.company, "title": application.title, "went_well": " ".join(went_well)},
        evidence=tuple(evidence),
        actions=(
            open_page("Find similar roles", "/discover"),
            open_page(f"Open {application.title}", job_href(application.job_id)),
        ),
        valid_until=facts.now + timedelta(days=VALID_DAYS),
    )
