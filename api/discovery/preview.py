"""Job previews: a JobPosting read from a page, or a pasted description parsed heuristically,
as one plain dict (stored in job_imports.preview) and as the fields of a new job. Pure."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from api.discovery.freetext import clean_lines, read_heading, without_print_noise
from api.discovery.freetext import title_clean as _title_clean
from api.discovery.jobposting import JobPostingPreview
from api.discovery.normalize import normalize_job_type, split_location_mode
from api.discovery.salary import annualise, parse_salary, whole_amount
from api.skill.taxonomy import Taxonomy, default_taxonomy
from api.vocabulary import RemoteOption

TEXT_LIMIT = 50_000
DESCRIPTION_LIMIT = 20_000


def preview_dict(posting: JobPostingPreview, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    tx = taxonomy or default_taxonomy()
    salary = posting.salary
    return {
        "title": posting.title,
        "company": posting.company,
        "locations": list(posting.locations),
        "remote": posting.remote,
        "job_type": posting.job_type,
        "salary": asdict(salary) if salary is not None else None,
        "description": posting.description[:DESCRIPTION_LIMIT],
        "skills": [m.name for m in tx.extract_skills(f"{posting.title}\n{posting.description}")][:60],
        "posted_at": posting.posted_at.isoformat() if posting.posted_at else None,
        "url": posting.url or None,
        "extraction": posting.extraction,
    }


_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z /]{1,30}?)\s*:\s*(?P<value>\S.*)$")
_TITLE_LABELS = {"title", "job title", "position", "role", "job", "vacancy"}
_COMPANY_LABELS = {"company", "employer", "organisation", "organization", "hiring company", "company name"}
_LOCATION_LABELS = {"location", "job location", "based in", "where", "office", "locations"}
_SALARY_LABELS = {"salary", "compensation", "pay", "salary range", "pay range", "base salary"}
_TYPE_LABELS = {"employment type", "job type", "type", "contract", "contract type", "hours"}
_MONEY = re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|GBP|CHF|CAD|AUD)\b)\s?\d|\d\s?(?:[kK]\b|€|\$|£)")


def _labels(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = _LABEL.match(line)
        if match:
            found.setdefault(match.group("label").strip().lower(), match.group("value").strip())
    return found


def _pick(labels: dict[str, str], names: set[str]) -> str:
    return next((value for label, value in labels.items() if label in names), "")


def parse_job_text(text: str, source_url: str | None = None, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """A pasted description → preview dict: labelled lines first ("Location: Berlin"), then what a
    person reads at the top and in the usual sentences (`api.discovery.freetext`)."""
    tx = taxonomy or default_taxonomy()
    text = (text or "").replace("\r\n", "\n")[:TEXT_LIMIT].strip()
    lines, _ = clean_lines(text)
    labels = _labels(lines)
    heading = read_heading(text)
    title = _pick(labels, _TITLE_LABELS)
    headline = _pick(labels, {"job description", "job posting", "job opening", "opening", "vacancy"})
    if not title and headline and len(headline) <= 100 and not headline.endswith(".") and len(headline.split()) <= 12:
        title = _title_clean(headline)
    title = title or heading.title
    company = _pick(labels, _COMPANY_LABELS) or heading.company
    location = _pick(labels, _LOCATION_LABELS)
    place, mode = split_location_mode(location) if location else (heading.location, heading.remote)
    remote = mode or (
        RemoteOption.REMOTE
        if re.search(r"\b(fully remote|remote[- ]first|100% remote|work from anywhere)\b", text, re.I)
        else None
    )
    if remote is None and re.search(r"\bhybrid\b", text, re.I):
        remote = RemoteOption.HYBRID
    salary_text = _pick(labels, _SALARY_LABELS) or next((line for line in lines if _MONEY.search(line) and len(line) < 200), "")
    salary = parse_salary(salary_text) if salary_text else None
    return {
        "title": title[:200],
        "company": company[:200],
        "locations": [place[:200]] if place else [],
        "remote": remote,
        "job_type": normalize_job_type(_pick(labels, _TYPE_LABELS) or None),
        "salary": asdict(salary) if salary is not None else None,
        "description": without_print_noise(text)[:DESCRIPTION_LIMIT],
        "skills": [m.name for m in tx.extract_skills(text)][:60],
        "posted_at": None,
        "url": source_url or None,
        "extraction": "pasted",
    }


def job_fields_from_preview(preview: dict[str, Any]) -> dict[str, Any]:
    """The fields `api.job.service.create` takes, from a preview (salaries annualised)."""
    salary = preview.get("salary") or {}
    low, high = (whole_amount(annualise(salary.get(bound), salary.get("period"))) for bound in ("min", "max"))
    return {
        "company": preview.get("company") or "",
        "title": preview.get("title") or "",
        "location": (preview.get("locations") or [""])[0],
        "description": preview.get("description") or "",
        "requirements": "",
        "salary_min": low,
        "salary_max": high,
        "salary_currency": salary.get("currency") if (low is not None or high is not None) else None,
        "job_type": preview.get("job_type"),
        "remote_option": preview.get("remote"),
        "tech_stack": list(preview.get("skills") or []),
        "source_url": preview.get("url"),
    }
