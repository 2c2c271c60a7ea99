"""The typed request context: who is calling, settings, and the per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket

from api.config import Settings
from api.errors import AuthenticationError
from api.user.tokens import decode_access_token


@dataclass
class Context:
    request: Request | WebSocket
    settings: Settings
    response: Any = None
    user_id: int | None = None
    auth_error: str | None = None
    connection_params: dict | None = None
    loaders: dict[type, Any] = field(default_factory=dict)

    def authenticate(self, authorization: str | None) -> None:
        self.user_id, self.auth_error = None, None
        if not authorization:
            return
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            self.auth_error = "Authorization must be 'Bearer <access token>'"
            return
        try:
            self.user_id = decode_access_token(self.settings, token.strip())
        except AuthenticationError as exc:
            self.auth_error = str(exc)

    def require_user(self) -> int:
        if self.user_id is None:
            raise AuthenticationError(self.auth_error or "Authentication required")
        return self.user_id
