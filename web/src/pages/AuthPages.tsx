/** Sign up and sign in. */
import { useState, type ReactNode } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthProvidersDocument, IdentityLinkConfirmDocument } from "../api/identity";
import { TokenCreateDocument, UserRegisterDocument } from "../api/operations";
import { ProviderButtons } from "../components/ProviderButtons";
import { FormErrors, TextField } from "../components/ui";
import { useMutationForm } from "../hooks/useMutationForm";
import { useGql } from "../lib/data";
import { setSession } from "../lib/auth";
import styles from "./AuthPages.module.css";

function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className={styles.auth} id="main">
      <div className={styles.authCard}>
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" />
          Career Companion
        </div>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        {children}
        <p className={styles.authFooter}>{footer}</p>
      </div>
    </main>
  );
}

/** Only same-app paths are followed after sign in. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign") ? next : "/";
}

export function SignInPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState(search.get("username") ?? "");
  const [password, setPassword] = useState("");
  const created = search.get("created") === "1";
  const authError = search.get("authError");
  const form = useMutationForm(TokenCreateDocument, {
    fields: ["username", "password"],
    accepted: (payload) => !payload.errors.length && !!payload.accessToken && !!payload.user,
    refused: "Sign in failed. Try again.",
    onSuccess: (payload) => {
      setSession({
        accessToken: payload.accessToken!,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        userId: payload.user!.id,
        username: payload.user!.username,
      });
      navigate(safeNext(search.get("next")), { replace: true });
    },
  });

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Sign in to track jobs, applications and interviews."
      footer={
        <>
          New here? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      {created ? (
        <div className="notice" role="status">
          Sign-up received. Sign in to continue — if that email already had an account, no new one was made.
        </div>
      ) : null}
      {authError ? (
        <div data-testid="auth-error">
          <FormErrors messages={[authError]} />
        </div>
      ) : null}
      <form onSubmit={form.handle({ input: { username, password, refreshTokenCookie: true } })} noValidate aria-label="Sign in">
        <FormErrors messages={form.general} />
        <TextField
          label="Username or email"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={form.fieldErrors.username}
          required
          autoFocus={!username}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldErrors.password}
          required
          autoFocus={!!username}
        />
        <button type="submit" className="button button-primary button-block" disabled={form.busy}>
          {form.busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <ProviderButtons />
    </AuthLayout>
  );
}

export function SignUpPage() {
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useMutationForm(UserRegisterDocument, {
    fields: ["username", "email", "password"],
    accepted: (payload) => !payload.errors.length && payload.accepted,
    refused: "Sign up failed. Try again.",
    onSuccess: () => navigate(`/signin?created=1&username=${encodeURIComponent(username.trim())}`),
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Your jobs, your pipeline, your data — on your own server."
      footer={
        <>
          Already have an account? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      <form onSubmit={form.handle({ input: { username, email, password } })} noValidate aria-label="Sign up">
        <FormErrors messages={form.general} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={form.fieldErrors.username}
          hint="3–40 letters, digits, dots, dashes or underscores."
          required
          autoFocus
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.fieldErrors.email}
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldErrors.password}
          hint="At least 10 characters and hard to guess: a few unrelated words work well. Common passwords are refused."
          required
        />
        <button type="submit" className="button button-primary button-block" disabled={form.busy}>
          {form.busy ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthLayout>
  );
}

/**
 * A provider vouched for an email that already has an account here: the provider is connected only
 * once that account's password is given (never silently by email). The ticket came in the address.
 */
export function LinkAccountPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const ticket = search.get("ticket") ?? "";
  const name = search.get("provider");
  const providers = useGql(AuthProvidersDocument, {}).data?.authProviders ?? [];
  const provider = providers.find((p) => p.name === name)?.label ?? name ?? "the provider";
  const form = useMutationForm(IdentityLinkConfirmDocument, {
    fields: ["password"],
    accepted: (payload) => !payload.errors.length && !!payload.accessToken && !!payload.user,
    refused: "Connecting failed. Try again.",
    onSuccess: (payload) => {
      setSession({
        accessToken: payload.accessToken!,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        userId: payload.user!.id,
        username: payload.user!.username,
      });
      navigate("/", { replace: true });
    },
  });

  return (
    <AuthLayout
      title="Connect your account"
      subtitle={`An account with the email from ${provider} already exists. Enter its password to connect ${provider} to it and sign in.`}
      footer={
        <>
          Not yours? <Link to="/signin">Back to sign in</Link>
        </>
      }
    >
      <form onSubmit={form.handle({ input: { ticket, password } })} noValidate aria-label="Connect your account">
        <FormErrors messages={form.general} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldErrors.password}
          required
          autoFocus
        />
        <button type="submit" className="button button-primary button-block" disabled={form.busy || !ticket}>
          {form.busy ? "Connecting…" : `Connect ${provider} and sign in`}
        </button>
      </form>
    </AuthLayout>
  );
}
