"""graphql-core's executor as Strawberry runs it, except that a subscription keeps no memo between
its events; and the Schema whose operations keep their extension hooks' exits in a list.

A subscription's executor lives as long as the subscription, and every event is executed by a
shallow copy of it: graphql-core's memos of the collected sub-fields and execution plans, and the
middleware's wrapped resolvers, are shared with those copies and so grow on the long-lived one
(~7 KB per idle subscription after its first event). Here each event gets memos of its own,
dropped with it: an idle subscriber keeps only what its next event needs to start.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import MiddlewareManager
from graphql.pyutils import RefMap
from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import OperationContextManager
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext

# the executor's memos (graphql-core 3.3): name -> a fresh empty one
_MEMOS = {
    "_relevant_sub_fields": dict,
    "_stream_usages": RefMap,
    "_initial_execution_plans": RefMap,
    "_deferred_execution_plans": RefMap,
}


class EventScopedExecution(StrawberryGraphQLCoreExecutionContext):
    def build_per_event_executor(self, payload: Any) -> Any:
        executor = super().build_per_event_executor(payload)
        for name, fresh in _MEMOS.items():
            if name in executor.__dict__:
                setattr(executor, name, fresh())
                setattr(self, name, fresh())  # what subscribing itself memoised
        if self.middleware_manager is not None:
            executor.middleware_manager = MiddlewareManager(*self.middleware_manager.middlewares)
        return executor


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
