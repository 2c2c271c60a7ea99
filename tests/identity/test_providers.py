"""Which sign-in providers a server has: from the environment's settings, nothing else."""

from __future__ import annotations

from api.config import Settings
from api.identity.providers import configured, known
from api.vocabulary import ProviderKind


def names(settings: Settings) -> list[str]:
    return [p.name for p in configured(settings)]


class TestConfiguredProviders:
    def test_nothing_configured_lists_nothing_though_the_built_ins_are_known(self):
        # given
        settings = Settings()
        # then
        assert names(settings) == []
        assert {"google", "github", "linkedin"} <= set(known(settings))

    def test_a_built_in_needs_both_its_client_id_and_secret(self):
        # given
        settings = Settings(google_client_id="id", github_client_id="id", github_client_secret="secret")
        # then
        assert names(settings) == ["github"]

    def test_google_and_linkedin_are_openid_providers_by_their_issuer(self):
        # given
        settings = Settings(google_client_id="g", google_client_secret="s", linkedin_client_id="l", linkedin_client_secret="s")
        # when
        providers = {p.name: p for p in configured(settings)}
        # then
        assert providers["google"].kind == ProviderKind.OIDC and providers["google"].issuer == "https://accounts.google.com"
        assert providers["linkedin"].issuer == "https://www.linkedin.com/oauth" and providers["linkedin"].label == "LinkedIn"

    def test_a_self_hosted_provider_is_configured_by_issuer_client_id_and_secret(self):
        # given
        settings = Settings(
            oidc_issuer="https://sso.example/realms/main/",
            oidc_client_id="cc",
            oidc_client_secret="s",
            oidc_name="keycloak",
            oidc_label="Keycloak",
        )
        # when
        [provider] = configured(settings)
        # then
        assert (provider.name, provider.label, provider.issuer) == ("keycloak", "Keycloak", "https://sso.example/realms/main")

    def test_oidc_providers_adds_providers_and_overrides_a_built_ins_endpoints(self):
        # given
        settings = Settings(
            github_client_id="id",
            github_client_secret="secret",
            oidc_providers=[
                {"name": "github", "api_url": "https://ghe.example/api/v3", "token_url": "https://ghe.example/token"},
                {"name": "Authentik", "issuer": "https://auth.example/app/", "client_id": "a", "client_secret": "b"},
                {"name": "broken", "kind": "saml", "client_id": "a", "client_secret": "b"},
            ],
        )
        # when
        providers = {p.name: p for p in configured(settings)}
        # then
        assert set(providers) == {"github", "authentik"}
        assert providers["github"].api_url == "https://ghe.example/api/v3" and providers["github"].client_id == "id"
        assert providers["authentik"].label == "Authentik" and providers["authentik"].issuer == "https://auth.example/app"
