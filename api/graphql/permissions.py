"""Authentication as a Strawberry permission: root fields that need a signed-in caller declare
`permission_classes=[IsAuthenticated]` (the mutation pipeline and `authenticated_field` do)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from api.errors import AuthenticationError


class IsAuthenticated(BasePermission):
    message = "Authentication required"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        # Raised, not returned: the client must tell "expired" (refresh) from "signed out".
        if info.context.user_id is None:
            raise AuthenticationError(info.context.auth_error or self.message)
        return True


def authenticated_field(**options: Any) -> Any:
    """`strawberry.field` for a root query or subscription field that needs a signed-in caller."""
    return strawberry.field(permission_classes=[IsAuthenticated], **options)
