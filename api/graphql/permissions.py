"""Authentication as a Strawberry permission: root fields that need a signed-in caller declare
`permission_classes=[IsAuthenticated]` (the mutation pipeline and `authenticated_field` do)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission


class IsAuthenticated(BasePermission):
    message = "Authentication required"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        # Context.viewer_id raises rather than returns False: the client must tell "expired"
        # (refresh) from "signed out", which the error message says.
        info.context.viewer_id  # noqa: B018 - read for the error it raises
        return True


def authenticated_field(**options: Any) -> Any:
    """`strawberry.field` for a root query or subscription field that needs a signed-in caller."""
    return strawberry.field(permission_classes=[IsAuthenticated], **options)
