"""What a personal access token may reach: every field belongs to the area of the concept that
defines it (`api.<concept>.…`), read with `<area>:read`, root mutations with `<area>:write`.

Sign-in sessions (`Context.scopes is None`) pass untouched. The executor (`api.graphql.execution`)
checks every resolved field of a token's request, so viewer fields, root fields, mutations and nested
types are covered by the same rule; a concept missing from the map is refused to tokens (fail closed).
Refusals are top-level errors with `extensions.code = "FORBIDDEN"`.
"""

from __future__ import annotations

from functools import cache

from graphql import GraphQLError, GraphQLField

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


def _module(field_def: GraphQLField | None) -> str:
    """The module that defines the field; "" for GraphQL's own (`__typename`, introspection)."""
    if field_def is None:
        return ""
    definition = field_def.extensions.get("strawberry-definition")
    origin = getattr(definition, "origin", None)
    return getattr(origin, "__module__", "") if origin is not None else ""


def field_scope_error(
    type_name: str, field_name: str, field_def: GraphQLField | None, scopes: frozenset[str]
) -> ScopeError | None:
    """Why a token with `scopes` may not resolve this field, or None when it may (the executor,
    `api.graphql.execution`, asks for every field of a token's request)."""
    needed = required_scope(type_name, field_name, _module(field_def))
    if needed == "":
        return None
    if needed is None:
        return ScopeError(f"'{field_name}' needs a signed-in session; personal access tokens cannot use it")
    if needed not in scopes:
        verb = "change" if needed.endswith(":write") else "read"
        return ScopeError(f"This access token cannot {verb} '{field_name}': it needs the {needed} scope")
    return None
