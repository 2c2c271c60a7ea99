"""One adapter per job source. See :mod:`api.source.registry` for the name → class mapping."""

from .base import SourceAdapter
from .greenhouse import GreenhouseAdapter
from .lever import LeverAdapter
from .ashby import AshbyAdapter
from .remotive import RemotiveAdapter
from .arbeitnow import ArbeitnowAdapter
from .remoteok import RemoteOkAdapter
from .adzuna import AdzunaAdapter
from .usajobs import UsaJobsAdapter

__all__ = [
    "SourceAdapter",
    "GreenhouseAdapter",
    "LeverAdapter",
    "AshbyAdapter",
    "RemotiveAdapter",
    "ArbeitnowAdapter",
    "RemoteOkAdapter",
    "AdzunaAdapter",
    "UsaJobsAdapter",
]
