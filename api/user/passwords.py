"""argon2id password hashing (argon2-cffi defaults are argon2id with OWASP-grade parameters)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this keeps the time of a login for an unknown user equal to a known one.
_DUMMY_HASH = _hasher.hash("timing-equaliser-not-a-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
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
        [any(c.islower() for c in password), any(c.isupper() for c in password),
         any(c.isdigit() for c in password), any(not c.isalnum() for c in password)]
    )
    if classes < 2 and len(password) < 16:
        return "Use a mix of letters, digits or symbols, or a passphrase of 16+ characters"
    return None
