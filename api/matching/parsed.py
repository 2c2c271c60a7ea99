"""Parsed requirements cached on the job row, so unchanged text is parsed once.

``split_requirements`` (must-have / nice-to-have skills, years, seniority) is most of the cost
of scoring a job; re-scoring after a profile or weight change would otherwise re-parse text that
did not change. The schema is frozen, so the parse result lives in the job's ``score_breakdown``
JSONB under ``CACHE_KEY`` together with a fingerprint of everything the parse depends on:

* the job's title, description, requirements and tech stack,
* the taxonomy (built-in skills plus the user's own skills and aliases),
* the parser's code (the source of ``api.matching.requirements`` and ``api.skill.taxonomy``).

A cached entry is used only when its fingerprint equals the job's current one, so edited text,
a new user alias or a changed parser always re-parses. Pure and deterministic; the GraphQL
``ScoreBreakdown`` ignores the extra key.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from pathlib import Path
from typing import Any, Iterable, Mapping

import api.matching.requirements as _requirements_module
import api.skill.taxonomy as _taxonomy_module
from api.matching.requirements import Requirements, split_requirements
from api.skill.taxonomy import Taxonomy

__all__ = ["CACHE_KEY", "requirements_to_dict", "requirements_from_dict", "fingerprint", "cached", "parse"]

CACHE_KEY = "_requirements"


def _code_version() -> str:
    h = hashlib.blake2b(digest_size=16)
    for module in (_requirements_module, _taxonomy_module):
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


CODE_VERSION = _code_version()

_taxonomy_fingerprints: "weakref.WeakKeyDictionary[Taxonomy, str]" = weakref.WeakKeyDictionary()


def taxonomy_fingerprint(tx: Taxonomy) -> str:
    """Hash of every entry (names, aliases, categories, who added it); memoised per instance
    (taxonomies are immutable)."""
    fp = _taxonomy_fingerprints.get(tx)
    if fp is None:
        fp = hashlib.blake2b(repr(tx.entries).encode(), digest_size=16).hexdigest()
        _taxonomy_fingerprints[tx] = fp
    return fp


def fingerprint(title: str | None, description: str | None, requirements: str | None,
                tech_stack: Iterable[str] | None, tx: Taxonomy) -> str:
    payload = json.dumps(
        [CODE_VERSION, taxonomy_fingerprint(tx), title or "", description or "", requirements or "",
         list(tech_stack or ())],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def requirements_to_dict(req: Requirements) -> dict[str, Any]:
    """What scoring reads; ``details`` (evidence sentences) stay out to keep the row small."""
    return {
        "must_have": list(req.must_have), "nice_to_have": list(req.nice_to_have),
        "years_min": req.years_min, "years_max": req.years_max, "seniority": req.seniority,
    }


def requirements_from_dict(d: Mapping[str, Any]) -> Requirements:
    return Requirements(
        must_have=list(d.get("must_have") or ()), nice_to_have=list(d.get("nice_to_have") or ()),
        years_min=d.get("years_min"), years_max=d.get("years_max"), seniority=d.get("seniority"),
    )


def cached(breakdown: Mapping[str, Any] | None, fp: str) -> Requirements | None:
    """The cached parse in a stored breakdown, or None when absent, malformed or stale."""
    entry = breakdown.get(CACHE_KEY) if isinstance(breakdown, Mapping) else None
    if not isinstance(entry, Mapping) or entry.get("fingerprint") != fp:
        return None
    data = entry.get("requirements")
    return requirements_from_dict(data) if isinstance(data, Mapping) else None


def parse(title: str | None, description: str | None, requirements: str | None,
          tech_stack: Iterable[str] | None, tx: Taxonomy) -> Requirements:
    return split_requirements(description, requirements, list(tech_stack or ()), title, taxonomy=tx)


def entry(req: Requirements, fp: str) -> dict[str, Any]:
    return {"fingerprint": fp, "requirements": requirements_to_dict(req)}
