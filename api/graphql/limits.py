"""Limits on what an operation may ask for, decided before it runs.

`RefuseNul` answers a query or subscription whose arguments hold a NUL character (PostgreSQL text
cannot store one) with a clear error before it runs; mutations report it as a field error of
their payload instead (api.graphql.mutation).

`QueryCost` refuses a query string over `max_bytes` before it is parsed (so an oversized query
costs almost nothing), and after validation computes the operation's cost from the document:
every field that returns an object costs 1, times the page size of each list above it — `first`
/ `last` (the argument's default, else `default_page_size`, when absent), or the number of `ids`
asked for — with aliases counted as the separate fields they are and fragments expanded. Above
`budget` the operation is answered with an error and nothing is executed (no SQL at all).
Scalar fields are free: they come with their object's row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    Visitor,
    get_named_type,
    get_operation_ast,
    is_composite_type,
    value_from_ast_untyped,
    visit,
)
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

PAGE_ARGUMENTS = ("first", "last")
COUNT_ARGUMENTS = ("ids",)


class CostCalculator:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any], default_page_size: int):
        self.schema, self.variables, self.default_page_size = schema, dict(variables), default_page_size
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[tuple[int, str | None], int] = {}

    def operation(self, operation: OperationDefinitionNode) -> int:
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and definition.default_value is not None:
                self.variables[name] = value_from_ast_untyped(definition.default_value)
        root = self.schema.get_root_type(operation.operation)
        return self.selections(operation.selection_set, root, frozenset()) if root else 0

    def selections(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None, seen: frozenset[str]) -> int:
        # a fragment used in many places costs the same each time: computed once
        key = (id(selection_set), parent.name if parent else None)
        if key not in self.memo:
            self.memo[key] = sum(self.field(node, owner, seen) for node, owner in self._fields(selection_set, parent, seen))
        return self.memo[key]

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, seen: frozenset[str]) -> int:
        if node.selection_set is None:  # a scalar (validation made sure objects select fields)
            return 0
        fields = parent.fields if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)) else {}
        definition = fields.get(node.name.value)  # None: __typename or unknown (validation decides)
        if definition is None or not is_composite_type(get_named_type(definition.type)):
            return 0
        multiplier = self.multiplier(node, definition.args)
        return 1 + multiplier * self.selections(node.selection_set, get_named_type(definition.type), seen)

    def multiplier(self, node: FieldNode, arguments: Mapping[str, Any]) -> int:
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in PAGE_ARGUMENTS:
            if name in given:
                value = self._value(given[name])
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    return value
        for name in COUNT_ARGUMENTS:
            if name in given:
                value = self._value(given[name])
                if isinstance(value, list):
                    return len(value)
        if any(name in arguments for name in PAGE_ARGUMENTS):
            default = arguments["first"].default_value if "first" in arguments else None
            return default if isinstance(default, int) else self.default_page_size
        return 1

    def _value(self, node: Any) -> Any:
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, ListValueNode):
            return list(node.values)
        return None

    def _fields(
        self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, GraphQLNamedType | None]]:
        """The fields of a selection set with fragments expanded (each fragment once per path)."""
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                condition = self.schema.get_type(selection.type_condition.name.value) if selection.type_condition else parent
                yield from self._fields(selection.selection_set, condition or parent, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    condition = self.schema.get_type(fragment.type_condition.name.value)
                    yield from self._fields(fragment.selection_set, condition or parent, seen | {name})


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    default_page_size: int = 20,
) -> int:
    """The cost of the operation `operation_name` (the only one when None) of a parsed document."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    return CostCalculator(schema, document, variables or {}, default_page_size).operation(operation)


class QueryCost(SchemaExtension):
    def __init__(self, *, budget: int, max_bytes: int, default_page_size: int = 20) -> None:
        self.budget, self.max_bytes, self.default_page_size = budget, max_bytes, default_page_size

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query or ""
        if len(query.encode()) > self.max_bytes:
            raise GraphQLError(
                f"The query is larger than {self.max_bytes:,} bytes, the most the server accepts; send a shorter one"
            )
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            cost = operation_cost(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.variables or {},
                self.default_page_size,
            )
            if cost > self.budget:
                # raised, not returned: the operation (a subscription too) ends here with this error
                raise GraphQLError(
                    f"The query costs {cost}, more than the budget of {self.budget}: ask for smaller pages or fewer fields"
                )
        yield


NUL_ERROR = "Text must not contain NUL characters"


def _holds_nul(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class RefuseNul(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None and context.operation_type != OperationType.MUTATION:
            # a NUL gets into a GraphQL string as itself or as an escape (\u0000, \u{0}): most
            # documents hold neither, and their literals need no walk
            query = context.query or ""
            literals = [node.value for node in _string_values(document)] if "\\u" in query or "\x00" in query else []
            if _holds_nul(context.variables or {}) or _holds_nul(literals):
                raise GraphQLError(NUL_ERROR)
        yield


def _string_values(document: DocumentNode) -> list[StringValueNode]:
    found: list[StringValueNode] = []

    class Collect(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            found.append(node)

    visit(document, Collect())
    return found
