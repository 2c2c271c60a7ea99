"""Settings from the environment (pydantic-settings).

The zero-setup default keeps everything in DATA_DIR and starts embedded servers when
DATABASE_URL / REDIS_URL are unset. Production sets the URLs and a real SECRET_KEY.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "dev", "placeholder"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    data_dir: Path = Path("./.data")
    database_url: str | None = None
    redis_url: str | None = None
    port: int = 8000
    host: str = "127.0.0.1"
    public_url: str | None = None

    secret_key: str | None = Field(default=None, description="HS256 key for access tokens")
    jwt_issuer: str = "career-companion"
    jwt_audience: str = "career-companion-web"
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    # Two tabs may refresh at the same moment with the same token (browsers without Web Locks,
    # e.g. plain http on a LAN address). Within this window a just-rotated token gets a fresh
    # pair of the same family instead of revoking it; later reuse still revokes the family.
    refresh_reuse_leeway_seconds: int = 10
    # argon2id cost (the argon2-cffi defaults: RFC 9106's second recommended profile). Lower them
    # only for tests, where thousands of hashes would otherwise take minutes.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536  # KiB
    argon2_parallelism: int = 4
    # Sign-in throttling (api/user/throttle.py): free attempts per account / client address within the
    # window, then a wait that starts at the backoff and doubles with each attempt, up to the maximum.
    signin_account_attempts: int = 5
    signin_address_attempts: int = 30
    signin_window_seconds: int = 900
    signin_backoff_seconds: float = 2.0
    signin_max_wait_seconds: int = 900
    # Addresses (IPs or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed; empty:
    # the client is the TCP peer. Behind a proxy, list it, or every client shares its address.
    trusted_proxies: list[str] = Field(default_factory=list)

    # None: on in the embedded default, off when DATABASE_URL is set.
    graphiql: bool | None = None
    debug: bool = False
    # Schema introspection (`__schema`, `__type`). None: on with DEBUG or GraphiQL, else off. The web
    # app's codegen reads schema.graphql from the repository, never the running server.
    introspection: bool | None = None

    alert_threshold: int = 75
    redis_namespace: str = "cc"
    # Connections to Redis per process: this many for commands, plus one shared pub/sub connection.
    redis_pool_size: int = 1

    # Live updates over WebSocket: limits per user across every replica (counted in Redis, each
    # entry kept alive by its process and expiring WS_PRESENCE_SECONDS after the process is gone).
    ws_max_sockets_per_user: int = 10
    ws_max_subscriptions_per_socket: int = 20
    ws_max_subscriptions_per_user: int = 50
    ws_presence_seconds: int = 60

    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    max_page_size: int = 100
    max_body_bytes: int = 1_000_000
    # Answers to repeated queries kept per API process (api.graphql.answers; 0 = none)
    answer_cache_bytes: int = 64_000_000
    max_query_bytes: int = 20_000  # a GraphQL document longer than this is refused before parsing
    query_cost_budget: int = 5_000  # objects an operation may ask for (api.graphql.cost)
    search_max_length: int = 200  # characters of `jobs(filter: {text})`
    search_max_operators: int = 20  # OR, quotes and "-" exclusions in one search text
    # PostgreSQL statement_timeout of the API's connections and of the worker's (seconds, 0 = none)
    statement_timeout: float = 5.0
    worker_statement_timeout: float = 120.0

    # Personal access tokens (api/token): default and maximum lifetime, live tokens per person.
    pat_default_days: int = 90
    pat_max_days: int = 365
    pat_max_live: int = 20

    # AI assistance: any OpenAI-compatible server; an empty model means the offline engine.
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = ""
    ai_timeout: float = 60.0
    ai_daily_token_budget: int = 200_000  # per user; 0 = unlimited
    ai_requests_per_minute: int = 10  # per user; 0 = unlimited
    # per-user rates of expensive mutations (api.limits, counted in Redis across replicas); 0 = unlimited
    rate_limit_window_seconds: int = 600
    rate_limit_generations: int = 30  # cover letters, tailored résumés, emails, improvements, interviews
    rate_limit_uploads: int = 10  # résumé uploads
    rate_limit_imports: int = 30  # job imports from a URL
    rate_limit_refreshes: int = 60  # session refreshes (new rotations; a parallel repeat within the leeway is free)
    rate_limit_provider_starts: int = 30  # provider sign-ins started (/auth/{provider}/start) per client address
    resume_max_bytes: int = 5 * 1024 * 1024
    import_max_bytes: int = 20 * 1024 * 1024  # an archive or file sent to /import/*
    resume_max_pages: int = 20

    # job discovery (issue 4)
    # source name → base URL, e.g. {"greenhouse": "http://mirror:8080"} (JSON in the environment)
    source_base_urls: dict[str, str] = Field(default_factory=dict)
    source_timeout: float = 15.0
    source_attempts: int = 3
    source_min_interval: float = 1.0  # seconds between requests to one source
    source_max_postings: int = 500  # per source per run
    adzuna_app_id: str | None = None
    adzuna_app_key: str | None = None
    adzuna_country: str = "gb"
    usajobs_api_key: str | None = None
    usajobs_email: str | None = None
    discovery_schedule_minutes: int = 15  # how often the cron looks for due searches
    refresh_stale_minutes: int = 15  # a manual refresh older than this no longer blocks a new one
    # a document, résumé upload or URL import still pending (or being written) after this fails
    # with a "try again" message, so it no longer blocks edits or holds a per-user slot
    pending_timeout_minutes: int = 15
    # URL import: tests only — lets the SSRF guard fetch loopback/private addresses
    allow_private_fetch: bool = False
    fetch_allowed_addresses: list[str] = Field(default_factory=list)  # exact "ip" / "ip:port" (JSON)
    fetch_max_bytes: int = 2 * 1024 * 1024
    fetch_timeout: float = 10.0

    # delivery (issue 10): email over SMTP; without SMTP_HOST the email channel is "not configured"
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True  # upgrade a plain connection (port 587)
    smtp_tls: bool = False  # implicit TLS from the first byte (port 465); wins over STARTTLS
    smtp_timeout: float = 15.0
    mail_from: str = "Career Companion <companion@localhost>"
    push_timeout: float = 10.0  # ntfy and webhook requests
    delivery_retry_seconds: float = 30.0  # a failed send is retried after this, doubling each time
    digest_batch_size: int = 500
    # A running arq job holds a lease this long, renewed every third of it while the job runs:
    # a job whose worker was killed runs again this soon after a worker is back.
    job_lease_seconds: float = 30.0

    # sign in with a provider (issue 14, api/identity/providers.py): a provider appears once its client
    # id and secret are set. OIDC_PROVIDERS (JSON list) adds providers or overrides any field of one,
    # e.g. [{"name": "keycloak", "label": "Keycloak", "issuer": "https://sso.example/realms/x",
    # "client_id": "…", "client_secret": "…"}] or GitHub's endpoints ({"name": "github", "api_url": …}).
    google_client_id: str | None = None
    google_client_secret: str | None = None
    github_client_id: str | None = None
    github_client_secret: str | None = None
    linkedin_client_id: str | None = None
    linkedin_client_secret: str | None = None
    oidc_issuer: str | None = None  # one generic OpenID provider (Keycloak, Authentik, Zitadel…)
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_name: str = "oidc"
    oidc_label: str = "Single sign-on"
    oidc_providers: list[dict[str, str]] = Field(default_factory=list)
    oauth_timeout: float = 10.0  # requests to a provider (discovery, token, JWKS, userinfo)
    oauth_flow_seconds: int = 600  # how long a started sign-in (state, nonce, PKCE verifier) stays valid

    @property
    def email_configured(self) -> bool:
        return bool(self.smtp_host)

    @model_validator(mode="after")
    def _derive(self) -> "Settings":
        if self.graphiql is None:
            self.graphiql = self.database_url is None
        if self.introspection is None:
            self.introspection = bool(self.debug or self.graphiql)
        return self

    @property
    def embedded(self) -> bool:
        return self.database_url is None

    @property
    def async_database_url(self) -> str:
        url = self.database_url or ""
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+asyncpg://" + url[len(prefix) :]
        return url

    def jwt_secret(self) -> str:
        """The signing key: from SECRET_KEY, or generated once and kept in DATA_DIR.

        Outside the embedded default a missing or placeholder secret is refused, so a
        production deployment can never run with a guessable key.
        """
        if self.secret_key and self.secret_key.strip().lower() not in PLACEHOLDER_SECRETS:
            if len(self.secret_key) < 32 and not self.embedded:
                raise RuntimeError("SECRET_KEY must be at least 32 characters")
            return self.secret_key
        if not self.embedded:
            raise RuntimeError("SECRET_KEY is required when DATABASE_URL is set")
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
