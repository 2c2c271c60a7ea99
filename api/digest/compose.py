"""Composing the morning briefing and the evening summary from a person's facts. Pure.

Morning: new strong matches (up to 5, best first), today's follow-ups, today's interviews (local
time), today's goal focus, the top open insight, one market note with its numbers.
Evening: what they did today, the streak, what changed in the pipeline, a plan for tomorrow.

Each section is `(key, title, items)`; an item is `(text, detail, href)` with an in-app path.
Nothing worth saying gives None (no digest) unless `send_when_quiet`: the focus, the market note
and the plan's goal and insight are context, not news — a digest needs a section that is news
(matches, follow-ups, interviews, an insight in the morning; something done, a streak, a pipeline
change, an interview or follow-up tomorrow in the evening)."""

from __future__ import annotations

import base64
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from api.digest.facts import Composed, DigestFacts, GoalFact, Item, Section
from api.goal.streaks import streak
from api.guidance.facts import SkillDemand
from api.guidance.rules._common import mentions, plural
from api.vocabulary import DigestKind

MAX_MATCHES = 5
MIN_POSTINGS = 5  # a market note needs at least this many postings naming the skill in the window
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TITLES = {DigestKind.MORNING: "Your morning briefing", DigestKind.EVENING: "Your evening summary"}


def global_id(type_name: str, db_id: int) -> str:
    """The relay global id the web app's routes use: global_id("Job", 1) == "Sm9iOjE="."""
    return base64.b64encode(f"{type_name}:{db_id}".encode()).decode()


def job_href(job_id: int) -> str:
    return f"/jobs/{global_id('Job', job_id)}"


def goal_href(goal_id: int) -> str:
    return f"/goals/{global_id('Goal', goal_id)}"


def day_label(day: date) -> str:
    """ "Tue 1 Dec"."""
    return f"{day:%a} {day.day} {day:%b}"


def _words(value: str) -> str:
    return value.replace("_", " ")


def _local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def _on(moment: datetime, facts: DigestFacts, day: date) -> bool:
    return _local(moment, facts.timezone).date() == day


def compose(facts: DigestFacts, kind: DigestKind | str, *, send_when_quiet: bool = False) -> Composed | None:
    kind = DigestKind(kind)
    sections = _morning(facts) if kind is DigestKind.MORNING else _evening(facts)
    if not any(s.news for s in sections) and not send_when_quiet:
        return None
    subject = f"{TITLES[kind]} — {day_label(facts.local_date)}"
    summary = _morning_summary(sections) if kind is DigestKind.MORNING else _evening_summary(facts, sections)
    if summary:
        subject += f": {summary}"
    elif not sections:
        subject += ": nothing new today"
    return Composed(kind, facts.local_date, subject, tuple(sections), render(subject, sections))


def render(subject: str, sections: Sequence[Section]) -> str:
    """The plain-text rendering: the subject, then each section's title and items."""
    lines = [subject]
    for section in sections:
        lines += ["", section.title]
        for item in section.items:
            lines.append(f"- {item.text}")
            if item.detail:
                lines.append(f"  {item.detail}")
    if not sections:
        lines += ["", "Nothing new today. Enjoy your day."]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- morning


def _morning(facts: DigestFacts) -> list[Section]:
    found = [
        _matches(facts),
        _follow_ups(facts, facts.local_date, "follow_ups", "Follow-ups due today"),
        _interviews(facts, facts.local_date, "interviews", "Today's interviews"),
        _focus(facts),
        _insight(facts),
        _market(facts),
    ]
    return [s for s in found if s is not None]


def _matches(facts: DigestFacts) -> Section | None:
    best = sorted(facts.matches, key=lambda m: (-m.score, -m.at.timestamp(), m.job_id))[:MAX_MATCHES]
    if not best:
        return None
    items = tuple(
        Item(
            f"{m.title} at {m.company} — {m.score}/100" if m.company else f"{m.title} — {m.score}/100",
            m.reason or None,
            job_href(m.job_id),
        )
        for m in best
    )
    return Section("matches", "New strong matches", items)


def _follow_ups(facts: DigestFacts, day: date, key: str, title: str) -> Section | None:
    due = sorted((f for f in facts.follow_ups if f.follow_up_on <= day), key=lambda f: (f.follow_up_on, f.application_id))
    if not due:
        return None
    items = []
    for f in due:
        late = (day - f.follow_up_on).days
        detail = f"{f.title}; due {day_label(f.follow_up_on)}" + (f", {plural(late, 'day')} ago" if late > 0 else "")
        items.append(Item(f"Follow up with {f.company or f.title}", detail, job_href(f.job_id)))
    return Section(key, title, tuple(items))


def _interviews(facts: DigestFacts, day: date, key: str, title: str) -> Section | None:
    found = sorted((i for i in facts.interviews if _on(i.starts_at, facts, day)), key=lambda i: (i.starts_at, i.id))
    if not found:
        return None
    items = []
    for i in found:
        at = _local(i.starts_at, facts.timezone)
        where = i.location or i.link
        detail = f"{i.title}" + (f" · {where}" if where else "")
        items.append(
            Item(f"{at:%H:%M} {_words(i.kind).capitalize()} interview with {i.company or i.title}", detail, job_href(i.job_id))
        )
    return Section(key, title, tuple(items))


def _usual_weekdays(facts: DigestFacts) -> tuple[str, ...]:
    rhythm = (facts.patterns or {}).get("rhythm") if isinstance(facts.patterns, dict) else None
    if not isinstance(rhythm, dict):
        return ()
    return tuple(str(d) for d in rhythm.get("weekdays") or () if isinstance(d, str))


def focus_goal(facts: DigestFacts, day: date) -> tuple[GoalFact, str] | None:
    """The goal to work on that day, with why: the active goal they most often log on that weekday
    when it is one of their usual days (their learning patterns), else the active goal closest to
    its target date (then the least advanced)."""
    if not facts.goals:
        return None
    weekday = WEEKDAYS[day.weekday()]
    active = {g.id: g for g in facts.goals}
    if weekday in _usual_weekdays(facts):
        counts = Counter(
            e.goal_id
            for e in facts.entries
            if e.goal_id in active and _local(e.logged_at, facts.timezone).weekday() == day.weekday()
        )
        if counts:
            goal_id, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
            goal = active[goal_id]
            why = f"On {weekday.capitalize()}s you usually work on {goal.title} ({plural(count, 'session')} on {weekday.capitalize()}s lately)"
            return goal, why
    dated = sorted(facts.goals, key=lambda g: (g.target_date is None, g.target_date or date.max, g.progress, g.id))
    goal = dated[0]
    if goal.target_date is not None:
        left = (goal.target_date - day).days
        when = f"due {day_label(goal.target_date)}" + (
            f", {plural(left, 'day')} left" if left >= 0 else f", {plural(-left, 'day')} overdue"
        )
        return goal, f"Closest to its target date: {when}; {goal.progress}% done"
    return goal, f"Your active goal; {goal.progress}% done"


def _focus(facts: DigestFacts) -> Section | None:
    found = focus_goal(facts, facts.local_date)
    if found is None:
        return None
    goal, why = found
    return Section("focus", "Today's focus", (Item(goal.title, why, goal_href(goal.id)),), news=False)


def _insight(facts: DigestFacts) -> Section | None:
    insight = facts.insight
    if insight is None:
        return None
    return Section("insight", "From your companion", (Item(insight.title, insight.message, insight.action_href or "/insights"),))


def _rise(demand: SkillDemand) -> float:
    return (demand.current - demand.previous) / demand.previous * 100


def top_rising(facts: DigestFacts) -> tuple[SkillDemand, str] | None:
    """The skill of the person's active goals or profile whose postings rose the most (count of
    postings in the window against the one before), with where it comes from; None when none rose."""
    market = facts.market
    if market is None or not market.skills:
        return None
    names = [d.skill for d in market.skills.values()]
    sources: dict[str, str] = {}
    for goal in facts.goals:
        for name in mentions(f"{goal.title}\n{goal.why}", names):
            sources.setdefault(name.lower(), f"Part of your goal “{goal.title}”")
    for skill in facts.skills:
        if market.demand(skill) is not None:
            sources.setdefault(skill.lower(), "On your profile")
    rising = [
        (demand, source)
        for key, source in sources.items()
        if (demand := market.demand(key)) is not None
        and demand.previous > 0
        and demand.current >= MIN_POSTINGS
        and demand.current > demand.previous
    ]
    if not rising:
        return None
    return max(rising, key=lambda item: (_rise(item[0]), item[0].current, item[0].skill.lower()))


def _market(facts: DigestFacts) -> Section | None:
    found = top_rising(facts)
    if found is None:
        return None
    demand, source = found
    assert facts.market is not None
    text = (
        f"{demand.skill}: {demand.current} of {demand.current_total} postings in the last {facts.market.window_days} days "
        f"vs {demand.previous} of {demand.previous_total} before; +{round(_rise(demand))}%"
    )
    return Section("market", "Market note", (Item(text, source, "/market"),), news=False)


def _morning_summary(sections: Sequence[Section]) -> str:
    by_key = {s.key: s for s in sections}
    parts = []
    if "matches" in by_key:
        parts.append(plural(len(by_key["matches"].items), "strong match", "strong matches"))
    if "interviews" in by_key:
        parts.append(plural(len(by_key["interviews"].items), "interview"))
    if "follow_ups" in by_key:
        parts.append(plural(len(by_key["follow_ups"].items), "follow-up"))
    if not parts and "insight" in by_key:
        parts.append("a note from your companion")
    if not parts and "focus" in by_key:
        parts.append(f"focus on {by_key['focus'].items[0].text}")
    return ", ".join(parts)


# --------------------------------------------------------------------------- evening


def _evening(facts: DigestFacts) -> list[Section]:
    tomorrow = facts.local_date + timedelta(days=1)
    found = [_done(facts), _streak(facts), _pipeline(facts), _plan(facts, tomorrow)]
    return [s for s in found if s is not None]


def _today(facts: DigestFacts, moment: datetime) -> bool:
    return _on(moment, facts, facts.local_date)


def _done(facts: DigestFacts) -> Section | None:
    applications = sorted((a for a in facts.applications if _today(facts, a.created_at)), key=lambda a: (a.created_at, a.id))
    entries = [e for e in facts.entries if _today(facts, e.logged_at)]
    documents = sorted((d for d in facts.documents if _today(facts, d.created_at)), key=lambda d: (d.created_at, d.id))
    practice = sorted((p for p in facts.practice if _today(facts, p.started_at)), key=lambda p: (p.started_at, p.id))
    if not (applications or entries or documents or practice):
        return None
    points = sum(e.amount for e in entries)
    tally = []
    if applications:
        tally.append(plural(len(applications), "application"))
    if entries:
        tally.append(plural(len(entries), "progress entry", "progress entries") + f" (+{points} points)")
    if documents:
        tally.append(plural(len(documents), "document"))
    if practice:
        tally.append(plural(len(practice), "mock interview"))
    items = [Item(", ".join(tally))]
    for a in applications:
        items.append(
            Item(
                f"Added {a.title} at {a.company} to your board" if a.company else f"Added {a.title}",
                _words(a.status),
                job_href(a.job_id),
            )
        )
    titles = {g.id: g.title for g in facts.goals}
    by_goal: dict[int, list[int]] = defaultdict(list)
    for e in entries:
        by_goal[e.goal_id].append(e.amount)
    for goal_id, amounts in sorted(by_goal.items()):
        name = titles.get(goal_id, "a goal")
        items.append(Item(f"{name}: +{sum(amounts)} points", plural(len(amounts), "session"), goal_href(goal_id)))
    for d in documents:
        items.append(Item(f"Generated {_words(d.kind)}: {d.title}", None, f"/documents/{global_id('Document', d.id)}"))
    for p in practice:
        score = f"scored {p.score:g}/10" if p.score is not None else "in progress"
        items.append(Item(f"Practised a {_words(p.kind)} mock interview", score, "/interview"))
    return Section("today", "What you did today", tuple(items))


def _streak(facts: DigestFacts) -> Section | None:
    found = streak(facts.active_days, facts.local_date)
    if found.current == 0:
        return None
    detail: str | None
    if found.last_active_on == facts.local_date:
        text = f"{plural(found.current, 'day')} in a row" + (
            " — a new best" if found.current == found.longest and found.current > 1 else ""
        )
        detail = f"Longest streak: {plural(found.longest, 'day')}"
    else:
        text = f"Log progress today to keep your {found.current}-day streak"
        detail = f"Last logged {day_label(found.last_active_on)}" if found.last_active_on else None
    return Section("streak", "Your streak", (Item(text, detail, "/goals"),))


def _pipeline(facts: DigestFacts) -> Section | None:
    changes = sorted(
        (c for c in facts.changes if _today(facts, c.changed_at) and c.from_status),
        key=lambda c: (c.changed_at, c.application_id),
    )
    if not changes:
        return None
    items = tuple(
        Item(f"{c.company or c.title}: {_words(c.from_status or '')} → {_words(c.to_status)}", c.title, job_href(c.job_id))
        for c in changes
    )
    return Section("pipeline", "Pipeline changes", items)


def _plan(facts: DigestFacts, tomorrow: date) -> Section | None:
    items: list[Item] = []
    interviews = _interviews(facts, tomorrow, "", "")
    follow_ups = _follow_ups(facts, tomorrow, "", "")
    news = bool(interviews or follow_ups)
    items += list(interviews.items if interviews else ())
    items += list(follow_ups.items if follow_ups else ())
    focus = focus_goal(facts, tomorrow)
    if focus is not None:
        goal, why = focus
        items.append(Item(f"Log progress on {goal.title}", why, goal_href(goal.id)))
    if facts.insight is not None and facts.insight.action_label:
        items.append(Item(facts.insight.action_label, facts.insight.title, facts.insight.action_href or "/insights"))
    if not items:
        return None
    return Section("tomorrow", f"Plan for tomorrow, {day_label(tomorrow)}", tuple(items), news=news)


def _evening_summary(facts: DigestFacts, sections: Sequence[Section]) -> str:
    by_key = {s.key: s for s in sections}
    parts = []
    if "today" in by_key:
        parts.append(by_key["today"].items[0].text)
    if "pipeline" in by_key:
        parts.append(plural(len(by_key["pipeline"].items), "pipeline change"))
    if "streak" in by_key:
        current = streak(facts.active_days, facts.local_date).current
        parts.append(f"{current}-day streak")
    return ", ".join(parts)
