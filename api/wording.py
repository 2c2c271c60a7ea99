"""Wording shared by every concept: plurals and cutting text at a word boundary. Pure."""

from __future__ import annotations

ELLIPSIS = "…"


def plural(n: int | float, word: str, words: str | None = None) -> str:
    """'1 word', '2 words', '0.5 years' (``words`` for an irregular plural)."""
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {word if n == 1 else (words or word + 's')}"


def times(n: int) -> str:
    """'once', '3 times'."""
    return "once" if n == 1 else f"{n} times"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis when cut:
    never half a word ("load balanc"). A single word longer than the limit is cut with the ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: max(0, limit - 1)]
    if text[len(head)] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:.-–—") + ELLIPSIS


__all__ = ["ELLIPSIS", "clip", "plural", "times"]
