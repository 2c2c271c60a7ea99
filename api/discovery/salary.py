"""Parse salary strings and structured min/max fields into a SalaryRange; the one period
normaliser and the one annualisation (market trends use them too)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from api.discovery.postings import SalaryRange
from api.vocabulary import SalaryPeriod

__all__ = ["annualise", "normalize_currency", "normalize_period", "parse_amount", "parse_salary", "whole_amount"]

MAX_AMOUNT = 100_000_000  # the largest salary figure a posting or job keeps
_PER_YEAR = {
    SalaryPeriod.HOUR: 2080,
    SalaryPeriod.DAY: 260,
    SalaryPeriod.WEEK: 52,
    SalaryPeriod.MONTH: 12,
    SalaryPeriod.YEAR: 1,
}

_SYMBOLS: list[tuple[str, str]] = [
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("S$", "SGD"),
    ("HK$", "HKD"),
    ("R$", "BRL"),
    ("MX$", "MXN"),
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("zł", "PLN"),
]
# ISO 4217 codes of the currencies job boards quote
_CODE_WORDS = (
    "USD EUR GBP CAD AUD NZD CHF SEK NOK DKK PLN CZK HUF JPY CNY INR SGD HKD BRL MXN ZAR KRW ILS "
    "TRY RUB AED SAR ARS CLP COP PEN PHP IDR MYR THB VND NGN KES EGP UAH RON BGN ISK TWD"
)
_CODES = frozenset(_CODE_WORDS.split())
_WORD_CURRENCIES = {"dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP"}

_P = r"(?:\bper|\ban|\ba|/|\bpro)\s*"
_PERIOD_PATTERNS: list[tuple[SalaryPeriod, re.Pattern[str]]] = [
    (
        SalaryPeriod.HOUR,
        re.compile(_P + r"(?:hour|hr|h|stunde)\b|\bhourly\b|\bph\b|\bp/h\b|\bhour\b|\bstündlich\b", re.I),
    ),
    (SalaryPeriod.DAY, re.compile(_P + r"(?:day|d|tag)\b|\bdaily\b|\bday rate\b|\bpd\b", re.I)),
    (SalaryPeriod.WEEK, re.compile(_P + r"(?:week|wk|w|woche)\b|\bweekly\b|\bpw\b", re.I)),
    (SalaryPeriod.MONTH, re.compile(_P + r"(?:month|mo|mth|m|monat)\b|\bmonthly\b|\bpcm\b|\bpm\b|\bmonatlich\b", re.I)),
    (
        SalaryPeriod.YEAR,
        re.compile(_P + r"(?:year|yr|y|annum|jahr)\b|\bannual(?:ly)?\b|\byearly\b|\bp\.?\s?a\b\.?|\bjährlich\b", re.I),
    ),
]
_PERIOD_WORDS: dict[str, str | None] = {
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "pa": "year",
    "per year": "year",
    "1 year": "year",
    "y": "year",
    "yr": "year",
    "p1y": "year",
    "month": "month",
    "monthly": "month",
    "pm": "month",
    "per month": "month",
    "1 month": "month",
    "mo": "month",
    "p1m": "month",
    "week": "week",
    "weekly": "week",
    "pw": "week",
    "per week": "week",
    "1 week": "week",
    "wk": "week",
    "p1w": "week",
    "bw": None,
    "day": "day",
    "daily": "day",
    "pd": "day",
    "per day": "day",
    "1 day": "day",
    "p1d": "day",
    "hour": "hour",
    "hourly": "hour",
    "ph": "hour",
    "per hour": "hour",
    "1 hour": "hour",
    "hr": "hour",
    "pt1h": "hour",
    # Lever's salaryRange.interval values
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
}

_NUM = r"\d+(?:[.,]\d+)*(?:\s?[kK](?![a-zA-Z]))?"
_NUM_RE = re.compile(_NUM)
_CUR_TOKEN = r"(?:[A-Z]{1,3}\$|[$€£¥₹]|[A-Za-z]{3})"
_RANGE_GAP = re.compile(rf"^\s*{_CUR_TOKEN}?\s*(?:-|–|—|~|to|bis|and|until)\s*{_CUR_TOKEN}?\s*$", re.I)


def normalize_period(value: str | None) -> SalaryPeriod | None:
    """Map 'Per Year', 'PA', '1 YEAR', 'per-hour-wage', 'HOUR', 'P1Y'… to year/month/week/day/hour;
    None for no period and for one that is none of those (bi-weekly, 'sometimes')."""
    if not value:
        return None
    key = re.sub(r"\s+", " ", str(value).strip().lower())
    if re.search(r"bi-?weekly|fortnight|semi-?monthly|bi-?monthly", key):
        return None  # not expressible as one of our periods
    for candidate in (key, key.removeprefix("per ").strip()):
        if candidate in _PERIOD_WORDS:
            word = _PERIOD_WORDS[candidate]
            return SalaryPeriod(word) if word else None
    key = key.removeprefix("per ").strip()
    for period, pattern in _PERIOD_PATTERNS:
        if pattern.search(key) or key.startswith(period):
            return period
    return None


def annualise(amount: float | None, period: str | None) -> float | None:
    """The yearly amount: hour × 2080, day × 260, week × 52, month × 12. No period means the
    amount is yearly already (feeds leave it out for annual pay); an unknown period gives None."""
    if amount is None:
        return None
    if not period:
        return float(amount)
    unit = normalize_period(period)
    return None if unit is None else float(amount) * _PER_YEAR[unit]


def whole_amount(value: float | None) -> int | None:
    """A salary figure as stored: rounded; None when missing, negative or beyond MAX_AMOUNT."""
    if value is None or value < 0 or value > MAX_AMOUNT:
        return None
    return round(value)


def normalize_currency(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    if v.upper() in _CODES:
        return v.upper()
    for symbol, code in _SYMBOLS:
        if v == symbol:
            return code
    return None


def _detect_currency(text: str) -> str | None:
    for match in re.finditer(r"\b([A-Za-z]{3})\b", text):
        if match.group(1).upper() in _CODES and (match.group(1).isupper() or match.group(1).upper() in {"USD", "EUR", "GBP"}):
            return match.group(1).upper()
    for symbol, code in _SYMBOLS:
        if symbol in text:
            return code
    lower = text.lower()
    for word, code in _WORD_CURRENCIES.items():
        if re.search(rf"\b{word}\b", lower):
            return code
    return None


def _detect_period(text: str) -> SalaryPeriod | None:
    if re.search(r"bi-?weekly|fortnight|semi-?monthly|bi-?monthly", text, re.I):
        return None
    for period, pattern in _PERIOD_PATTERNS:
        if pattern.search(text):
            return period
    return None


def parse_amount(token: str | int | float | Decimal | None) -> float | None:
    """'120,000' → 120000, '60.000' → 60000, '45.50' → 45.5, '1,5k' → 1500, '90k' → 90000."""
    if token is None:
        return None
    if isinstance(token, (int, float, Decimal)):
        return float(token)
    s = str(token).strip().replace(" ", "").replace("\u00a0", "").replace("'", "")
    mult = 1
    if s[-1:] in ("k", "K"):
        mult, s = 1000, s[:-1]
    if not s or not re.fullmatch(r"\d+(?:[.,]\d+)*", s):
        return None
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        s = s.replace(thou, "").replace(dec, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        groups = s.split(sep)
        thousands = len(groups) > 2 or (len(groups[-1]) == 3 and mult == 1)
        s = s.replace(sep, "" if thousands else ".")
    try:
        return float(Decimal(s) * mult)
    except InvalidOperation:  # pragma: no cover - guarded by the regex above
        return None


def _positive(value: float | None) -> float | None:
    return value if value is not None and value > 0 else None


def parse_salary(
    value: str | int | float | None = None,
    *,
    min: str | int | float | None = None,  # mirrors the feeds' field names
    max: str | int | float | None = None,
    currency: str | None = None,
    period: str | None = None,
    default_currency: str | None = None,
    default_period: str | None = None,
) -> SalaryRange | None:
    """Parse a salary.

    ``value`` is free text (``"$120,000 - $150,000"``, ``"€60k–80k per year"``, ``"£45 - £55 per hour"``)
    or a single number. ``min``/``max``/``currency``/``period`` give structured fields (as in
    Adzuna, Lever, Ashby, USAJobs); explicit fields win over what is found in the text.
    Zero or missing amounts mean "no salary" (RemoteOK sends 0/0). Returns None when no amount.
    """
    lo = hi = None
    found_currency = found_period = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        lo = hi = _positive(float(value))
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        lo, hi = _amounts_from_text(text)
        found_currency = _detect_currency(text)
        found_period = _detect_period(text)
    if min is not None or max is not None:
        smin, smax = _positive(parse_amount(min)), _positive(parse_amount(max))
        if smin is not None or smax is not None:
            lo, hi = smin, smax
    if lo is None and hi is None:
        return None
    cur = normalize_currency(currency) or found_currency or normalize_currency(default_currency)
    per = normalize_period(period) or found_period or normalize_period(default_period)
    return SalaryRange(min=lo, max=hi, currency=cur, period=per)


def _amounts_from_text(text: str) -> tuple[float | None, float | None]:
    tokens = list(_NUM_RE.finditer(text))
    if not tokens:
        return None, None
    first = tokens[0]
    a_raw = first.group(0)
    if len(tokens) >= 2 and _RANGE_GAP.match(text[first.end() : tokens[1].start()]):
        b_raw = tokens[1].group(0)
        # "60-80k": the thousands suffix of the upper bound applies to the lower one too
        if b_raw.rstrip()[-1:] in "kK" and a_raw.rstrip()[-1:] not in "kK":
            a_val, b_val = parse_amount(a_raw), parse_amount(b_raw)
            if a_val is not None and b_val is not None and a_val < 1000 <= b_val:
                a_raw = a_raw + "k"
        lo, hi = _positive(parse_amount(a_raw)), _positive(parse_amount(b_raw))
        return lo, hi
    amount = _positive(parse_amount(a_raw))
    if amount is None:
        return None, None
    if re.match(r"\s*\+", text[first.end() :]) or re.search(r"\b(?:from|at least|min(?:imum)?)\b", text[: first.start()], re.I):
        return amount, None
    if re.search(r"\b(?:up to|max(?:imum)?)\b", text[: first.start()], re.I):
        return None, amount
    return amount, amount
