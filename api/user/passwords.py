"""argon2id password hashing (argon2-cffi defaults are argon2id with OWASP-grade parameters)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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


def password_problem(password: str, *, username: str, email: str) -> str | None:
    """A human reason the password is too weak, or None."""
    if len(password) < 10:
        return "Password must be at least 10 characters"
    if len(password) > 256:
        return "Password must be at most 256 characters"
    lowered = password.lower()
    personal = [username.lower(), email.split("@")[0].lower()]
    if any(len(part) >= 3 and part in lowered for part in personal):
        return "Password must not contain your username or email"
    if len(set(password)) < 5:
        return "Password is too repetitive"
    classes = sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )
    if classes < 2 and len(password) < 16:
        return "Use a mix of letters, digits or symbols, or a passphrase of 16+ characters"
    return None
