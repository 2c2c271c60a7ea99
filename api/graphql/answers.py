"""Answers to repeated queries: a per-process cache keyed by everything that changes the answer,
and the ETag that lets a GET query be answered `304 Not Modified`.

The key (also the ETag) is a digest of: the viewer, a personal access token's scopes, the viewer's
data version and the shared tables' version (PostgreSQL changes them in the transaction of every
write: `api.account.versions`), the time bucket, the document, the operation name, the variables and
the response media type. A write therefore never lets an old answer out: the next request reads the
new version and misses.

Only some answers may be kept (`Cacheable`, decided in `api.schema`): queries (never mutations or
subscriptions) of a signed-in viewer whose root fields all read that person's rows (and the shared
tables) and the local date at most. Fields whose answer moves with the clock at a finer grain
(insights expiring at their `validUntil`, snoozes ending, "upcoming" interviews, staleness in days
since a posting was seen) or reads other people's data (peer predictions) or outside services (the
model's health) are not cacheable; a document naming one is executed every time. Answers with
errors are never kept.

The clock: the key carries the quarter hour (UTC). Every time zone's offset is a whole number of
quarter hours, so each local midnight starts a new quarter hour: "due today", streaks and "days
since" are never served from the day before. Within a quarter hour, an answer is the same.

Where: in this process's memory, least recently used first out, bounded by bytes
(`ANSWER_CACHE_BYTES`). Every request still reads the versions (one statement), so several API
processes need no shared invalidation; Redis would add a round trip and the body's transfer to every
hit for a hit rate only shared processes would raise.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    parse,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

BUCKET_SECONDS = 900  # a quarter hour: every zone's local midnight falls on one of its boundaries
CACHE_CONTROL = "private, no-cache"  # browsers keep it, and ask again (If-None-Match) each time


@dataclass(frozen=True)
class Cacheable:
    """Which answers may be kept: root fields of Query, fields of the viewer, and field names that
    make any document uncacheable wherever they appear."""

    roots: frozenset[str]
    viewer: frozenset[str]
    never: frozenset[str]
    viewer_root: str = "viewer"

    def allows(self, query: str, operation_name: str | None) -> bool:
        return _allows(self, query, operation_name)


@lru_cache(maxsize=512)
def _allows(policy: Cacheable, query: str, operation_name: str | None) -> bool:
    try:
        document = parse(query)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == operation_name]
    if len(operations) != 1 or operations[0].operation != OperationType.QUERY:
        return False
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    for root in _fields(operations[0].selection_set, fragments):
        name = root.name.value
        if name == policy.viewer_root:
            if root.selection_set is None:
                return False
            if any(f.name.value not in policy.viewer for f in _fields(root.selection_set, fragments)):
                return False
        elif name not in policy.roots:
            return False
    return not (_names(document) & policy.never)


def _fields(selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> Iterable[FieldNode]:
    """The fields of one selection set, through fragments; `__typename` left out."""
    pending, seen = [selections], set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value != "__typename":
                    yield selection
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                if selection.name.value in fragments:
                    pending.append(fragments[selection.name.value].selection_set)


def _names(document: DocumentNode) -> set[str]:
    names: set[str] = set()
    pending = [d.selection_set for d in document.definitions if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            nested = getattr(selection, "selection_set", None)
            if nested is not None:
                pending.append(nested)
    return names


def time_bucket(now: float) -> int:
    return int(now // BUCKET_SECONDS)


def answer_key(
    *,
    user_id: int,
    scopes: frozenset[str] | None,
    versions: tuple[int, ...],
    bucket: int,
    query: str,
    operation_name: str | None,
    variables: dict | None,
    media_type: str,
) -> str:
    """The digest of everything the answer depends on: the cache key and the ETag's value."""
    parts = [
        str(user_id),
        "*" if scopes is None else ",".join(sorted(scopes)),
        ".".join(map(str, versions)),
        str(bucket),
        hashlib.sha256(query.encode()).hexdigest(),
        operation_name or "",
        json.dumps(variables or {}, sort_keys=True, separators=(",", ":")),
        media_type,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def etag(key: str) -> str:
    return f'"{key}"'


def matches(if_none_match: str | None, key: str) -> bool:
    """Whether an If-None-Match header names this answer (or `*`)."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag(key) in tags or "*" in tags


class AnswerCache:
    """Answer bodies by key, least recently used out first, at most `max_bytes` of them."""

    def __init__(self, max_bytes: int, clock: Callable[[], float] = time.time):
        self.max_bytes, self.clock = max_bytes, clock
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> bytes | None:
        body = self.entries.get(key)
        if body is not None:
            self.entries.move_to_end(key)
        return body

    def put(self, key: str, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:  # one answer never pushes out most of the others
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old)
        self.entries[key] = body
        self.size += len(body)
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped)


@dataclass
class Lookup:
    """One cacheable request on its way: what the key needs besides the versions, and what the
    lookup found (`KeptAnswers` reads the versions once the document passed every limit)."""

    cache: AnswerCache
    versions: Callable[[], Awaitable[tuple[int, ...]]]
    parts: dict[str, Any]
    if_none_match: str | None  # GET only: the browser's kept answer
    key: str | None = None
    not_modified: bool = False
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


class KeptAnswers(SchemaExtension):
    """Last of the extensions: after the parse, validation and limits passed, the versions are read
    and the key made; a kept (or the client's own) answer skips execution."""

    async def on_execute(self) -> Any:
        lookup: Lookup | None = getattr(self.execution_context.context, "answer", None)
        if lookup is not None and self.execution_context.result is None:
            lookup.key = answer_key(**lookup.parts, versions=await lookup.versions(), bucket=time_bucket(lookup.cache.clock()))
            lookup.headers = {"etag": etag(lookup.key), "cache-control": CACHE_CONTROL, "vary": "Authorization"}
            if matches(lookup.if_none_match, lookup.key):
                lookup.not_modified = True
            else:
                lookup.body = lookup.cache.get(lookup.key)
            if lookup.not_modified or lookup.body is not None:
                self.execution_context.result = GraphQLExecutionResult(data={}, errors=None)  # not executed
        yield
