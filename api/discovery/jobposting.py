"""Extract a job posting preview from a web page (schema.org JobPosting or plain text).

The page is parsed once, by lxml: extruct reads JSON-LD, microdata and RDFa from that tree, and
the plain-text fallback reads the same tree."""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import extruct
import lxml.html
from extruct.xmldom import XmlDomHTMLParser
from lxml.html import HtmlElement

from api.discovery.dedup import canonical_url
from api.discovery.fetch import fetch_page
from api.discovery.freetext import read_heading
from api.discovery.normalize import normalize_job_type, parse_datetime, split_location_mode
from api.discovery.postings import NormalizedPosting, SalaryRange
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, element_text, html_to_text
from api.vocabulary import RemoteOption

__all__ = ["JobPostingPreview", "extract_job_posting", "import_job_from_url", "page_postings", "schema_posting"]

Extraction = Literal["json-ld", "microdata", "rdfa", "text"]
_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)")


@dataclass
class JobPostingPreview(NormalizedPosting):
    extraction: Extraction = "text"
    valid_through: datetime | None = None


def _parse(html: str) -> HtmlElement | None:
    """The page's one lxml tree; its elements also speak the DOM that extruct's RDFa reader walks."""
    try:
        return lxml.html.document_fromstring(html, parser=XmlDomHTMLParser(encoding="UTF-8"))
    except Exception:  # an empty or unparsable document
        return None


def _meta(doc: HtmlElement) -> dict[str, str]:
    """<meta> contents by lower-case property or name (og:site_name, og:title …)."""
    return {(m.get("property") or m.get("name") or "").lower(): m.get("content") or "" for m in doc.iter("meta")}


def extract_job_posting(html: str, url: str) -> JobPostingPreview:
    """Best-effort preview of the job on a page: JSON-LD, then microdata, then RDFa, then text."""
    doc = _parse(html)
    data: dict[str, list[Any]] = {}
    if doc is not None:
        try:
            data = extruct.extract(doc, base_url=url, syntaxes=["json-ld", "microdata", "rdfa"], uniform=True, errors="ignore")
        except Exception:  # extruct raises many parser errors on broken pages
            data = {}
    candidates: list[tuple[Extraction, dict[str, Any]]] = []
    for item in _find_postings(data.get("json-ld") or []):
        candidates.append(("json-ld", item))
    for item in _find_postings(data.get("microdata") or []):
        candidates.append(("microdata", item))
    for item in _rdfa_postings(data.get("rdfa") or []):
        candidates.append(("rdfa", item))
    site_name = collapse_whitespace(_meta(doc).get("og:site_name", "")) if candidates and doc is not None else ""
    for kind, item in candidates:
        preview = _from_schema(item, url, kind, site_name)
        if preview.title:
            return preview
    return _from_text(doc, html, url)


def schema_posting(item: dict[str, Any], url: str, site_name: str = "") -> JobPostingPreview:
    """One schema.org JobPosting object (already decoded, e.g. a feed's ``_jobposting``) as a preview."""
    return _from_schema(item, url, "json-ld", site_name)


def page_postings(html: str, url: str) -> list[JobPostingPreview]:
    """Every schema.org JobPosting a page carries as JSON-LD or microdata (a careers page may list several)."""
    doc = _parse(html)
    if doc is None:
        return []
    try:
        data = extruct.extract(doc, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore")
    except Exception:  # extruct raises many parser errors on broken pages
        return []
    site_name = collapse_whitespace(_meta(doc).get("og:site_name", ""))
    items = [("json-ld", i) for i in _find_postings(data.get("json-ld") or [])]
    items += [("microdata", i) for i in _find_postings(data.get("microdata") or [])]
    found = [_from_schema(item, url, kind, site_name) for kind, item in items]  # type: ignore[arg-type]
    return [p for p in found if p.title]


async def import_job_from_url(url: str, **fetch_options: Any) -> JobPostingPreview:
    """fetch_page (SSRF-guarded; options passed through) + extract_job_posting on the final URL."""
    page = await fetch_page(url, **fetch_options)
    return extract_job_posting(page.text, page.final_url)


# --- schema.org ---------------------------------------------------------------------------------


def _types(obj: dict[str, Any]) -> list[str]:
    raw = obj.get("@type") or obj.get("type") or []
    raw = raw if isinstance(raw, list) else [raw]
    return [_SCHEMA_PREFIX.sub("", str(t)) for t in raw]


def _find_postings(items: Any, depth: int = 0) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if depth > 6:
        return found
    if isinstance(items, list):
        for item in items:
            found.extend(_find_postings(item, depth + 1))
    elif isinstance(items, dict):
        if "JobPosting" in _types(items):
            found.append(items)
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in items:
                found.extend(_find_postings(items[key], depth + 1))
    return found


def _rdfa_postings(nodes: list[Any]) -> list[dict[str, Any]]:
    """extruct's RDFa output is expanded JSON-LD with blank-node references: rebuild objects."""
    by_id = {n.get("@id"): n for n in nodes if isinstance(n, dict) and n.get("@id")}

    def build(node: dict[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": [_SCHEMA_PREFIX.sub("", t) for t in node.get("@type", [])]}
        for key, values in node.items():
            if key.startswith("@") or not _SCHEMA_PREFIX.match(key):
                continue
            resolved = []
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, dict) and "@value" in value:
                    resolved.append(value["@value"])
                elif isinstance(value, dict) and "@id" in value:
                    ref = by_id.get(value["@id"])
                    resolved.append(build(ref, depth + 1) if ref is not None and depth < 5 else value["@id"])
                else:
                    resolved.append(value)
            out[_SCHEMA_PREFIX.sub("", key)] = resolved[0] if len(resolved) == 1 else resolved
        return out

    return [build(n, 0) for n in nodes if isinstance(n, dict) and "JobPosting" in _types(n)]


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return collapse_whitespace(str(value)) if value is not None else ""


def _address(place: Any) -> str:
    if isinstance(place, str):
        return collapse_whitespace(place)
    if not isinstance(place, dict):
        return ""
    address = place.get("address", place)
    if isinstance(address, list):
        address = address[0] if address else {}
    if isinstance(address, str):
        return collapse_whitespace(address)
    if isinstance(address, dict):
        parts = [_text(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
        joined = ", ".join(p for p in parts if p)
        if joined:
            return joined
    return _text(place.get("name"))


def _salary(item: dict[str, Any]) -> SalaryRange | None:
    base = _first(item.get("baseSalary"))
    currency = _text(item.get("salaryCurrency")) or None
    if base is None:
        return None
    if isinstance(base, (int, float, str)):
        return parse_salary(base if not isinstance(base, str) else base.strip(), currency=currency)
    if isinstance(base, dict):
        currency = _text(base.get("currency")) or currency
        value = _first(base.get("value"))
        if isinstance(value, dict):
            return parse_salary(
                value.get("value") if value.get("minValue") is None and value.get("maxValue") is None else None,
                min=value.get("minValue"),
                max=value.get("maxValue"),
                currency=currency,
                period=_text(value.get("unitText")) or None,
            )
        if value is not None:
            return parse_salary(value, currency=currency, period=_text(base.get("unitText")) or None)
    return None


def _description(value: Any) -> str:
    raw = _first(value)
    if not isinstance(raw, str):
        return ""
    if "&lt;" in raw and "<" not in raw:
        raw = htmlmod.unescape(raw)
    return html_to_text(raw) if "<" in raw else collapse_whitespace(htmlmod.unescape(raw))


def _from_schema(item: dict[str, Any], url: str, kind: Extraction, site_name: str = "") -> JobPostingPreview:
    """Map a schema.org JobPosting. Without ``hiringOrganization`` the page's og:site_name is used."""
    places = item.get("jobLocation")
    places = places if isinstance(places, list) else ([places] if places else [])
    locations = [a for a in (_address(p) for p in places) if a]
    remote = RemoteOption.REMOTE if "TELECOMMUTE" in str(item.get("jobLocationType") or "").upper() else None
    reqs = item.get("applicantLocationRequirements")  # where remote applicants must live
    for req in reqs if isinstance(reqs, list) else [reqs]:
        name = _text(req)
        if name and name not in locations:
            locations.append(name)
    employment = item.get("employmentType")
    tags = [t for t in (_text(item.get("industry")), _text(item.get("occupationalCategory"))) if t]
    return JobPostingPreview(
        source="import",
        source_id=canonical_url(url),
        url=url,
        company=_text(item.get("hiringOrganization")) or site_name,
        title=_text(item.get("title")) or _text(item.get("name")),
        locations=locations,
        remote=remote,
        job_type=normalize_job_type(employment),
        salary=_salary(item),
        description=_description(item.get("description")),
        posted_at=parse_datetime(_text(item.get("datePosted")) or None),
        tags=tags,
        extraction=kind,
        valid_through=parse_datetime(_text(item.get("validThrough")) or None),
        expires_at=parse_datetime(_text(item.get("validThrough")) or None),
    )


# --- plain-text fallback ------------------------------------------------------------------------

_CHROME_XPATH = (
    "//script|//style|//noscript|//template|//nav|//footer|//header|//aside|//form|//button|//dialog|//svg"
    "|//*[@role='navigation' or @role='contentinfo' or @role='banner' or @aria-modal='true']"
    "|//*[contains(translate(@id,'COKIESNT','cokiesnt'),'cookie') or contains(translate(@class,'COKIESNT','cokiesnt'),'cookie')"
    " or contains(translate(@id,'COKIESNT','cokiesnt'),'consent') or contains(translate(@class,'COKIESNT','cokiesnt'),'consent')]"
)
_LABEL = r"^\s*(?:{labels})\s*:\s*(?P<value>.+)$"


def _from_text(doc: HtmlElement | None, html: str, url: str) -> JobPostingPreview:
    """The page's main text (chrome dropped from the tree), its title and labelled facts."""
    if doc is None:
        return JobPostingPreview(
            source="import",
            source_id=canonical_url(url),
            url=url,
            company="",
            title="",
            description=html_to_text(html, drop_chrome=True),
        )
    meta = _meta(doc)
    page_title = collapse_whitespace(doc.findtext(".//title") or "")
    for node in doc.xpath(_CHROME_XPATH):
        if node.getparent() is not None:
            node.drop_tree()
    main = (doc.xpath("//main") or doc.xpath("//*[@role='main']") or doc.xpath("//article") or doc.xpath("//body") or [doc])[0]
    h1 = main.xpath(".//h1") or doc.xpath("//h1")
    title = collapse_whitespace(h1[0].text_content()) if h1 else ""
    title = title or _strip_site_suffix(collapse_whitespace(meta.get("og:title", "")) or page_title)
    if not title:
        h2 = main.xpath(".//h2")
        title = collapse_whitespace(h2[0].text_content()) if h2 else ""
    text = element_text(main)
    location = _labelled(text, "location|job location|standort|ort")
    heading = read_heading(f"{title}\n{text}", page_title)  # what a person reads at the top and in the usual sentences
    place, mode = split_location_mode(location) if location else (heading.location, heading.remote)
    salary_text = _labelled(text, "salary|pay|compensation|gehalt")
    return JobPostingPreview(
        source="import",
        source_id=canonical_url(url),
        url=url,
        company=collapse_whitespace(meta.get("og:site_name", "")) or heading.company,
        title=title,
        locations=[location or place] if (location or place) else [],
        remote=mode,
        job_type=normalize_job_type(_labelled(text, "hours|employment type|job type|type")),
        salary=parse_salary(salary_text) if salary_text else None,
        description=text,
        posted_at=parse_datetime(_labelled(text, "date posted|posted") or None),
        tags=[],
        extraction="text",
    )


def _strip_site_suffix(title: str) -> str:
    """'Software Engineer | ABC Careers' → 'Software Engineer'."""
    return re.split(r"\s+[|–—-]\s+", title, maxsplit=1)[0].strip() if title else ""


def _labelled(text: str, labels: str) -> str:
    match = re.search(_LABEL.format(labels=labels), text, re.I | re.M)
    return collapse_whitespace(match.group("value")) if match else ""
