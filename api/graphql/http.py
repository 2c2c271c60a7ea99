"""GraphQL over HTTP, to the letter: content negotiation, request errors, bounded JSON."""

from __future__ import annotations

import json
from typing import Any

GRAPHQL_RESPONSE = "application/graphql-response+json"
MAX_JSON_DEPTH = 64  # request bodies, variables and WebSocket messages


def prefers_graphql_response(accept: str) -> bool:
    """GraphQL-over-HTTP content negotiation: `application/graphql-response+json` when the client
    asks for it at least as much as `application/json`; `*/*` or no Accept header get JSON."""
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media.lower()] = max(weight, weights.get(media.lower(), 0.0))
    wanted = weights.get(GRAPHQL_RESPONSE, 0.0)
    return wanted > 0 and wanted >= weights.get("application/json", 0.0)


def is_request_error(response_data: Any) -> bool:
    """No execution happened: errors without a path (parse, validation, limits) and no data."""
    if not isinstance(response_data, dict) or response_data.get("data") is not None:
        return False
    errors = response_data.get("errors") or []
    return bool(errors) and all(not error.get("path") for error in errors)


class JSONTooDeep(json.JSONDecodeError):
    pass


def json_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether a parsed JSON value nests deeper than `limit` (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return False


def bounded_json(data: str | bytes) -> Any:
    """json.loads, refusing documents nested deeper than MAX_JSON_DEPTH (before the decoder's own
    recursion would fail with an internal error)."""
    message = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        value = json.loads(data)
    except RecursionError as error:
        raise JSONTooDeep(message, "", 0) from error
    if json_depth_exceeds(value, MAX_JSON_DEPTH):
        raise JSONTooDeep(message, "", 0)
    return value
