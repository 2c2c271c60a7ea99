"""The configured sign-in providers: built-in Google, GitHub and LinkedIn, one generic OpenID provider
from OIDC_ISSUER, and any number from OIDC_PROVIDERS (which may also override a built-in's fields, e.g.
its endpoints). A provider without a client id and secret is known but not configured."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, replace
from typing import Any

from api.config import Settings
from api.vocabulary import ProviderKind as Kind
from api.vocabulary import values

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    kind: Kind = Kind.OIDC
    client_id: str = ""
    client_secret: str = ""
    scope: str = "openid email profile"
    issuer: str = ""  # OIDC: discovery at {issuer}/.well-known/openid-configuration
    authorize_url: str = ""  # GitHub-style OAuth 2
    token_url: str = ""
    api_url: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.client_id and self.client_secret and (self.issuer if self.kind == Kind.OIDC else self.token_url))


BUILT_IN = {
    "google": Provider("google", "Google", issuer="https://accounts.google.com"),
    "github": Provider(
        "github",
        "GitHub",
        Kind.GITHUB,
        scope="read:user user:email",
        authorize_url="https://github.com/login/oauth/authorize",
        token_url="https://github.com/login/oauth/access_token",
        api_url="https://api.github.com",
    ),
    "linkedin": Provider("linkedin", "LinkedIn", issuer="https://www.linkedin.com/oauth"),
}
FIELDS = {f.name for f in fields(Provider)}


def known(settings: Settings) -> dict[str, Provider]:
    """Every provider by name, configured or not."""
    providers = dict(BUILT_IN)
    for name in ("google", "github", "linkedin"):
        client_id, secret = getattr(settings, f"{name}_client_id"), getattr(settings, f"{name}_client_secret")
        if client_id and secret:
            providers[name] = replace(providers[name], client_id=client_id, client_secret=secret)
    if settings.oidc_issuer:
        providers[settings.oidc_name] = Provider(
            settings.oidc_name,
            settings.oidc_label,
            issuer=settings.oidc_issuer.rstrip("/"),
            client_id=settings.oidc_client_id or "",
            client_secret=settings.oidc_client_secret or "",
        )
    for entry in settings.oidc_providers:
        name = str(entry.get("name") or "").strip().lower()
        if not name:
            continue
        given: dict[str, Any] = {k: v for k, v in entry.items() if k in FIELDS and k != "name"}
        if "kind" in given:
            if given["kind"] not in values(Kind):
                log.warning("OIDC_PROVIDERS: %s has an unknown kind %r (oidc or github); left out", name, given["kind"])
                continue
            given["kind"] = Kind(given["kind"])
        if "issuer" in given:
            given["issuer"] = given["issuer"].rstrip("/")
        base = providers.get(name) or Provider(name, given.get("label") or name.title())
        providers[name] = replace(base, **given)
    return providers


def configured(settings: Settings) -> list[Provider]:
    return [p for p in known(settings).values() if p.configured]
