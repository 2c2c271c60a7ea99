"""Parsed requirements cached on the job row, so unchanged text is parsed once.

``split_requirements`` (must-have / nice-to-have skills, years, seniority) is most of the cost
of scoring a job; re-scoring after a profile or weight change would otherwise re-parse text that
did not change. The parse lives in ``jobs.parsed_requirements`` under ``jobs.parsed_requirements_key``:
``PARSER_VERSION``, a fingerprint of the taxonomy (built-in skills plus the user's own skills and
aliases) and an md5 of everything the parse reads — the job's title, description, requirements and
tech stack (`inputs_digest`). PostgreSQL computes the same md5 (`api.matching.repository`'s
re-scoring query), so re-scoring compares keys in SQL and never fetches or hashes the text of a job
whose parse is current. A stored parse is used only while its key equals the job's current one, so
edited text or a new user alias re-parses. The parse also keeps the text's word count (``words``),
the one other fact scoring reads of the text (a thin posting scores provisionally). Pure and
deterministic.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

from api.matching.requirements import Requirements, split_requirements
from api.skill.taxonomy import Taxonomy

__all__ = [
    "PARSER_VERSION",
    "cache_key",
    "cached",
    "inputs_digest",
    "key_prefix",
    "parse",
    "requirements_from_dict",
    "requirements_to_dict",
    "word_count",
]

# Bump by hand whenever a change to the parser (api.matching.requirements, the taxonomy's
# matching) could parse the same text differently: every stored parse is then stale.
PARSER_VERSION = 4  # 2: mentioned / topics / alternatives / skill_years / languages / visa / relocation
# 3: softened asks ("familiarity with") nice-to-have, lower-case ambiguous names in requirements, "e.g." lists kept whole
# 4: the key's digest is an md5 PostgreSQL computes too; the parse keeps the word count

_taxonomy_fingerprints: weakref.WeakKeyDictionary[Taxonomy, str] = weakref.WeakKeyDictionary()


def taxonomy_fingerprint(tx: Taxonomy) -> str:
    """Hash of every entry (names, aliases, categories, who added it); memoised per instance
    (taxonomies are immutable)."""
    fp = _taxonomy_fingerprints.get(tx)
    if fp is None:
        fp = hashlib.blake2b(repr(tx.entries).encode(), digest_size=16).hexdigest()
        _taxonomy_fingerprints[tx] = fp
    return fp


def inputs_digest(title: str | None, description: str | None, requirements: str | None, tech_stack: Iterable[str] | None) -> str:
    """md5 (hex) of the parse's inputs: title, description, requirements, then each tech-stack entry, each
    as '<length in UTF-8 bytes>:<text>' (so no two inputs run together). `repository.INPUTS_DIGEST` is
    the same in SQL; a test holds them equal."""
    digest = hashlib.md5(usedforsecurity=False)
    for part in (title, description, requirements, *(tech_stack or ())):
        data = (part or "").encode()
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


def key_prefix(tx: Taxonomy) -> str:
    """'<PARSER_VERSION>:<taxonomy fingerprint>:' — a key is this and the inputs' digest."""
    return f"{PARSER_VERSION}:{taxonomy_fingerprint(tx)}:"


def cache_key(
    title: str | None, description: str | None, requirements: str | None, tech_stack: Iterable[str] | None, tx: Taxonomy
) -> str:
    """The key a parse of these inputs with this taxonomy is stored under."""
    return key_prefix(tx) + inputs_digest(title, description, requirements, tech_stack)


def word_count(description: str | None, requirements: str | None) -> int:
    """Words of the description and requirements together (as `api.matching.score` counts them)."""
    return len(f"{description or ''} {requirements or ''}".split())


def requirements_to_dict(req: Requirements, words: int | None = None) -> dict[str, Any]:
    """What scoring reads; ``details`` (evidence sentences) stay out to keep the row small. ``words``
    (`word_count` of the text parsed) is stored when given."""
    stored = {
        "must_have": list(req.must_have),
        "nice_to_have": list(req.nice_to_have),
        "years_min": req.years_min,
        "years_max": req.years_max,
        "seniority": req.seniority,
        "mentioned": list(req.mentioned),
        "topics": list(req.topics),
        "alternatives": [list(g) for g in req.alternatives],
        "skill_years": dict(req.skill_years),
        "languages": list(req.languages),
        "role_topics": list(req.role_topics),
        "visa_sponsorship": req.visa_sponsorship,
        "relocation": req.relocation,
    }
    if words is not None:
        stored["words"] = words
    return stored


def requirements_from_dict(d: Mapping[str, Any]) -> Requirements:
    """The parse `requirements_to_dict` stored. Lists are taken as they are when they are lists (a
    stored parse is decoded afresh for each job): re-scoring reads one per job."""
    return Requirements(
        must_have=_list(d.get("must_have")),
        nice_to_have=_list(d.get("nice_to_have")),
        years_min=d.get("years_min"),
        years_max=d.get("years_max"),
        seniority=d.get("seniority"),
        mentioned=_list(d.get("mentioned")),
        topics=_list(d.get("topics")),
        alternatives=[list(g) for g in d.get("alternatives") or ()],
        skill_years={str(k): float(v) for k, v in (d.get("skill_years") or {}).items()},
        languages=_list(d.get("languages")),
        role_topics=_list(d.get("role_topics")),
        visa_sponsorship=d.get("visa_sponsorship"),
        relocation=d.get("relocation"),
    )


def _list(value: Any) -> list[Any]:
    return value if type(value) is list else list(value or ())


def cached(stored: Mapping[str, Any] | None, stored_key: str | None, key: str) -> tuple[Requirements, int] | None:
    """The stored parse and its word count, or None when absent, malformed (no word count) or stale."""
    if stored_key != key or not isinstance(stored, Mapping) or type(stored.get("words")) is not int:
        return None
    return requirements_from_dict(stored), stored["words"]


def parse(
    title: str | None, description: str | None, requirements: str | None, tech_stack: Iterable[str] | None, tx: Taxonomy
) -> Requirements:
    return split_requirements(description, requirements, list(tech_stack or ()), title, taxonomy=tx)
