"""A company's own careers page carrying schema.org JobPosting data (JSON-LD or microdata).

Token: the page's URL (``https://example.com/careers``). The page is fetched through the SSRF guard
exactly as URL imports are (:func:`api.discovery.fetch.fetch_page`: public addresses only, pinned
connection, redirects re-vetted, size and time limits), and every JobPosting on it is read with the URL
import's schema.org mapping (:func:`api.discovery.jobposting.page_postings`). HTTP 429/5xx, timeouts and
failed connections are retried like the other sources. A page with JSON-LD but no JobPosting is an empty
board; a page whose JSON-LD cannot be read and yields no posting is an error. The base URL is unused
(the token is the URL); ``allow_private``/``allowed_addresses`` are the guard's exemptions (settings
ALLOW_PRIVATE_FETCH / FETCH_ALLOWED_ADDRESSES).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection

import lxml.html

from api.discovery.adapters.base import SourceAdapter
from api.discovery.dedup import canonical_url
from api.discovery.fetch import DEFAULT_MAX_BYTES, FetchedPage, FetchError, fetch_page
from api.discovery.http import RETRY_STATUSES, SourceError, SourceHttp
from api.discovery.jobposting import page_postings
from api.discovery.postings import NormalizedPosting, SourceQuery

_STATUS = re.compile(r"^HTTP (\d{3})")


def _ld_blocks(html: str) -> tuple[int, int]:
    """(JSON-LD blocks on the page, how many of them are not valid JSON)."""
    try:
        doc = lxml.html.document_fromstring(html)
    except Exception:  # an empty or unparsable document
        return 0, 0
    blocks = [s.text or "" for s in doc.iter("script") if (s.get("type") or "").strip().lower() == "application/ld+json"]
    broken = 0
    for block in blocks:
        try:
            json.loads(block, strict=False)
        except ValueError:
            broken += 1
    return len(blocks), broken


class CareersPageAdapter(SourceAdapter):
    name = "careers_page"
    default_base_url = ""
    needs_board_token = True

    def __init__(
        self,
        base_url: str | None = None,
        http: SourceHttp | None = None,
        *,
        allow_private: bool = False,
        allowed_addresses: Collection[str] = (),
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(base_url, http)
        self.allow_private = allow_private in (True, "1", "true", "True")
        if isinstance(allowed_addresses, str):  # from the environment: a JSON list or "ip:port,ip"
            text = allowed_addresses.strip()
            allowed_addresses = json.loads(text) if text.startswith("[") else [a for a in text.split(",") if a.strip()]
        self.allowed_addresses = [str(a).strip() for a in allowed_addresses]
        self.max_bytes = int(max_bytes)

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        url = (query.board_token or "").strip()
        page = await self._page(url)
        found = page_postings(page.text, page.final_url)
        if not found:
            blocks, broken = _ld_blocks(page.text)
            if broken:
                raise SourceError(self.name, f"malformed JSON-LD on the page ({broken} of {blocks} blocks unreadable)")
        postings = []
        for preview in found:
            posting = NormalizedPosting(
                source=self.name,
                source_id=canonical_url(preview.url) if len(found) == 1 else f"{canonical_url(page.final_url)}#{preview.title}",
                url=preview.url,
                company=preview.company,
                title=preview.title,
                locations=preview.locations,
                remote=preview.remote,
                job_type=preview.job_type,
                salary=preview.salary,
                description=preview.description,
                posted_at=preview.posted_at,
                tags=preview.tags,
                expires_at=preview.expires_at,
            )
            postings.append(posting)
        return postings

    async def _page(self, url: str) -> FetchedPage:
        """fetch_page with the sources' retry policy (429/5xx, timeouts, failed connections)."""
        attempts = self.http.attempts
        problem = ""
        for attempt in range(1, attempts + 1):
            await self.http.limiter.wait(self.name)
            try:
                return await fetch_page(
                    url,
                    allow_private=self.allow_private,
                    allowed_addresses=self.allowed_addresses,
                    max_bytes=self.max_bytes,
                    timeout=self.http.timeout,
                    user_agent=self.http.user_agent,
                )
            except FetchError as exc:
                status = _STATUS.match(exc.message)
                if status and int(status.group(1)) in RETRY_STATUSES:
                    problem = f"HTTP {status.group(1)}"
                elif exc.code in ("TIMEOUT", "CONNECTION_FAILED"):
                    problem = "timed out" if exc.code == "TIMEOUT" else "connection failed"
                else:
                    raise SourceError(self.name, _reason(exc)) from exc
            if attempt < attempts:
                await self.http.pause(min(self.http.retry_after_cap, 0.5 * 2 ** (attempt - 1)))
        plural = "s" if attempts != 1 else ""
        raise SourceError(self.name, f"{problem} after {attempts} attempt{plural}")


def _reason(exc: FetchError) -> str:
    if exc.code == "FORBIDDEN_ADDRESS":
        return f"the page's address is not allowed ({exc.message})"
    return exc.message
