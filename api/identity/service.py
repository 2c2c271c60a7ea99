"""Signing in with a provider identity, connecting and disconnecting identities.

A provider identity is who someone is at the provider (its stable subject), never their email: a new
identity never takes over an existing account by email. It signs in to the account it is connected
to; connects to the signed-in account when started from settings; makes a new account (without a
password) when its verified email is free; and when the email already has an account, it waits for
that account's password (`PendingLink`), and only if the provider asserts the email is verified.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.errors import AppError, Conflict, ErrorCode, found
from api.identity import repository, store
from api.identity.flow import ProviderIdentity
from api.identity.providers import Provider
from api.models import User, UserIdentity
from api.user import service as accounts

CONNECT_TICKET_TYPE = "identity-connect"
CONNECT_TICKET_MINUTES = 5
USERNAME_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


class SignInRefused(AppError):
    code = ErrorCode.INVALID_CREDENTIALS


@dataclass(frozen=True)
class Outcome:
    """What a finished provider sign-in led to: a session, a connected identity, or a pending link."""

    pair: accounts.TokenPair | None = None
    connected: bool = False
    link_ticket: str | None = None


def connect_ticket(settings: Settings, user_id: int) -> str:
    """A short-lived signed ticket that lets /auth/{provider}/start know who is connecting (the browser's
    access token lives in memory and is not sent with a page navigation)."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "typ": CONNECT_TICKET_TYPE,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(minutes=CONNECT_TICKET_MINUTES),
    }
    return jwt.encode(claims, settings.jwt_secret(), algorithm="HS256")


async def connecting_user(session: AsyncSession, settings: Settings, ticket: str, session_cookie: str | None) -> int:
    """Who connects a provider: the ticket's user, and only in a browser signed in as them. The session
    cookie (SameSite=Strict) comes only with a navigation from the app itself, so a connect link planted
    on another site cannot connect the visitor's provider account to the ticket holder's account."""
    try:
        claims = jwt.decode(ticket, settings.jwt_secret(), algorithms=["HS256"], audience=settings.jwt_audience)
        if claims.get("typ") != CONNECT_TICKET_TYPE:
            raise jwt.InvalidTokenError("wrong type")
        user_id = int(claims["sub"])
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        raise AppError(
            "The connect link is invalid or expired; start again from settings", "link", ErrorCode.INVALID_TOKEN
        ) from exc
    if not session_cookie or await accounts.session_owner(session, session_cookie) != user_id:
        raise AppError("Connect a provider from Settings in the browser you are signed in with", "link", ErrorCode.INVALID_TOKEN)
    return user_id


def _stem(hint: str) -> str:
    stem = USERNAME_CHARS.sub("", hint.split("@")[0])[:32].strip(".-") or "user"
    return stem if len(stem) >= 3 else f"{stem}_user"


async def _new_account(session: AsyncSession, provider: Provider, who: ProviderIdentity) -> User:
    assert who.email
    stem = _stem(who.name_hint)
    taken = await repository.usernames_like(session, stem)
    username = (
        stem if stem.lower() not in taken else next(f"{stem}{n}" for n in range(2, 10_000) if f"{stem}{n}".lower() not in taken)
    )
    for attempt in range(3):
        try:
            async with session.begin_nested():
                user = User(username=username, email=who.email, password_hash=None)
                session.add(user)
                await session.flush()
                session.add(_identity(user.id, provider, who))
                await session.flush()
                return user
        except IntegrityError:
            if await repository.by_email(session, who.email) is not None:  # a sign-up won the race for the email
                break
            username = f"{stem}_{secrets.token_hex(2 + attempt)}"
    raise Conflict("An account with that email was just created; sign in again", "email")


def _identity(user_id: int, provider: Provider, who: ProviderIdentity) -> UserIdentity:
    return UserIdentity(
        user_id=user_id, provider=provider.name, subject=who.subject, email=who.email, email_verified=who.email_verified
    )


async def complete(
    session: AsyncSession, settings: Settings, provider: Provider, who: ProviderIdentity, link_user_id: int | None
) -> Outcome:
    """Finish a provider sign-in whose identity the provider just vouched for."""
    existing = await repository.by_subject(session, provider.name, who.subject)
    if existing is not None:
        if link_user_id is not None and existing.user_id != link_user_id:
            raise Conflict(f"That {provider.label} account is already connected to another account", "provider")
        existing.email, existing.email_verified = who.email, who.email_verified
        if link_user_id is not None:
            return Outcome(connected=True)
        user = found(await repository.get_user(session, existing.user_id), "Account not found")
        return Outcome(pair=await accounts.start_session(session, settings, user))
    if link_user_id is not None:
        found(await repository.get_user(session, link_user_id), "Account not found")
        try:
            async with session.begin_nested():
                session.add(_identity(link_user_id, provider, who))
                await session.flush()
        except IntegrityError:
            raise Conflict(f"That {provider.label} account is already connected to another account", "provider") from None
        return Outcome(connected=True)
    if not who.email:
        raise SignInRefused(f"{provider.label} did not share an email address; an account needs one", "email")
    owner = await repository.by_email(session, who.email)
    if owner is not None:
        if not who.email_verified:
            raise SignInRefused(
                f"An account with that email exists, and {provider.label} does not confirm the email is verified: "
                "sign in with your password and connect it from settings",
                "email",
            )
        ticket = await store.save_link(settings, store.PendingLink(provider.name, who.subject, who.email, owner.id))
        return Outcome(link_ticket=ticket)
    if not who.email_verified:
        raise SignInRefused(f"{provider.label} does not confirm that email address is verified; verify it there first", "email")
    user = await _new_account(session, provider, who)
    return Outcome(pair=await accounts.start_session(session, settings, user))


async def confirm_link(
    session: AsyncSession, settings: Settings, providers: dict[str, Provider], ticket: str, password: str, address: str
) -> accounts.TokenPair:
    """Connect a pending provider identity to the account holding its email once that account's password
    is given (throttled like any sign-in), and sign in."""
    link = await store.pending_link(settings, ticket)
    if link is None or link.provider not in providers:
        raise AppError("This link request is invalid or expired; sign in with the provider again", "ticket", ErrorCode.EXPIRED)
    user = found(await repository.get_user(session, link.user_id), "Account not found", "ticket")
    pair = await accounts.sign_in(session, settings, user.username, password, address)
    provider = providers[link.provider]
    if await repository.by_subject(session, link.provider, link.subject) is not None:
        raise Conflict(f"That {provider.label} account is already connected to an account", "ticket")
    session.add(_identity(user.id, provider, ProviderIdentity(link.subject, link.email, True, "")))
    await session.flush()
    return pair


async def identities(session: AsyncSession, user_id: int) -> list[UserIdentity]:
    return await repository.of_user(session, user_id)


async def disconnect(session: AsyncSession, user_id: int, identity_id: int) -> UserIdentity:
    """Remove a connected identity, unless it is the account's last way to sign in."""
    identity = found(await repository.owned(session, user_id, identity_id), "Connected account not found")
    user = found(await repository.get_user(session, user_id, for_update=True), "Account not found")
    others = [i for i in await repository.of_user(session, user_id) if i.id != identity.id]
    if user.password_hash is None and not others:
        raise AppError(
            "This is your only way to sign in: set a password or connect another provider first", "id", ErrorCode.INVALID
        )
    await repository.delete(session, identity)
    return identity


async def has_password(session: AsyncSession, user_id: int) -> bool:
    user = await repository.get_user(session, user_id)
    return user is not None and user.password_hash is not None
