"""Deep links and one-click actions shared by the rules. Ids in hrefs are relay global ids, the
base64 of "<Type>:<database id>" (what the GraphQL API and the web app's routes use)."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date

from api.guidance.facts import Action
from api.vocabulary import InsightActionKind


def global_id(type_name: str, db_id: int) -> str:
    """The relay global id of a row: global_id("Goal", 1) == "R29hbDox"."""
    return base64.b64encode(f"{type_name}:{db_id}".encode()).decode()


def goal_href(goal_id: int) -> str:
    return f"/goals/{global_id('Goal', goal_id)}"


def job_href(job_id: int) -> str:
    return f"/jobs/{global_id('Job', job_id)}"


def open_page(label: str, href: str) -> Action:
    return Action(label=label, kind=InsightActionKind.OPEN, arguments={"href": href})


def create_goal(title: str, why: str, target_date: date | None, steps: Sequence[str]) -> Action:
    return Action(
        label=f"Create the goal “{title}”",
        kind=InsightActionKind.CREATE_GOAL,
        arguments={
            "title": title,
            "why": why,
            "target_date": target_date.isoformat() if target_date else None,
            "steps": list(steps),
        },
    )


def goal_action(label: str, kind: InsightActionKind, goal_id: int) -> Action:
    """ADAPT_GOAL / PAUSE_GOAL on one goal."""
    return Action(label=label, kind=kind, arguments={"goal_id": goal_id})
