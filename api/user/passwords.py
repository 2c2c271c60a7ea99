"""argon2id password hashing (argon2-cffi defaults are argon2id with OWASP-grade parameters), and
the password policy: length, no personal data, not a common password, not guessable (zxcvbn)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn
from zxcvbn.matching import RANKED_DICTIONARIES

from api.config import get_settings


@cache
def _hasher(time_cost: int, memory_cost: int, parallelism: int) -> tuple[PasswordHasher, str]:
    """The hasher for these costs, and a hash to verify against when the user is unknown (so a
    login for an unknown user takes as long as one for a known user)."""
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    return hasher, hasher.hash("timing-equaliser-not-a-password")


def _configured() -> tuple[PasswordHasher, str]:
    settings = get_settings()
    return _hasher(settings.argon2_time_cost, settings.argon2_memory_cost, settings.argon2_parallelism)


def hash_password(password: str) -> str:
    return _configured()[0].hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher, dummy = _configured()
    try:
        return hasher.verify(password_hash or dummy, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


MIN_SCORE = 3  # zxcvbn: "safely unguessable" (about 10^8 guesses) and up
ZXCVBN_MAX_LENGTH = 72  # zxcvbn's own cap; the first 72 characters bound the guesses from below


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of zxcvbn's list (see SOURCES.md), lower-cased."""
    return frozenset(RANKED_DICTIONARIES["passwords"])


def password_problem(password: str, *, username: str, email: str) -> str | None:
    """A human reason the password is too weak, or None.

    Beyond length and personal data: a password on the common-password list is refused outright,
    and any other must score at least 3 of 4 in zxcvbn (dictionary words, names, l33t, keyboard
    walks, sequences, repeats and dates are all guessed cheaply), with zxcvbn's hint."""
    if len(password) < 10:
        return "Password must be at least 10 characters"
    if len(password) > 256:
        return "Password must be at most 256 characters"
    lowered = password.lower()
    personal = [username.lower(), email.split("@")[0].lower()]
    if any(len(part) >= 3 and part in lowered for part in personal):
        return "Password must not contain your username or email"
    if lowered in common_passwords():
        return "This is one of the most common passwords; choose another"
    if len(set(password)) < 5:
        return "Password is too repetitive"
    result = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=[p for p in personal if p])
    if result["score"] < MIN_SCORE:
        feedback = result["feedback"]
        hint = feedback.get("warning") or ""
        advice = " ".join(feedback.get("suggestions") or []) or "Add another word or two."
        reason = f"{hint} " if hint else ""
        return f"Password is too easy to guess. {reason}{advice}".strip()
    return None
