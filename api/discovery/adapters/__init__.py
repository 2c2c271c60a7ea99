"""One adapter per job source. See :mod:`api.discovery.registry` for the name → class mapping."""

from api.discovery.adapters.adzuna import AdzunaAdapter
from api.discovery.adapters.arbeitnow import ArbeitnowAdapter
from api.discovery.adapters.ashby import AshbyAdapter
from api.discovery.adapters.bamboohr import BambooHrAdapter
from api.discovery.adapters.base import SourceAdapter
from api.discovery.adapters.careers_page import CareersPageAdapter
from api.discovery.adapters.greenhouse import GreenhouseAdapter
from api.discovery.adapters.hackernews import HackerNewsAdapter
from api.discovery.adapters.himalayas import HimalayasAdapter
from api.discovery.adapters.icims import IcimsAdapter
from api.discovery.adapters.jobicy import JobicyAdapter
from api.discovery.adapters.lever import LeverAdapter
from api.discovery.adapters.personio import PersonioAdapter
from api.discovery.adapters.recruitee import RecruiteeAdapter
from api.discovery.adapters.remoteok import RemoteOkAdapter
from api.discovery.adapters.remotive import RemotiveAdapter
from api.discovery.adapters.smartrecruiters import SmartRecruitersAdapter
from api.discovery.adapters.teamtailor import TeamtailorAdapter
from api.discovery.adapters.usajobs import UsaJobsAdapter
from api.discovery.adapters.weworkremotely import WeWorkRemotelyAdapter
from api.discovery.adapters.workable import WorkableAdapter
from api.discovery.adapters.workday import WorkdayAdapter
from api.discovery.adapters.workingnomads import WorkingNomadsAdapter

__all__ = [
    "AdzunaAdapter",
    "ArbeitnowAdapter",
    "AshbyAdapter",
    "BambooHrAdapter",
    "CareersPageAdapter",
    "GreenhouseAdapter",
    "HackerNewsAdapter",
    "HimalayasAdapter",
    "IcimsAdapter",
    "JobicyAdapter",
    "LeverAdapter",
    "PersonioAdapter",
    "RecruiteeAdapter",
    "RemoteOkAdapter",
    "RemotiveAdapter",
    "SmartRecruitersAdapter",
    "SourceAdapter",
    "TeamtailorAdapter",
    "UsaJobsAdapter",
    "WeWorkRemotelyAdapter",
    "WorkableAdapter",
    "WorkdayAdapter",
    "WorkingNomadsAdapter",
]
