"""The web app's own GraphQL documents, read from web/src: `document("Jobs")` is the operation the
Jobs page sends, with every fragment it spreads (transitively) appended, as the generated client does."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

WEB_SRC = Path(__file__).resolve().parent.parent / "web" / "src"
_TEMPLATE = re.compile(r"graphql\(\s*`(.*?)`\s*\)", re.S)
_DEFINITION = re.compile(r"^\s*(query|mutation|subscription|fragment)\s+(\w+)")
_SPREAD = re.compile(r"\.\.\.\s*(\w+)")


@cache
def definitions() -> dict[str, str]:
    """Every operation and fragment of web/src by name."""
    found: dict[str, str] = {}
    for path in sorted(WEB_SRC.rglob("*.ts*")):
        if "gql" in path.relative_to(WEB_SRC).parts:
            continue
        for text in _TEMPLATE.findall(path.read_text()):
            match = _DEFINITION.match(text)
            if match:
                found[match.group(2)] = text.strip()
    return found


def document(name: str) -> str:
    """The operation `name` followed by the fragments it needs."""
    known = definitions()
    parts, seen, pending = [known[name]], set(), [known[name]]
    while pending:
        for spread in _SPREAD.findall(pending.pop()):
            if spread not in seen and spread in known:
                seen.add(spread)
                parts.append(known[spread])
                pending.append(known[spread])
    return "\n\n".join(parts)
