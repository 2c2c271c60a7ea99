"""Common adapter behaviour."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import quote

from api.discovery.http import SourceError, SourceHttp, SourceSkipped
from api.discovery.normalize import filter_postings
from api.discovery.postings import NormalizedPosting, SourceQuery


def obj(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (feeds send null, lists, strings …)."""
    return value if isinstance(value, dict) else {}


class SourceAdapter:
    """Base class. Subclasses set ``name``/``default_base_url`` and implement ``_fetch``.

    ``fetch(query)`` returns the normalised postings that match ``query`` (client-side filter
    applied to every source, so all adapters honour keywords/locations/remote the same way).
    It raises :class:`SourceError` on failure and :class:`SourceSkipped` when the source is
    not configured (see ``skip_reason``).
    """

    name: ClassVar[str] = "base"
    default_base_url: ClassVar[str] = ""
    needs_board_token: ClassVar[bool] = False

    def __init__(self, base_url: str | None = None, http: SourceHttp | None = None) -> None:
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.http = http or SourceHttp()

    def skip_reason(self) -> str | None:
        """Why this source cannot run (missing keys…), or None when it can."""
        return None

    async def fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        reason = self.skip_reason()
        if reason:
            raise SourceSkipped(self.name, reason)
        if self.needs_board_token and not (query.board_token or "").strip():
            raise SourceError(self.name, "a board token (company slug) is required")
        postings = await self._fetch(query)
        return filter_postings(postings, query)

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers -------------------------------------------------------------------------------
    def _board_base(self, token: str) -> str:
        """The board's root for hosts that put the token in the host name.

        A base URL with a ``{token}`` placeholder (the default, e.g. ``https://{token}.recruitee.com``)
        gets the token there; any other base URL (a loopback server in tests, a proxy) gets it as the
        first path segment: ``http://127.0.0.1:8000/{token}``.
        """
        slug = quote(token, safe="")
        if "{token}" in self.base_url:
            return self.base_url.replace("{token}", slug)
        return f"{self.base_url}/{slug}"

    def _expect(self, payload: Any, kind: type, what: str) -> Any:
        if not isinstance(payload, kind):
            raise SourceError(self.name, f"unexpected response shape: {what}")
        return payload

    def _items(self, payload: Any, key: str) -> list[dict[str, Any]]:
        obj = self._expect(payload, dict, f"expected an object with '{key}'")
        items = obj.get(key)
        if items is None:
            raise SourceError(self.name, f"unexpected response shape: missing '{key}'")
        if not isinstance(items, list):
            raise SourceError(self.name, f"unexpected response shape: '{key}' is not a list")
        return [item for item in items if isinstance(item, dict)]
