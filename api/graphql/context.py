"""The typed request context: who is calling, settings, and the per-request loaders.

Who is calling is decided by the view that builds the context (`api.app`), from the bearer
token; the plumbing never reads tokens itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket

from api.config import Settings
from api.errors import AuthenticationError


@dataclass(slots=True)  # one per request and per live socket: no instance dict
class Context:
    request: Request | WebSocket
    settings: Settings
    response: Any = None
    user_id: int | None = None
    auth_error: str | None = None
    # None: a sign-in session; a personal access token's granted scopes otherwise (api.graphql.scopes)
    scopes: frozenset[str] | None = None
    connection_params: dict | None = None
    access_token: str | None = None  # over WebSocket: checked again on every subscribe
    socket_entry: str | None = None  # over WebSocket: this socket's entry in its user's count
    session_family: str | None = None  # over WebSocket: the sign-in its token belongs to (closed when it ends)
    loaders: dict[type, Any] = field(default_factory=dict)
    answer: Any = None  # a cacheable query's lookup (api.graphql.answers.Lookup)

    @property
    def viewer_id(self) -> int:
        """The signed-in caller. Fields behind `IsAuthenticated` read this; elsewhere it raises the
        same error the permission would."""
        if self.user_id is None:
            raise AuthenticationError(self.auth_error or "Authentication required")
        return self.user_id
