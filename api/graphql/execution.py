"""The executor: graphql-core's, with personal access token scopes checked per field and plain
fields completed in one tight loop.

Most of a list page's fields are plain: a Strawberry field without resolver, extensions or
arguments whose value is an attribute of its parent (`Job.company`) and whose type is a scalar, an
enum or a list of them. graphql-core resolves each through its resolver, the middleware, a resolve
info, a path and four completion calls. Here such a field is read (`getattr`, Strawberry's default
resolver) and converted in place; a value the shortcut does not expect (null for a non-null field,
a wrong type, a failing serializer) takes graphql-core's own way, so every error reads as before.
Fields with a resolver, arguments or an object type always take graphql-core's way, except a
resolver's field marked `prefetched("attribute")` whose value a list loaded ahead into that attribute
(`Job.applications` of the jobs page): while the attribute holds it, the field is completed from it
like an attribute field; while it is None, the resolver runs.

Scopes (`api.graphql.scopes`) are checked here rather than by a middleware, which would wrap every
field of every request: a sign-in session (`Context.scopes is None`) pays nothing for them.

A subscription's executor lives as long as the subscription, and every event is executed by a
shallow copy of it: graphql-core's memos of the collected sub-fields and execution plans (and our
own plans), and the middleware's wrapped resolvers, would be shared with those copies and grow on the
long-lived one (~7 KB per idle subscription after its first event). Here each event gets memos of its
own, dropped with it: an idle subscriber keeps only what its next event needs to start. The Schema
keeps an operation's extension exits in a list instead of a deque.
"""

from __future__ import annotations

import builtins
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import strawberry
from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    MiddlewareManager,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, RefMap, Undefined, gather_with_cancel
from strawberry import relay
from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import OperationContextManager
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.relay.utils import to_base64
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext
from strawberry.types.field import StrawberryField

from api.graphql.scopes import field_scope_error

SLOW = object()  # a value the shortcut leaves to graphql-core (it raises or converts the usual way)
MAX_INT, MIN_INT = 2**31 - 1, -(2**31)
Convert = Callable[[Any], Any]  # a field's value → its response value, or SLOW


def _same(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        return value if type(value) is kind else SLOW

    return convert


def _int(value: Any) -> Any:
    return value if type(value) is int and MIN_INT <= value <= MAX_INT else SLOW


def _float(value: Any) -> Any:
    return value if type(value) is float and math.isfinite(value) else SLOW


def _enum(enum_type: GraphQLEnumType) -> Convert | None:
    """A Strawberry enum: its Python members by their GraphQL names, as its serializer does."""
    wrapped = getattr(enum_type, "wrapped_cls", None)
    if wrapped is None:
        return None
    names: dict[Any, str] = {}
    for member in wrapped:
        for name, value in enum_type.values.items():
            if member.value == value.value:
                names.setdefault(member, name)
                break
    get = names.get

    def convert(value: Any) -> Any:
        return get(value, SLOW) if type(value) is wrapped else SLOW

    return convert


def _scalar(scalar: GraphQLScalarType) -> Convert:
    coerce = scalar.coerce_output_value

    def convert(value: Any) -> Any:
        if isinstance(value, Exception):
            return SLOW
        try:
            coerced = coerce(value)
        except Exception:  # graphql-core reports it, with the field's path
            return SLOW
        return SLOW if coerced is None or coerced is Undefined else coerced

    return convert


# graphql-core's own scalars (Strawberry's str, ID, bool, int, float): the types they pass unchanged
BUILT_IN: tuple[tuple[GraphQLScalarType, Convert], ...] = (
    (GraphQLString, _same(str)),
    (GraphQLID, _same(str)),
    (GraphQLBoolean, _same(bool)),
    (GraphQLInt, _int),
    (GraphQLFloat, _float),
)


def _leaf(gql_type: Any) -> Convert | None:
    """How to convert a value of this (nullable or not) type, or None when it is not a leaf or a list of leaves."""
    nullable = not isinstance(gql_type, GraphQLNonNull)
    inner = gql_type if nullable else gql_type.of_type
    if isinstance(inner, GraphQLList):
        item = _leaf(inner.of_type)
        if item is None:
            return None
        convert: Convert = _list(item)
    elif isinstance(inner, GraphQLEnumType):
        found = _enum(inner)
        if found is None:
            return None
        convert = found
    elif isinstance(inner, GraphQLScalarType):
        convert = next((same for scalar, same in BUILT_IN if inner is scalar), None) or _scalar(inner)
    else:
        return None
    if not nullable:
        return convert

    def maybe(value: Any) -> Any:
        return None if value is None else convert(value)

    return maybe


def _list(item: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            return SLOW
        out = [item(entry) for entry in value]
        return SLOW if SLOW in out else out

    return convert


# A plain field, computed once per field of a schema: (python name, converter) of an attribute, or
# (None, reader) of a value computed from its parent, `reader(parent, parent type name)`.
Plain = tuple[str | None, Callable[..., Any]] | None
_KNOWN: WeakKeyDictionary[GraphQLSchema, dict[int, tuple[GraphQLField, Plain, Any]]] = WeakKeyDictionary()
_NODE_ID = relay.Node.__dict__["_id"].__func__  # Strawberry's resolver of a Relay node's `id`
_ID_ATTRIBUTES: dict[type, str | None] = {}  # node class → the attribute holding its id (None: its own id methods)


def _id_attribute(cls: type) -> str | None:
    """The attribute a node class keeps its id in, when it resolves ids the way relay.Node does."""
    if cls not in _ID_ATTRIBUTES:
        default = (
            issubclass(cls, relay.Node)
            and getattr(cls.resolve_id, "__func__", None) is relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
            and getattr(cls.resolve_typename, "__func__", None) is relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
        )
        _ID_ATTRIBUTES[cls] = cls.resolve_id_attr() if default else None  # type: ignore[attr-defined]
    return _ID_ATTRIBUTES[cls]


def _node_id(source: Any, type_name: str) -> Any:
    """A node's global id as `Node._id` and the ID scalar make it: base64 of "<type name>:<id>"
    (the type name is the parent's, which is what relay.Node.resolve_typename answers)."""
    attribute = _id_attribute(type(source))
    if attribute is None:
        return SLOW
    node_id = getattr(source, attribute, None)
    if node_id is None or type(node_id) not in (int, str):
        return SLOW
    return to_base64(type_name, str(node_id))


def plain_field(field_def: GraphQLField) -> Plain:
    """How to complete the field in place, when it is plain: Strawberry's default attribute
    resolver, no arguments, a leaf type or a list of leaves; or a Relay node's `id`."""
    definition = field_def.extensions.get("strawberry-definition")
    if not isinstance(definition, StrawberryField) or definition.extensions or field_def.args:
        return None
    resolver = definition.base_resolver
    if resolver is not None:  # a node's id
        node_id = getattr(resolver.wrapped_func, "__func__", None) is _NODE_ID
        inner = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) else None
        return (None, _node_id) if node_id and inner is GraphQLID else None
    if not _attribute(field_def, definition):
        return None
    convert = _leaf(field_def.type)
    return None if convert is None else (definition.python_name, convert)


def _attribute(field_def: GraphQLField, definition: StrawberryField) -> bool:
    """Whether the field's value is its parent's attribute, read by Strawberry's default resolver
    (without Info, extensions or arguments)."""
    resolve = field_def.resolve
    return (
        definition.base_resolver is None
        and not definition.extensions
        and not field_def.args
        and definition.default_resolver is builtins.getattr
        and getattr(resolve, "_is_default", False)
        and getattr(resolve, "__name__", "") == "_get_basic_result"
    )


@dataclass(frozen=True)
class Nested:
    """A field whose value is its parent's attribute holding an object (or a list of objects) of
    one object type: completed by executing the object's selection directly."""

    name: str  # the attribute
    return_type: Any  # the field's type, as graphql-core's error handling takes it
    object_type: GraphQLObjectType
    nullable: bool  # the field (or, in a list, the list itself)
    item_type: Any  # a list's item type (NonNull or not), None for a single object
    items_nullable: bool = False
    prefetched: bool = False  # a resolver's field whose value a list loaded ahead (None: not loaded, resolve it)


def prefetched(attribute: str) -> dict[str, str]:
    """The metadata of a field with a resolver whose value a list may have loaded ahead into the
    object's `attribute` (a Strawberry Private, None until loaded): where it is there, the executor
    completes the field from it in its loop, without calling the resolver; where it is None, the
    resolver runs. `@strawberry.field(metadata=prefetched("loaded_applications"))`."""
    return {PREFETCHED: attribute}


PREFETCHED = "cc-prefetched"


def nested_field(field_def: GraphQLField) -> Nested | None:
    definition = field_def.extensions.get("strawberry-definition")
    if not isinstance(definition, StrawberryField):
        return None
    metadata: dict[str, Any] = dict(definition.metadata or {})
    ahead = metadata.get(PREFETCHED)
    if ahead is not None and (definition.extensions or field_def.args):
        ahead = None
    if ahead is None and not _attribute(field_def, definition):
        return None
    name = ahead or definition.python_name
    field_type: Any = field_def.type
    nullable = not isinstance(field_type, GraphQLNonNull)
    inner = field_type if nullable else field_type.of_type
    if isinstance(inner, GraphQLObjectType):
        return Nested(name, field_type, inner, nullable, None, prefetched=ahead is not None)
    if not isinstance(inner, GraphQLList):
        return None
    item_type = inner.of_type
    items_nullable = not isinstance(item_type, GraphQLNonNull)
    object_type = item_type if items_nullable else item_type.of_type
    if not isinstance(object_type, GraphQLObjectType):
        return None
    return Nested(name, field_type, object_type, nullable, item_type, items_nullable, prefetched=ahead is not None)


def _fits(object_type: GraphQLObjectType, value: Any) -> bool:
    """Whether graphql-core would complete `value` as this object type without a question: no
    `is_type_of`, or Strawberry's own (an isinstance check that reads no resolve info)."""
    is_type_of = object_type.is_type_of
    if is_type_of is None:
        return True
    definition = object_type.extensions.get("strawberry-definition")
    if definition is None or getattr(definition, "is_type_of", None) is not None:  # a type's own is_type_of may read info
        return False
    return is_type_of(value, None) is True  # type: ignore[arg-type]


# A selection's plan: (response name, its field details, plain or None, nested or None)
Step = tuple[str, FieldDetailsList, Plain, Nested | None]


# the executor's memos (graphql-core 3.3, and our plans): name -> a fresh empty one
_MEMOS: dict[str, Callable[[], Any]] = {
    "_relevant_sub_fields": dict,
    "_stream_usages": RefMap,
    "_initial_execution_plans": RefMap,
    "_deferred_execution_plans": RefMap,
    "_plans": dict,
}


class Execution(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scopes: frozenset[str] | None = getattr(self.context_value, "scopes", None)
        known = _KNOWN.get(self.schema)
        if known is None:
            known = _KNOWN[self.schema] = {}
        self._known = known
        self._plans: dict[int, tuple[GroupedFieldSet, GraphQLObjectType, list[Step]]] = {}

    def build_per_event_executor(self, payload: Any) -> Any:
        executor = super().build_per_event_executor(payload)
        dropped = False
        for name, fresh in _MEMOS.items():
            setattr(executor, name, fresh())
            # what subscribing itself memoised: the long-lived executor is only ever copied again
            dropped = self.__dict__.pop(name, None) is not None or dropped
        if dropped:  # once: its ~30 attributes in a dict built at once (half the size of one grown key by key)
            self.__dict__ = dict(self.__dict__)
        if self.middleware_manager is not None:
            executor.middleware_manager = MiddlewareManager(*self.middleware_manager.middlewares)
        return executor

    def _shortcut(self, field_def: GraphQLField) -> tuple[Plain, Nested | None]:
        entry = self._known.get(id(field_def))
        if entry is None:
            plain = plain_field(field_def)
            entry = self._known[id(field_def)] = (field_def, plain, None if plain else nested_field(field_def))
        return entry[1], entry[2]

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet, root: bool) -> list[Step]:
        """The steps of a selection on a type, once per request: graphql-core collects a nested
        selection once for all the objects of a list (and all the events of a subscription); the set
        is kept alive with the plan so its id stays unique. The root's selection, collected anew for
        each event, is planned each time and not kept (a subscription would pile them up)."""
        cached = None if root else self._plans.get(id(grouped_field_set))
        if cached is not None and cached[1] is parent_type:
            return cached[2]
        steps: list[Step] = []
        for response_name, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            field_def = self.schema.get_field(parent_type, node.name.value)
            plain: Plain = None
            nested: Nested | None = None
            # a directive left on a field (@defer, @stream) is graphql-core's business
            if field_def is not None and not node.arguments and not any(d.node.directives for d in field_details_list):
                plain, nested = self._shortcut(field_def)
            steps.append((response_name, field_details_list, plain, nested))
        if not root:
            self._plans[id(grouped_field_set)] = (grouped_field_set, parent_type, steps)
        return steps

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if self.scopes is not None:  # a token's request: every field is checked on graphql-core's way
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list, plain, nested in self._plan(parent_type, grouped_field_set, path is None):
                if nested is not None:
                    completed = self._nested(
                        nested, parent_type, source_value, path, response_name, field_details_list, position_context
                    )
                    if completed is not SLOW:
                        results[response_name] = completed
                        if type(completed) is not dict and type(completed) is not list and is_awaitable(completed):
                            awaitable_fields.append(response_name)
                        continue
                if plain is not None:
                    name, convert = plain
                    try:  # anything unexpected is left to graphql-core, which raises it again where it belongs
                        if name is None:
                            value = convert(source_value, parent_type.name)
                        else:
                            value = getattr(source_value, name, SLOW)
                            if value is not SLOW:
                                value = convert(value)
                    except Exception:
                        value = SLOW
                    if value is not SLOW:
                        results[response_name] = value
                        continue
                result = self.execute_field(
                    parent_type, source_value, field_details_list, Path(path, response_name, parent_type.name), position_context
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return self._gather(results, awaitable_fields)

    def _nested(
        self,
        nested: Nested,
        parent_type: GraphQLObjectType,
        source: Any,
        path: Path | None,
        response_name: str,
        field_details_list: FieldDetailsList,
        position_context: Any,
    ) -> Any:
        """The field's object (or list of objects) completed as graphql-core's execute_field and
        complete_value would: SLOW, before anything ran, when the value is not what they expect
        without a question; after that, errors are handled (and located) as theirs are."""
        try:
            value = getattr(source, nested.name)
        except Exception:
            return SLOW
        if value is None:
            return None if nested.nullable and not nested.prefetched else SLOW
        object_type, is_awaitable = nested.object_type, self.is_awaitable
        if nested.item_type is None:
            if is_awaitable(value) or not _fits(object_type, value):
                return SLOW
        elif type(value) is not list and type(value) is not tuple:
            return SLOW
        else:
            for item in value:
                if item is None:
                    if not nested.items_nullable:
                        return SLOW
                elif is_awaitable(item) or not _fits(object_type, item):
                    return SLOW
        field_path = Path(path, response_name, parent_type.name)
        return_type = nested.return_type
        try:
            if nested.item_type is None:
                completed = self.collect_and_execute_subfields(
                    object_type, field_details_list, field_path, value, position_context
                )
            else:
                completed = self._objects(nested, value, field_details_list, field_path, position_context)
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, field_path)
            return None
        if type(completed) is not dict and type(completed) is not list and is_awaitable(completed):  # most are done
            return self._settled(completed, return_type, field_details_list, field_path)
        return completed

    def _objects(
        self, nested: Nested, items: Any, field_details_list: FieldDetailsList, path: Path, position_context: Any
    ) -> Any:
        """A list of objects, item by item as graphql-core's complete_iterable_value does."""
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        try:
            for index, item in enumerate(items):
                if item is None:
                    completed.append(None)
                    continue
                item_path = path.add_key(index, None)
                try:
                    value = self.collect_and_execute_subfields(
                        nested.object_type, field_details_list, item_path, item, position_context
                    )
                except Exception as raw_error:
                    self.handle_field_error(raw_error, nested.item_type, field_details_list, item_path)
                    completed.append(None)
                    continue
                if type(value) is not dict and self.is_awaitable(value):
                    completed.append(self._settled(value, nested.item_type, field_details_list, item_path))
                    awaitable_indices.append(index)
                else:
                    completed.append(value)
        except Exception:
            if awaitable_indices:
                self.settle_in_background([completed[index] for index in awaitable_indices])
            raise
        if not awaitable_indices:
            return completed
        return self._gather(completed, awaitable_indices)

    async def _settled(self, completed: Any, return_type: Any, field_details_list: FieldDetailsList, path: Path) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None

    async def _gather(self, container: Any, keys: list[Any]) -> Any:
        """`container` (results by field name, or a list's items by index) with its awaitables at `keys` awaited."""
        if len(keys) == 1:
            container[keys[0]] = await container[keys[0]]
        else:
            awaited = await gather_with_cancel(*(container[key] for key in keys))
            for key, value in zip(keys, awaited, strict=True):
                container[key] = value
        return container

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        if self.scopes is not None:
            field_def = self.schema.get_field(parent_type, field_details_list[0].node.name.value)
            error = field_scope_error(parent_type.name, field_details_list[0].node.name.value, field_def, self.scopes)
            if error is not None and field_def is not None:
                self.handle_field_error(error, field_def.type, field_details_list, path)
                return None
        return super().execute_field(parent_type, source, field_details_list, path, position_context)


class _LeanOperation(OperationContextManager):
    """Strawberry's context of the operation hooks, open for a subscription's whole life: its exit
    callbacks are kept in a list instead of ExitStack's deque (~760 bytes)."""

    async def __aenter__(self) -> None:
        await super().__aenter__()
        stack = self.async_exit_stack
        stack._exit_callbacks = list(stack._exit_callbacks)  # type: ignore[attr-defined]  # append/pop only


class LeanExtensionsRunner(SchemaExtensionsRunner):
    def operation(self) -> OperationContextManager:
        return _LeanOperation(self.extensions)


class Schema(strawberry.Schema):
    """strawberry.Schema, running the extensions with `LeanExtensionsRunner`."""

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return LeanExtensionsRunner(execution_context=execution_context, extensions=extensions)
