"""Parse and validate each distinct document once per process.

Strawberry's `ParserCache` and `ValidationCache` keep LRU caches keyed by the query text (and
parse options) and by (schema, document, validation rules). The depth and alias limits are
therefore added as validation rules made once per schema: `QueryDepthLimiter` and
`MaxAliasesLimiter` make a new rule class per request, which no cache would ever hit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from graphql.validation import ASTValidationRule
from strawberry.extensions import AddValidationRules, ParserCache, SchemaExtension, ValidationCache
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

CACHED_DOCUMENTS = 512  # distinct documents kept parsed and validated (the web app sends ~150)


def cached_validation(max_depth: int, max_aliases: int) -> list[Callable[[], SchemaExtension]]:
    """Extension factories: the parse cache, the depth and alias limits, the validation cache."""
    rules: list[type[ASTValidationRule]] = [depth_rule(max_depth, None, None), aliases_rule(max_aliases)]
    return [
        partial(ParserCache, maxsize=CACHED_DOCUMENTS),
        partial(AddValidationRules, rules),
        partial(ValidationCache, maxsize=CACHED_DOCUMENTS),
    ]
