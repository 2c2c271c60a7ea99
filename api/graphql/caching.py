"""Parse and validate each distinct document once per process.

Strawberry's `ParserCache` and `ValidationCache` keep LRU caches keyed by the query text (and
parse options) and by (schema, document, validation rules). The depth and alias limits are
therefore added as validation rules made once per schema: `QueryDepthLimiter` and
`MaxAliasesLimiter` make a new rule class per request, which no cache would ever hit.

The token limit and the rules (introspection refused included) are set by these two extensions as
they parse and validate, not by `MaxTokensLimiter` / `AddValidationRules` / `DisableIntrospection`:
those do it in an `on_operation` hook, held open for the operation's whole life, which for an idle
subscription is its whole life too (~0.6 KB each).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

CACHED_DOCUMENTS = 512  # distinct documents kept parsed and validated (the web app sends ~150)


class LimitedParserCache(ParserCache):
    """The parse cache, parsing with at most `max_tokens` tokens."""

    def __init__(self, *, maxsize: int, max_tokens: int) -> None:
        super().__init__(maxsize=maxsize)
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self.max_tokens
        yield from super().on_parse()


class RuledValidationCache(ValidationCache):
    """The validation cache, validating with `rules` besides GraphQL's own."""

    def __init__(self, *, maxsize: int, rules: tuple[type[ASTValidationRule], ...]) -> None:
        super().__init__(maxsize=maxsize)
        self.rules = rules

    def on_validate(self) -> Iterator[None]:
        self.execution_context.validation_rules = self.execution_context.validation_rules + self.rules
        yield from super().on_validate()


def cached_validation(
    *, max_depth: int, max_aliases: int, max_tokens: int, introspection: bool
) -> list[Callable[[], SchemaExtension]]:
    """Extension factories: the parse cache with the token limit, the validation cache with the depth
    and alias limits (and introspection refused unless `introspection`)."""
    rules: list[type[ASTValidationRule]] = [depth_rule(max_depth, None, None), aliases_rule(max_aliases)]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return [
        partial(LimitedParserCache, maxsize=CACHED_DOCUMENTS, max_tokens=max_tokens),
        partial(RuledValidationCache, maxsize=CACHED_DOCUMENTS, rules=tuple(rules)),
    ]
