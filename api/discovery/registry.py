"""Name → adapter class + default base URL, settings-driven construction, and a safe runner."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from api.discovery.adapters import (
    AdzunaAdapter,
    ArbeitnowAdapter,
    AshbyAdapter,
    BambooHrAdapter,
    CareersPageAdapter,
    GreenhouseAdapter,
    HackerNewsAdapter,
    HimalayasAdapter,
    IcimsAdapter,
    JobicyAdapter,
    LeverAdapter,
    PersonioAdapter,
    RecruiteeAdapter,
    RemoteOkAdapter,
    RemotiveAdapter,
    SmartRecruitersAdapter,
    SourceAdapter,
    TeamtailorAdapter,
    UsaJobsAdapter,
    WeWorkRemotelyAdapter,
    WorkableAdapter,
    WorkdayAdapter,
    WorkingNomadsAdapter,
)
from api.discovery.http import SourceError, SourceHttp, SourceSkipped
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.wording import plural

__all__ = ["SOURCES", "SourceRun", "SourceSpec", "base_url_for", "create_adapter", "run_source"]


@dataclass(frozen=True)
class SourceSpec:
    name: str
    adapter: type[SourceAdapter]
    default_base_url: str
    needs_board_token: bool = False
    # settings keys (and env var names) read by create_adapter → constructor keyword
    settings_keys: Mapping[str, str] = field(default_factory=dict)


SOURCES: dict[str, SourceSpec] = {
    "greenhouse": SourceSpec("greenhouse", GreenhouseAdapter, "https://boards-api.greenhouse.io", True),
    "lever": SourceSpec("lever", LeverAdapter, "https://api.lever.co", True),
    "lever_eu": SourceSpec("lever_eu", LeverAdapter, "https://api.eu.lever.co", True),
    "ashby": SourceSpec("ashby", AshbyAdapter, "https://api.ashbyhq.com", True),
    "smartrecruiters": SourceSpec("smartrecruiters", SmartRecruitersAdapter, "https://api.smartrecruiters.com", True),
    "recruitee": SourceSpec("recruitee", RecruiteeAdapter, "https://{token}.recruitee.com", True),
    "workable": SourceSpec("workable", WorkableAdapter, "https://apply.workable.com", True),
    "workday": SourceSpec("workday", WorkdayAdapter, "https://{tenant}.{wd}.myworkdayjobs.com", True),
    "personio": SourceSpec("personio", PersonioAdapter, "https://{token}.jobs.personio.de", True),
    "teamtailor": SourceSpec("teamtailor", TeamtailorAdapter, "https://{token}.teamtailor.com", True),
    "bamboohr": SourceSpec("bamboohr", BambooHrAdapter, "https://{token}.bamboohr.com", True),
    "icims": SourceSpec("icims", IcimsAdapter, "https://{token}.icims.com", True),
    # the token is the page URL; fetched through the URL import's SSRF guard with its exemptions
    "careers_page": SourceSpec(
        "careers_page",
        CareersPageAdapter,
        "",
        True,
        settings_keys={
            "ALLOW_PRIVATE_FETCH": "allow_private",
            "FETCH_ALLOWED_ADDRESSES": "allowed_addresses",
            "FETCH_MAX_BYTES": "max_bytes",
        },
    ),
    "remotive": SourceSpec("remotive", RemotiveAdapter, "https://remotive.com"),
    "arbeitnow": SourceSpec("arbeitnow", ArbeitnowAdapter, "https://www.arbeitnow.com"),
    "remoteok": SourceSpec("remoteok", RemoteOkAdapter, "https://remoteok.com"),
    "himalayas": SourceSpec("himalayas", HimalayasAdapter, "https://himalayas.app"),
    "jobicy": SourceSpec("jobicy", JobicyAdapter, "https://jobicy.com"),
    "weworkremotely": SourceSpec("weworkremotely", WeWorkRemotelyAdapter, "https://weworkremotely.com"),
    "hackernews": SourceSpec("hackernews", HackerNewsAdapter, "https://hn.algolia.com"),
    "workingnomads": SourceSpec("workingnomads", WorkingNomadsAdapter, "https://www.workingnomads.com"),
    "adzuna": SourceSpec(
        "adzuna",
        AdzunaAdapter,
        "https://api.adzuna.com",
        settings_keys={"ADZUNA_APP_ID": "app_id", "ADZUNA_APP_KEY": "app_key", "ADZUNA_COUNTRY": "country"},
    ),
    "usajobs": SourceSpec(
        "usajobs",
        UsaJobsAdapter,
        "https://data.usajobs.gov",
        settings_keys={"USAJOBS_API_KEY": "api_key", "USAJOBS_EMAIL": "email"},
    ),
}


def base_url_for(name: str, overrides: Mapping[str, str] | None = None) -> str:
    """The base URL for ``name``: ``overrides[name]`` when given, else the default."""
    spec = SOURCES.get(name)
    if spec is None:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(sorted(SOURCES))}")
    return ((overrides or {}).get(name) or spec.default_base_url).rstrip("/")


def create_adapter(
    name: str,
    http: SourceHttp,
    *,
    base_urls: Mapping[str, str] | None = None,
    settings: Mapping[str, Any] | None = None,
    use_env: bool = False,
) -> SourceAdapter:
    """Build the adapter for ``name``.

    ``base_urls`` maps source name → base URL override. ``settings`` holds keys such as
    ``ADZUNA_APP_ID``; with ``use_env`` missing keys are read from the process environment.
    """
    spec = SOURCES.get(name)
    if spec is None:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(sorted(SOURCES))}")
    kwargs: dict[str, Any] = {}
    for key, kwarg in spec.settings_keys.items():
        value = (settings or {}).get(key)
        if value is None and use_env:
            value = os.environ.get(key)
        if value is not None:
            kwargs[kwarg] = value
    # lever_eu builds a LeverAdapter: its postings keep source "lever" (posting ids are global)
    return spec.adapter(base_url_for(name, base_urls), http, **kwargs)


@dataclass
class SourceRun:
    source: str
    status: Literal["ok", "skipped", "error"]
    postings: list[NormalizedPosting] = field(default_factory=list)
    message: str = ""  # "skipped: ADZUNA_APP_ID and ADZUNA_APP_KEY are not set", "error: HTTP 500 after 3 attempts"


async def run_source(adapter: SourceAdapter, query: SourceQuery) -> SourceRun:
    """Run one adapter and never raise for expected failures: returns ok / skipped / error."""
    try:
        postings = await adapter.fetch(query)
    except SourceSkipped as exc:
        return SourceRun(adapter.name, "skipped", [], f"skipped: {exc.reason}")
    except SourceError as exc:
        return SourceRun(adapter.name, "error", [], f"error: {exc.reason}")
    return SourceRun(adapter.name, "ok", postings, plural(len(postings), "posting"))
