"""Accounts: sign up, the profile, and sign-in with rotating refresh tokens (reuse revokes the family)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import available_timezones

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.config import Settings
from api.errors import AppError, AuthenticationError, Conflict, ErrorCode, Validator, found
from api.models import RefreshToken, User
from api.skill.taxonomy import canonical
from api.user import repository
from api.user.passwords import hash_password, password_problem, verify_password
from api.user.tokens import access_claims, create_access_token, hash_refresh_token, new_refresh_token, token_family
from api.vocabulary import ExperienceLevel, values

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,40}$")
# Pragmatic: one @, a dot in the domain, no spaces. Deliverability is the mail server's job.
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_LIST_ITEMS = 100


async def register(session: AsyncSession, username: str, email: str, password: str) -> User:
    check = Validator()
    username = (username or "").strip()
    email = (email or "").strip()
    if not USERNAME_RE.match(username):
        check.add("username", "Username must be 3–40 letters, digits, dots, dashes or underscores")
    if len(email) > 254 or not EMAIL_RE.match(email):
        check.add("email", "Enter a valid email address")
    problem = password_problem(password or "", username=username, email=email)
    if problem:
        check.add("password", problem, ErrorCode.WEAK_PASSWORD)
    check.check()
    username_taken, email_taken = await repository.taken(session, username, email)
    if username_taken:
        check.errors.append(Conflict("That username is taken", "username"))
    if email_taken:
        check.errors.append(Conflict("An account with that email already exists", "email"))
    check.check()
    user = User(username=username, email=email, password_hash=hash_password(password))
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent sign-up won the race
        raise Conflict("That username or email is taken", "username") from exc
    return user


@dataclass
class ProfileChanges:
    skills: list[str] | None = None
    preferred_locations: list[str] | None = None
    experience_level: str | None = None
    timezone: str | None = None


def _clean_list(check: Validator, field: str, values: list[str], max_len: int) -> list[str]:
    if len(values) > MAX_LIST_ITEMS:
        check.add(field, f"At most {MAX_LIST_ITEMS} entries", ErrorCode.TOO_LONG)
        return []
    seen: dict[str, str] = {}
    for raw in values:
        value = raw.strip()
        if not value:
            continue
        if len(value) > max_len:
            check.add(field, f"Each entry must be at most {max_len} characters", ErrorCode.TOO_LONG)
            continue
        seen.setdefault(value.lower(), value)
    return list(seen.values())


async def update_profile(session: AsyncSession, user_id: int, changes: ProfileChanges) -> User:
    check = Validator()
    skills = locations = None
    if changes.skills is not None:
        skills = _clean_list(check, "skills", [canonical(s) for s in changes.skills if s.strip()], 80)
    if changes.preferred_locations is not None:
        locations = _clean_list(check, "preferred_locations", changes.preferred_locations, 120)
    if changes.experience_level is not None and changes.experience_level not in values(ExperienceLevel):
        check.add("experience_level", "Experience level must be junior, mid, senior or lead")
    if changes.timezone is not None and changes.timezone not in available_timezones():
        check.add("timezone", "Unknown time zone; use an IANA name such as Europe/Berlin")
    check.check()
    user = found(await repository.get(session, user_id, for_update=True), "User not found")
    if skills is not None:
        user.skills = skills
    if locations is not None:
        user.preferred_locations = locations
    if changes.experience_level is not None:
        user.experience_level = changes.experience_level
    moved = changes.timezone is not None and changes.timezone != user.timezone
    if changes.timezone is not None:
        user.timezone = changes.timezone
    await session.flush()
    queue.enqueue("jobs_rescore_for_user", user.id)
    if moved:  # guidance evaluates at a local hour: its next evaluation moves with the zone
        queue.enqueue("guidance_reschedule", user.id, key=f"guidance-reschedule:{user.id}")
    return user


@dataclass
class TokenPair:
    user: User
    access_token: str
    access_expires_at: datetime
    refresh_token: str


class InvalidCredentials(AppError):
    code = ErrorCode.INVALID_CREDENTIALS


class InvalidToken(AppError):
    code = ErrorCode.INVALID_TOKEN


class TokenReused(InvalidToken):
    """A rotated token came back: someone else has a copy. Every token of its family is revoked,
    in a transaction of its own (the refresh's own transaction rolls back with this error)."""

    def __init__(self, family_id: uuid.UUID):
        super().__init__("Refresh token was already used; all sessions from it were signed out", "refresh_token")
        self.family_id = family_id

    async def compensate(self, session: AsyncSession) -> None:
        await revoke_family(session, self.family_id)


async def _issue(session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID) -> TokenPair:
    refresh = new_refresh_token()
    await repository.add_refresh_token(
        session,
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=hash_refresh_token(refresh),
            expires_at=datetime.now(UTC) + timedelta(days=settings.refresh_token_days),
        ),
    )
    access, expires = create_access_token(settings, user.id, family_id=family_id)
    return TokenPair(user, access, expires, refresh)


async def sign_in(session: AsyncSession, settings: Settings, login: str, password: str) -> TokenPair:
    user = await repository.by_login(session, (login or "").strip())
    if not verify_password(user.password_hash if user else None, password or ""):
        raise InvalidCredentials("Wrong username or password", "password")
    assert user is not None
    return await _issue(session, settings, user, uuid.uuid4())


async def refresh(session: AsyncSession, settings: Settings, token: str) -> TokenPair:
    row = await repository.refresh_token(session, hash_refresh_token(token or ""), for_update=True)
    now = datetime.now(UTC)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise InvalidToken("Refresh token is invalid or expired; sign in again", "refresh_token")
    if row.used_at is not None:
        if now - row.used_at > timedelta(seconds=settings.refresh_reuse_leeway_seconds):
            raise TokenReused(row.family_id)
        # A concurrent refresh from another tab of the same browser: a second chain, same family.
    else:
        row.used_at = now
    user = await repository.get(session, row.user_id)
    assert user is not None
    return await _issue(session, settings, user, row.family_id)


async def revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await repository.revoke_family(session, family_id, datetime.now(UTC))


async def revoke(session: AsyncSession, token: str) -> None:
    row = await repository.refresh_token(session, hash_refresh_token(token or ""))
    if row is None:
        raise InvalidToken("Refresh token is invalid", "refresh_token")
    await revoke_family(session, row.family_id)


@dataclass(frozen=True)
class SessionProblem:
    message: str
    revoked: bool


async def session_problem(session: AsyncSession, settings: Settings, access_token: str) -> SessionProblem | None:
    """Why an access token no longer stands for a live session (expired, invalid, or its sign-in
    revoked), or None."""
    try:
        claims = access_claims(settings, access_token)
    except AuthenticationError as error:
        return SessionProblem(str(error), revoked=False)
    family = token_family(claims)
    if family is not None and await repository.family_revoked(session, family):
        return SessionProblem("Session revoked; sign in again", revoked=True)
    return None
