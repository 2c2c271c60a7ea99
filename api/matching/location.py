"""Loose location parsing and matching ("City, Region, Country").

A small built-in table of countries (names, ISO-2/ISO-3 codes, common
nicknames), US states, Canadian provinces, a few major cities and region
groups (EU / Europe / EMEA ...) is enough for explainable matching.
Pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

__all__ = ["Location", "LocationMatch", "location_match", "parse_location"]

# ISO-2 -> (display name, extra aliases)
_COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "US": ("United States", ("usa", "u.s.", "u.s.a.", "united states of america", "america", "us")),
    "CA": ("Canada", ("can",)),
    "MX": ("Mexico", ("mex",)),
    "BR": ("Brazil", ("brasil", "bra")),
    "AR": ("Argentina", ("arg",)),
    "CL": ("Chile", ()),
    "CO": ("Colombia", ("col",)),
    "PE": ("Peru", ("perú",)),
    "UY": ("Uruguay", ()),
    "EC": ("Ecuador", ()),
    "CR": ("Costa Rica", ()),
    "GB": (
        "United Kingdom",
        ("uk", "u.k.", "great britain", "britain", "england", "scotland", "wales", "northern ireland", "gbr"),
    ),
    "IE": ("Ireland", ("irl",)),
    "DE": ("Germany", ("deutschland", "deu", "ger")),
    "AT": ("Austria", ("österreich", "osterreich", "aut")),
    "CH": ("Switzerland", ("schweiz", "suisse", "che")),
    "FR": ("France", ("fra",)),
    "ES": ("Spain", ("españa", "espana", "esp")),
    "PT": ("Portugal", ("prt",)),
    "IT": ("Italy", ("italia", "ita")),
    "NL": ("Netherlands", ("the netherlands", "holland", "nld")),
    "BE": ("Belgium", ("bel",)),
    "LU": ("Luxembourg", ("lux",)),
    "DK": ("Denmark", ("dnk",)),
    "SE": ("Sweden", ("swe",)),
    "NO": ("Norway", ("nor",)),
    "FI": ("Finland", ("fin",)),
    "IS": ("Iceland", ()),
    "PL": ("Poland", ("polska", "pol")),
    "CZ": ("Czechia", ("czech republic", "cze")),
    "SK": ("Slovakia", ()),
    "HU": ("Hungary", ("hun",)),
    "RO": ("Romania", ("rou",)),
    "BG": ("Bulgaria", ()),
    "GR": ("Greece", ("grc",)),
    "HR": ("Croatia", ()),
    "SI": ("Slovenia", ()),
    "RS": ("Serbia", ()),
    "UA": ("Ukraine", ("ukr",)),
    "EE": ("Estonia", ()),
    "LV": ("Latvia", ()),
    "LT": ("Lithuania", ()),
    "TR": ("Turkey", ("türkiye", "turkiye", "tur")),
    "IL": ("Israel", ("isr",)),
    "AE": ("United Arab Emirates", ("uae",)),
    "SA": ("Saudi Arabia", ()),
    "EG": ("Egypt", ()),
    "ZA": ("South Africa", ()),
    "NG": ("Nigeria", ()),
    "KE": ("Kenya", ()),
    "IN": ("India", ("ind",)),
    "PK": ("Pakistan", ()),
    "CN": ("China", ("chn", "prc")),
    "HK": ("Hong Kong", ()),
    "TW": ("Taiwan", ()),
    "JP": ("Japan", ("jpn",)),
    "KR": ("South Korea", ("korea", "republic of korea")),
    "SG": ("Singapore", ("sgp",)),
    "MY": ("Malaysia", ()),
    "ID": ("Indonesia", ()),
    "TH": ("Thailand", ()),
    "VN": ("Vietnam", ("viet nam",)),
    "PH": ("Philippines", ()),
    "AU": ("Australia", ("aus",)),
    "NZ": ("New Zealand", ("nzl",)),
}

# region groups a remote job may be restricted to
_EU = "AT BE BG HR CZ DK EE FI FR DE GR HU IE IT LV LT LU NL PL PT RO SK SI ES SE"
_EUROPE = _EU + " GB CH NO IS RS UA TR"
_GROUPS: dict[str, frozenset[str]] = {
    "eu": frozenset(_EU.split()),
    "europe": frozenset(_EUROPE.split()),
    "emea": frozenset((_EUROPE + " IL AE SA EG ZA NG KE").split()),
    "north america": frozenset({"US", "CA", "MX"}),
    "latam": frozenset({"MX", "BR", "AR", "CL", "CO"}),
    "apac": frozenset({"IN", "CN", "HK", "TW", "JP", "KR", "SG", "MY", "ID", "TH", "VN", "PH", "AU", "NZ"}),
}
_GROUP_ALIASES = {
    "european union": "eu",
    "americas": "north america",
    "na": "north america",
    "latin america": "latam",
    "asia pacific": "apac",
    "asia": "apac",
    "dach": "dach",
}
_GROUPS["dach"] = frozenset({"DE", "AT", "CH"})

_US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "District of Columbia",
}
_CA_PROVINCES = {
    "ON": "Ontario",
    "QC": "Quebec",
    "BC": "British Columbia",
    "AB": "Alberta",
    "MB": "Manitoba",
    "SK": "Saskatchewan",
    "NS": "Nova Scotia",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "PE": "Prince Edward Island",
}
# a few cities typed alone: city -> (region or None, country)
_CITIES: dict[str, tuple[str | None, str]] = {
    "new york city": ("New York", "US"),
    "nyc": ("New York", "US"),
    "san francisco": ("California", "US"),
    "sf": ("California", "US"),
    "los angeles": ("California", "US"),
    "seattle": ("Washington", "US"),
    "austin": ("Texas", "US"),
    "boston": ("Massachusetts", "US"),
    "chicago": ("Illinois", "US"),
    "denver": ("Colorado", "US"),
    "atlanta": ("Georgia", "US"),
    "miami": ("Florida", "US"),
    "toronto": ("Ontario", "CA"),
    "vancouver": ("British Columbia", "CA"),
    "montreal": ("Quebec", "CA"),
    "london": ("England", "GB"),
    "manchester": ("England", "GB"),
    "edinburgh": ("Scotland", "GB"),
    "dublin": (None, "IE"),
    "berlin": ("Berlin", "DE"),
    "munich": ("Bavaria", "DE"),
    "münchen": ("Bavaria", "DE"),
    "hamburg": ("Hamburg", "DE"),
    "frankfurt": ("Hesse", "DE"),
    "cologne": ("North Rhine-Westphalia", "DE"),
    "köln": ("North Rhine-Westphalia", "DE"),
    "vienna": (None, "AT"),
    "wien": (None, "AT"),
    "zurich": (None, "CH"),
    "zürich": (None, "CH"),
    "geneva": (None, "CH"),
    "paris": ("Île-de-France", "FR"),
    "lyon": (None, "FR"),
    "madrid": (None, "ES"),
    "barcelona": ("Catalonia", "ES"),
    "lisbon": (None, "PT"),
    "porto": (None, "PT"),
    "milan": (None, "IT"),
    "rome": (None, "IT"),
    "amsterdam": ("North Holland", "NL"),
    "rotterdam": (None, "NL"),
    "brussels": (None, "BE"),
    "copenhagen": (None, "DK"),
    "stockholm": (None, "SE"),
    "oslo": (None, "NO"),
    "helsinki": (None, "FI"),
    "warsaw": (None, "PL"),
    "krakow": (None, "PL"),
    "kraków": (None, "PL"),
    "prague": (None, "CZ"),
    "budapest": (None, "HU"),
    "bucharest": (None, "RO"),
    "athens": (None, "GR"),
    "tallinn": (None, "EE"),
    "kyiv": (None, "UA"),
    "istanbul": (None, "TR"),
    "tel aviv": (None, "IL"),
    "dubai": (None, "AE"),
    "bangalore": ("Karnataka", "IN"),
    "bengaluru": ("Karnataka", "IN"),
    "mumbai": ("Maharashtra", "IN"),
    "singapore": (None, "SG"),
    "tokyo": (None, "JP"),
    "seoul": (None, "KR"),
    "sydney": ("New South Wales", "AU"),
    "melbourne": ("Victoria", "AU"),
    "auckland": (None, "NZ"),
    "sao paulo": (None, "BR"),
    "são paulo": (None, "BR"),
    "mexico city": (None, "MX"),
    "buenos aires": (None, "AR"),
    "lima": (None, "PE"),
}

_CITY_SYNONYMS = {
    "nyc": "New York",
    "new york city": "New York",
    "sf": "San Francisco",
    "münchen": "Munich",
    "köln": "Cologne",
    "wien": "Vienna",
    "zürich": "Zurich",
    "bengaluru": "Bangalore",
    "kraków": "Krakow",
    "são paulo": "Sao Paulo",
    "la": "Los Angeles",
}

_COUNTRY_LOOKUP: dict[str, str] = {}
for _code, (_name, _aliases) in _COUNTRIES.items():
    _COUNTRY_LOOKUP[_name.lower()] = _code
    _COUNTRY_LOOKUP[_code.lower()] = _code
    for _a in _aliases:
        _COUNTRY_LOOKUP[_a] = _code
_STATE_LOOKUP = {n.lower(): n for n in _US_STATES.values()}
_STATE_CODE = {c.lower(): n for c, n in _US_STATES.items()}
_PROV_LOOKUP = {n.lower(): n for n in _CA_PROVINCES.values()}
_PROV_CODE = {c.lower(): n for c, n in _CA_PROVINCES.items()}

_REMOTE_WORDS = re.compile(r"\b(?:remote|anywhere|worldwide|work from home|wfh|distributed|home[\s\-]?based)\b", re.I)
_HYBRID_WORDS = re.compile(r"\bhybrid\b", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|\s-\s|\s–\s|\(|\))\s*")
_NOISE = re.compile(
    r"\b(?:remote|hybrid|on[\s\-]?site|onsite|office|only|based|anywhere in|worldwide|"
    r"anywhere|work from home|wfh|fully|100%|timezone[s]?|time zones?|greater|area|metro)\b",
    re.I,
)


def _country_name(code: str | None) -> str | None:
    return _COUNTRIES[code][0] if code in _COUNTRIES else None


@dataclass(frozen=True)
class Location:
    raw: str = ""
    city: str | None = None
    region: str | None = None
    country: str | None = None  # ISO-2 code
    remote: bool = False
    hybrid: bool = False
    area: str | None = None  # region group for "Remote (EU)" etc.

    @property
    def country_name(self) -> str | None:
        return _country_name(self.country)

    @property
    def is_empty(self) -> bool:
        return not (self.city or self.region or self.country or self.area)

    def label(self) -> str:
        parts = [p for p in (self.city, self.region, self.country_name) if p]
        if not parts and self.area:
            parts = [self.area.upper() if len(self.area) <= 4 else self.area.title()]
        return ", ".join(dict.fromkeys(parts))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["country_name"] = self.country_name
        return d


def parse_location(text: str | None) -> Location:
    """Parse "City, Region, Country" loosely ("Berlin, Germany", "Austin, TX",
    "Remote - US", "Remote (EU)", "London", "Hybrid: Munich")."""
    raw = (text or "").strip()
    if not raw:
        return Location()
    remote = bool(_REMOTE_WORDS.search(raw))
    hybrid = bool(_HYBRID_WORDS.search(raw))
    cleaned = _NOISE.sub(" ", raw)
    cleaned = cleaned.replace(":", ",")
    parts = [p.strip(" .-–") for p in _SPLIT.split(cleaned)]
    parts = [re.sub(r"\s+", " ", p) for p in parts if p and p.strip(" .-–")]

    city = region = country = area = None
    leftovers: list[str] = []
    codes: list[str] = []  # ambiguous upper-case 2-letter codes (CA, DE, IN ...)
    for p in reversed(parts):
        low = p.lower()
        if len(p) == 2 and p.isupper():
            interpretations = sum([low in _STATE_CODE, low in _PROV_CODE, low in _COUNTRY_LOOKUP])
            if interpretations > 1 or (interpretations == 1 and low not in _COUNTRY_LOOKUP):
                codes.append(low)
                continue
        if len(parts) > 1 and p is not parts[-1] and (low in _CITIES or low == "new york"):
            leftovers.append(p)  # "New York, NY": a city that is also a state name
            continue
        if country is None and low in _COUNTRY_LOOKUP:
            country = _COUNTRY_LOOKUP[low]
            continue
        if region is None and low in _STATE_LOOKUP:
            region, country = _STATE_LOOKUP[low], country or "US"
            continue
        if region is None and low in _PROV_LOOKUP:
            region, country = _PROV_LOOKUP[low], country or "CA"
            continue
        g = _GROUP_ALIASES.get(low, low)
        if area is None and g in _GROUPS:
            area = g
            continue
        leftovers.append(p)
    leftovers.reverse()
    city = leftovers[0] if leftovers else None
    known = _CITIES.get(city.lower()) if city else None
    if city and city.lower() in ("new york", "ny"):
        known = ("New York", "US")
    for code in codes:
        as_country = _COUNTRY_LOOKUP.get(code)
        if known and as_country == known[1]:
            country = country or as_country
        elif code in _STATE_CODE and (
            country == "US" or (known and known[1] == "US") or (country is None and city and not known)
        ):
            region, country = region or _STATE_CODE[code], "US"
        elif code in _PROV_CODE and (country == "CA" or (known and known[1] == "CA")):
            region, country = region or _PROV_CODE[code], "CA"
        elif as_country and country is None:
            country = as_country
        elif code in _STATE_CODE and country is None:
            region, country = region or _STATE_CODE[code], "US"
    if known:
        kregion, kcountry = known
        if country in (None, kcountry):
            country = kcountry
            region = region or kregion
    if len(leftovers) > 1 and region is None:
        region = leftovers[1]
    if city is None and region == "New York" and raw.lower().lstrip().startswith("new york"):
        city = "New York"
    if city:
        city = _CITY_SYNONYMS.get(city.lower(), city)
    return Location(raw=raw, city=city, region=region, country=country, remote=remote, hybrid=hybrid, area=area)


@dataclass(frozen=True)
class LocationMatch:
    score: int
    reason: str  # remote | same city | same region | same country | relocation | mismatch | unknown ...
    detail: str  # human sentence

    def to_dict(self) -> dict:
        return asdict(self)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() == b.strip().lower())


def _countries_of(loc: Location) -> frozenset[str]:
    if loc.country:
        return frozenset({loc.country})
    if loc.area:
        return _GROUPS[loc.area]
    return frozenset()


def location_match(
    job_location: str | None,
    job_remote: str | None,
    preferred_locations: list[str] | tuple[str, ...] | None,
    remote_ok: bool,
    open_to_relocation: bool,
) -> LocationMatch:
    """Score 0-100 how well a job's location suits the person.

    remote (and you accept remote) 100; same city 100; same region 75;
    same country 60; otherwise relocation 40 if you are open to it, else 0.
    """
    job = parse_location(job_location)
    mode = (job_remote or "").lower() or None
    if mode is None:
        mode = "remote" if job.remote and not job.hybrid else ("hybrid" if job.hybrid else None)
    prefs = [parse_location(p) for p in (preferred_locations or []) if p and p.strip()]
    wants_remote = remote_ok or any(p.remote and p.is_empty for p in prefs)
    places = [p for p in prefs if not p.is_empty]

    if mode == "remote":
        restricted = _countries_of(job)
        mine = frozenset().union(*[_countries_of(p) for p in places]) if places else frozenset()
        where = job.label()
        if restricted and mine and not (restricted & mine):
            if open_to_relocation:
                return LocationMatch(40, "relocation", f"Remote, but only from {where}: you would have to relocate.")
            return LocationMatch(20, "mismatch", f"Remote, but only from {where}, outside your preferred locations.")
        if wants_remote:
            suffix = f" (from {where})" if where else ""
            return LocationMatch(100, "remote", f"Remote role{suffix}, and you are open to remote work.")
        return LocationMatch(70, "remote", "Remote role, though you prefer working on-site.")

    if job.is_empty:
        return LocationMatch(50, "unknown", "The posting does not say where the job is.")
    if not places:
        if open_to_relocation:
            return LocationMatch(
                60, "relocation", f"Job in {job.label()}; you have no preferred location and are open to relocating."
            )
        return LocationMatch(50, "unknown", f"Job in {job.label()}; you have not set preferred locations.")

    best: LocationMatch | None = None
    for p in places:
        same_country = bool(job.country and p.country and job.country == p.country) or (not job.country or not p.country)
        if _same(job.city, p.city) and same_country:
            m = LocationMatch(100, "same city", f"The job is in {job.label()}, your preferred city.")
        elif job.region and _same(job.region, p.region) and same_country:
            m = LocationMatch(75, "same region", f"The job is in {job.label()}, in your preferred region {p.region}.")
        elif job.country and p.country and job.country == p.country and not p.city and not p.region:
            m = LocationMatch(90, "same country", f"The job is in {job.label()}, in {p.country_name}, where you want to work.")
        elif job.country and p.country and job.country == p.country:
            m = LocationMatch(
                60,
                "same country",
                f"The job is in {job.label()}, in your country ({p.country_name}) but not your city.",
            )
        elif job.country and p.area and job.country in _GROUPS[p.area]:
            m = LocationMatch(60, "same region", f"The job is in {job.label()}, inside {p.label()}.")
        else:
            continue
        if best is None or m.score > best.score:
            best = m
    if best is not None:
        return best
    if open_to_relocation:
        return LocationMatch(40, "relocation", f"The job is in {job.label()}; you would relocate.")
    return LocationMatch(0, "mismatch", f"The job is in {job.label()}, outside your preferred locations.")
