"""What a personal access token may reach: every field belongs to the area of the concept that
defines it (`api.<concept>.…`), read with `<area>:read`, root mutations with `<area>:write`.

Sign-in sessions (`Context.scopes is None`) pass untouched. The check runs as a schema extension on
every resolved field of a token's request, so viewer fields, root fields, mutations and nested
types are covered by the same rule; a concept missing from the map is refused to tokens (fail closed).
Refusals are top-level errors with `extensions.code = "FORBIDDEN"`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo
from strawberry.extensions import SchemaExtension

JOBS, CAREER, DOCUMENTS, PROFILE = "jobs", "career", "documents", "profile"
OPEN = ""  # plumbing (api.graphql, api.schema): connections, page info, payload errors, node lookup
SESSION_ONLY = None

# concept folder → area (strings only: the plumbing imports no concept)
AREAS: dict[str, str] = {
    "job": JOBS,
    "application": JOBS,
    "discovery": JOBS,
    "matching": JOBS,
    "calendar": JOBS,
    "market": JOBS,
    "journey": CAREER,
    "goal": CAREER,
    "guidance": CAREER,
    "recommendation": CAREER,
    "health": CAREER,
    "interview": DOCUMENTS,
    "document": DOCUMENTS,
    "user": PROFILE,
    "resume": PROFILE,
    "notification": PROFILE,
    "digest": PROFILE,
    "ai": PROFILE,
    "skill": PROFILE,
    "token": PROFILE,
    "identity": PROFILE,  # sign-in providers: connected accounts are readable, never changed by a token
    "graphql": OPEN,
    "schema": OPEN,
    "": OPEN,  # defined outside the api package: strawberry's own (`id` of a node, connection edges)
}
# Mutations a token never runs, whatever its scopes: its own kind (creating or revoking tokens),
# and the account itself (sign-in, password, email, providers, sessions, deletion). Of the
# account's mutations only the profile is open to `profile:write`.
SESSION_ONLY_CONCEPTS = {"token", "identity"}
ACCOUNT_CONCEPT, ACCOUNT_OPEN = "user", {"profileUpdate"}
ALWAYS_OPEN = {("Query", "viewer"), ("User", "id")}
ROOTS = {"Query": "read", "Mutation": "write", "Subscription": "read"}


class ScopeError(GraphQLError):
    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "FORBIDDEN"})


def _concept(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "api" else ""


@cache
def required_scope(type_name: str, field_name: str, module: str) -> str | None:
    """The scope a token needs for this field: "" when none, None when no token may run it."""
    if (type_name, field_name) in ALWAYS_OPEN:
        return ""
    concept = _concept(module)
    area = AREAS.get(concept)
    if area is None:
        return SESSION_ONLY
    access = ROOTS.get(type_name, "read")
    if access == "write" and (
        concept in SESSION_ONLY_CONCEPTS or (concept == ACCOUNT_CONCEPT and field_name not in ACCOUNT_OPEN)
    ):
        return SESSION_ONLY
    return f"{area}:{access}" if area else ""


def _module(info: GraphQLResolveInfo) -> str:
    """The module that defines the field; "" for GraphQL's own (`__typename`, introspection)."""
    field = info.parent_type.fields.get(info.field_name)
    if field is None:
        return ""
    definition = field.extensions.get("strawberry-definition")
    origin = getattr(definition, "origin", None)
    return getattr(origin, "__module__", "") if origin is not None else ""


def check_scopes(info: GraphQLResolveInfo, scopes: frozenset[str]) -> None:
    needed = required_scope(info.parent_type.name, info.field_name, _module(info))
    if needed == "":
        return
    if needed is None:
        raise ScopeError(f"'{info.field_name}' needs a signed-in session; personal access tokens cannot use it")
    if needed not in scopes:
        verb = "change" if needed.endswith(":write") else "read"
        raise ScopeError(f"This access token cannot {verb} '{info.field_name}': it needs the {needed} scope")


class TokenScopes(SchemaExtension):
    def resolve(self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any) -> Any:
        scopes = getattr(info.context, "scopes", None)
        if scopes is not None:
            check_scopes(info, scopes)
        return _next(root, info, *args, **kwargs)
