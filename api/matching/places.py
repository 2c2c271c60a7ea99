"""Place names normalised: the one reading of "City, Region, Country" text shared by the job-board
location filter (``api.discovery.normalize``) and the score's location part (``api.matching.location``).

A built-in table of countries (names, ISO-2/ISO-3 codes, common aliases: USA / US / U.S. / United
States, UK / Great Britain / England, Deutschland …), US states and Canadian provinces (with their
codes; each means its country), a few major cities and region groups (EU / Europe / EMEA / DACH …)
is enough for explainable matching. "Worldwide", "Anywhere", "Global" name every place.

* ``parse_location(text)`` – a ``Location`` (city, region, ISO-2 country, region group, remote /
  hybrid, anywhere);
* ``place_matches(wanted, offered)`` – whether two place texts can be the same place (one inside the
  other, either way; a place anywhere matches all), falling back to whole-word text when neither
  names a place the tables know.

Pure and deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

__all__ = ["Location", "countries_of", "fold", "parse_location", "place_matches"]

# ISO-2 -> (display name, extra aliases)
_COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "US": (
        "United States",
        (
            "usa",
            "u.s.",
            "u.s",
            "u.s.a.",
            "u.s.a",
            "united states of america",
            "america",
            "us",
            "the us",
            "the usa",
            "the united states",
        ),
    ),
    "CA": ("Canada", ("can",)),
    "MX": ("Mexico", ("mex", "m\u00e9xico")),
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
        ("uk", "u.k.", "u.k", "the uk", "great britain", "britain", "england", "scotland", "wales", "northern ireland", "gbr"),
    ),
    "IE": ("Ireland", ("irl",)),
    "DE": ("Germany", ("deutschland", "deu", "ger")),
    "AT": ("Austria", ("österreich", "osterreich", "aut")),
    "CH": ("Switzerland", ("schweiz", "suisse", "che")),
    "FR": ("France", ("fra",)),
    "ES": ("Spain", ("españa", "espana", "esp")),
    "PT": ("Portugal", ("prt",)),
    "IT": ("Italy", ("italia", "ita")),
    "NL": ("Netherlands", ("the netherlands", "holland", "nld", "nederland")),
    "BE": ("Belgium", ("bel", "belgique", "belgi\u00eb")),
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
# every place: "Worldwide", "Anywhere", "Remote (global)" (unless a place follows: "Anywhere in the US")
_ANYWHERE_WORDS = re.compile(
    r"\b(?:anywhere|worldwide|world[\s\-]wide|global(?:ly)?|international(?:ly)?|everywhere|all countries|any (?:country|location))\b",
    re.I,
)
_HYBRID_WORDS = re.compile(r"\bhybrid\b", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|\s-\s|\s–\s|\(|\))\s*")
_NOISE = re.compile(
    r"\b(?:remote|hybrid|on[\s\-]?site|onsite|office|only|based|anywhere in|worldwide|"
    r"anywhere|world[\s\-]wide|global(?:ly)?|international(?:ly)?|everywhere|all countries|any (?:country|location)|"
    r"work from home|wfh|fully|100%|timezone[s]?|time zones?|greater|area|metro)\b",
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
    anywhere: bool = False  # "Worldwide", "Anywhere", "Remote (global)": every place

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
    anywhere = bool(_ANYWHERE_WORDS.search(raw)) and not (city or region or country or area)
    return Location(
        raw=raw, city=city, region=region, country=country, remote=remote, hybrid=hybrid, area=area, anywhere=anywhere
    )


def countries_of(loc: Location) -> frozenset[str]:
    """ISO-2 codes a place covers: its country, or every member of its region group."""
    if loc.country:
        return frozenset({loc.country})
    if loc.area:
        return _GROUPS[loc.area]
    return frozenset()


def fold(text: str | None) -> str:
    """Case/accent-insensitive form for matching."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b and " ".join(fold(a).split()) == " ".join(fold(b).split()))


def _within(inner: Location, outer: Location) -> bool:
    """``inner`` lies inside ``outer`` (or is it): outer names no finer level than inner agrees on."""
    outer_countries, inner_countries = countries_of(outer), countries_of(inner)
    if not outer_countries:
        # a city or region with no country known: the same name
        return bool(outer.city or outer.region) and (
            _same_name(outer.city, inner.city) or (_same_name(outer.region, inner.region) and not outer.city)
        )
    if not inner_countries or not inner_countries <= outer_countries:
        return False
    if outer.region and not _same_name(outer.region, inner.region):
        return False
    return not (outer.city and not _same_name(outer.city, inner.city))


def place_matches(wanted: str | None, offered: str | None) -> bool:
    """Whether the place ``wanted`` (a search, a preference) and the place ``offered`` (a posting) can be
    the same: either lies inside the other ("USA" and "Austin, TX", "Deutschland" and "Berlin",
    "EU" and "Lisbon"), or either is anywhere ("Worldwide"). Texts that name no place the tables know
    ("Springfield") compare as whole words, either way, case and accents aside."""
    a, b = parse_location(wanted), parse_location(offered)
    if a.anywhere or b.anywhere:
        return True
    if a.is_empty or b.is_empty:
        return False
    if _within(a, b) or _within(b, a):
        return True
    fa, fb = " ".join(fold(wanted).split()), " ".join(fold(offered).split())
    unknown = not (countries_of(a) and countries_of(b))
    return unknown and bool(
        re.search(r"(?<!\w)" + re.escape(fa) + r"(?!\w)", fb) or re.search(r"(?<!\w)" + re.escape(fb) + r"(?!\w)", fa)
    )
