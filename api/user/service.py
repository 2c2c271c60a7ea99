"""Accounts: sign up, the profile, and sign-in with rotating refresh tokens (reuse revokes the family)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import available_timezones

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api import limits, queue
from api.config import Settings
from api.errors import AppError, AuthenticationError, Conflict, ErrorCode, Validator, found
from api.models import RefreshToken, User
from api.skill.taxonomy import canonical
from api.user import repository, throttle
from api.user.languages import canonical_language
from api.user.passwords import hash_password, password_problem, verify_password
from api.user.tokens import (
    access_claims,
    create_access_token,
    hash_refresh_token,
    new_refresh_token,
    successor_refresh_token,
    token_family,
)
from api.vocabulary import ExperienceLevel, LanguageLevel, values

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,40}$")
# Pragmatic: one @, a dot in the domain, no spaces. Deliverability is the mail server's job.
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_LIST_ITEMS = 100
MAX_LANGUAGES = 20
MAX_YEARS = 60
REGISTRATION_ATTEMPT_TASK = "registration_attempt_notify"


async def register(session: AsyncSession, username: str, email: str, password: str) -> None:
    """Create an account, without telling whether the email already has one.

    A taken email gets the very answer a new account gets (and the same argon2 work, so the time
    says nothing either); nothing is written, and with email configured its owner is told that
    someone tried (`registration_attempt_notify`). The username is a public handle the person picks,
    so a taken one is reported, like GitHub and most products do; sign-in throttling slows anyone
    probing with it."""
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
    password_hash = hash_password(password)  # before any lookup: both answers cost the same
    username_taken, email_owner = await repository.taken(session, username, email)
    if username_taken:
        raise Conflict("That username is taken", "username")
    if email_owner is not None:
        queue.enqueue(REGISTRATION_ATTEMPT_TASK, email_owner, key=f"registration-attempt:{email_owner}")
        return
    try:
        async with session.begin_nested():  # a concurrent sign-up may win the race for either
            session.add(User(username=username, email=email, password_hash=password_hash))
            await session.flush()
    except IntegrityError:
        username_taken, email_owner = await repository.taken(session, username, email)
        if username_taken or email_owner is None:
            raise Conflict("That username is taken", "username") from None


@dataclass(frozen=True)
class SpokenLanguage:
    language: str
    level: str  # an api.vocabulary.LanguageLevel


@dataclass(frozen=True)
class SkillYears:
    skill: str
    years: float


@dataclass
class ProfileChanges:
    skills: list[str] | None = None
    preferred_locations: list[str] | None = None
    experience_level: str | None = None
    timezone: str | None = None
    languages: list[SpokenLanguage] | None = None  # replaces the list
    skill_years: list[SkillYears] | None = None  # replaces the list; a skill not yet in the profile is added to it
    years_experience: float | None = None


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


def _years_ok(check: Validator, field: str, years: float) -> bool:
    if not 0 <= years <= MAX_YEARS:
        check.add(field, f"Years must be between 0 and {MAX_YEARS}", ErrorCode.OUT_OF_RANGE)
        return False
    return True


def _clean_languages(check: Validator, entries: list[SpokenLanguage]) -> list[dict[str, str]]:
    """[{"language", "level"}]: known names in English ("Deutsch" is German), one entry per language."""
    if len(entries) > MAX_LANGUAGES:
        check.add("languages", f"At most {MAX_LANGUAGES} languages", ErrorCode.TOO_LONG)
        return []
    out: dict[str, dict[str, str]] = {}
    for entry in entries:
        name = canonical_language(entry.language)
        if not name:
            check.add("languages", "Each language needs a name", ErrorCode.REQUIRED)
        elif len(name) > 40 or not all(ch.isalpha() or ch in " -'()" for ch in name):
            check.add("languages", f"“{name[:40]}” is not a language name", ErrorCode.INVALID)
        elif entry.level not in values(LanguageLevel):
            check.add("languages", f"Level of {name} must be one of: {', '.join(values(LanguageLevel))}")
        elif name.lower() in out:
            check.add("languages", f"{name} is listed twice", ErrorCode.DUPLICATE)
        else:
            out[name.lower()] = {"language": name, "level": entry.level}
    return list(out.values())


def _clean_skill_years(check: Validator, entries: list[SkillYears]) -> list[dict[str, object]]:
    """[{"skill", "years"}] with skills in their canonical names, one entry per skill."""
    if len(entries) > MAX_LIST_ITEMS:
        check.add("skill_years", f"At most {MAX_LIST_ITEMS} entries", ErrorCode.TOO_LONG)
        return []
    out: dict[str, dict[str, object]] = {}
    for entry in entries:
        skill = canonical(entry.skill.strip()) if entry.skill.strip() else ""
        if not skill:
            check.add("skill_years", "Each entry needs a skill", ErrorCode.REQUIRED)
        elif len(skill) > 80:
            check.add("skill_years", "Each skill must be at most 80 characters", ErrorCode.TOO_LONG)
        elif not _years_ok(check, "skill_years", entry.years):
            continue
        elif skill.lower() in out:
            check.add("skill_years", f"{skill} is listed twice", ErrorCode.DUPLICATE)
        else:
            out[skill.lower()] = {"skill": skill, "years": round(float(entry.years), 1)}
    return list(out.values())


async def update_profile(session: AsyncSession, user_id: int, changes: ProfileChanges) -> User:
    check = Validator()
    skills = locations = languages = skill_years = None
    if changes.skills is not None:
        skills = _clean_list(check, "skills", [canonical(s) for s in changes.skills if s.strip()], 80)
    if changes.preferred_locations is not None:
        locations = _clean_list(check, "preferred_locations", changes.preferred_locations, 120)
    if changes.experience_level is not None and changes.experience_level not in values(ExperienceLevel):
        check.add("experience_level", "Experience level must be junior, mid, senior or lead")
    if changes.timezone is not None and changes.timezone not in available_timezones():
        check.add("timezone", "Unknown time zone; use an IANA name such as Europe/Berlin")
    if changes.languages is not None:
        languages = _clean_languages(check, changes.languages)
    if changes.skill_years is not None:
        skill_years = _clean_skill_years(check, changes.skill_years)
    if changes.years_experience is not None:
        _years_ok(check, "years_experience", changes.years_experience)
    check.check()
    user = found(await repository.get(session, user_id, for_update=True), "User not found")
    if skills is not None:
        user.skills = skills
        if skill_years is None:  # a skill taken off the profile takes its years with it
            kept = {s.lower() for s in skills}
            user.skill_years = [e for e in user.skill_years if str(e["skill"]).lower() in kept]
    if skill_years is not None:
        user.skill_years = skill_years
        have = {s.lower() for s in (skills if skills is not None else user.skills)}
        added = [str(e["skill"]) for e in skill_years if str(e["skill"]).lower() not in have]
        if added:  # years of a skill the profile does not list yet: the skill joins the list
            user.skills = [*user.skills, *added][:MAX_LIST_ITEMS]
    if languages is not None:
        user.languages = languages
    if changes.years_experience is not None:
        user.years_experience = round(float(changes.years_experience), 1)
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
    refresh_token: str | None  # None once it went into a cookie instead


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


async def _issue(
    session: AsyncSession,
    settings: Settings,
    user: User,
    family_id: uuid.UUID,
    *,
    rotated_from: str | None = None,
    device: tuple[str | None, str | None] = (None, None),
) -> TokenPair:
    """A new pair. A rotation (`rotated_from`, the used refresh token) issues the token's one
    successor with an access token fixed by it, so every exchange of the same token within the leeway
    gets this very pair back (`refresh`)."""
    refresh = successor_refresh_token(settings, rotated_from) if rotated_from else new_refresh_token()
    now = datetime.now(UTC)
    row = RefreshToken(
        user_id=user.id,
        family_id=family_id,
        token_hash=hash_refresh_token(refresh),
        created_at=now,
        expires_at=now + timedelta(days=settings.refresh_token_days),
        ip=device[0],
        user_agent=device[1],
    )
    await repository.add_refresh_token(session, row)
    return _pair(settings, user, refresh, row)


def _pair(settings: Settings, user: User, refresh: str, row: RefreshToken) -> TokenPair:
    """The pair of refresh token `refresh` (stored as `row`): the access token's time and id come from
    the row, so the same row gives the same bytes."""
    access, expires = create_access_token(settings, user.id, row.created_at, family_id=row.family_id, jti=row.token_hash[:16])
    return TokenPair(user, access, expires, refresh)


async def sign_in(
    session: AsyncSession, settings: Settings, login: str, password: str, address: str, user_agent: str | None = None
) -> TokenPair:
    """Sign in from the client at `address`; throttled per account and per address (`throttle`):
    a throttled attempt is refused before the password is even checked, right or wrong."""
    login = (login or "").strip()
    counted = await throttle.attempt(settings, login, address)
    user = await repository.by_login(session, login)
    if user is not None and user.password_hash is None:  # made by signing in with a provider (api/identity)
        raise InvalidCredentials("This account has no password: sign in with the provider you signed up with", "password")
    if not verify_password(user.password_hash if user else None, password or ""):
        raise InvalidCredentials("Wrong username or password", "password")
    assert user is not None
    await throttle.succeeded(counted)
    return await start_session(session, settings, user, address, user_agent)


async def start_session(
    session: AsyncSession, settings: Settings, user: User, address: str | None = None, user_agent: str | None = None
) -> TokenPair:
    """A new sign-in (refresh-token family) for `user`, whose credentials were just checked; the
    client's address and user agent are kept on its first token for the sessions list."""
    return await _issue(session, settings, user, uuid.uuid4(), device=(address, (user_agent or "")[:300] or None))


async def refresh(session: AsyncSession, settings: Settings, token: str) -> TokenPair:
    """Exchange a refresh token for its successor pair. The token's row is locked, so parallel
    exchanges of one token run one after the other: the first rotates, and the others within
    `refresh_reuse_leeway_seconds` get the same pair back (two tabs at once, a retried request)
    instead of new chains. Later reuse means a copy is in other hands: the family is revoked."""
    token = token or ""
    row = await repository.refresh_token(session, hash_refresh_token(token), for_update=True)
    now = datetime.now(UTC)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise InvalidToken("Refresh token is invalid or expired; sign in again", "refresh_token")
    user = await repository.get(session, row.user_id)
    assert user is not None
    if row.used_at is None:
        await limits.within_rate("refresh", user.id, "refresh_token")  # per person, across replicas
        row.used_at = now
        return await _issue(session, settings, user, row.family_id, rotated_from=token)
    if now - row.used_at > timedelta(seconds=settings.refresh_reuse_leeway_seconds):
        raise TokenReused(row.family_id)
    successor = successor_refresh_token(settings, token)
    following = await repository.refresh_token(session, hash_refresh_token(successor))
    if following is None or following.revoked_at is not None:
        raise InvalidToken("Refresh token is invalid or expired; sign in again", "refresh_token")
    return _pair(settings, user, successor, following)


async def session_owner(session: AsyncSession, token: str) -> int | None:
    """The user whose live (unrevoked, unexpired) sign-in refresh token `token` is, else None; nothing rotates."""
    row = await repository.refresh_token(session, hash_refresh_token(token or ""))
    if row is None or row.revoked_at is not None or row.expires_at <= datetime.now(UTC):
        return None
    return row.user_id


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
