/** Sign up and sign in. */
import { useState, type FormEvent, type ReactNode } from "react";
import { TokenCreateDocument, UserRegisterDocument } from "../api/operations";
import { FormErrors, TextField } from "../components/ui";
import { setSession } from "../lib/auth";
import { errorMessage, request, splitErrors } from "../lib/graphql";
import { Link, navigate, useLocation } from "../lib/router";

function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" />
          Career Companion
        </div>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        {children}
        <p className="auth-footer">{footer}</p>
      </div>
    </main>
  );
}

/** Only same-app paths are followed after sign in. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign") ? next : "/jobs";
}

export function SignInPage() {
  const { search } = useLocation();
  const [username, setUsername] = useState(search.get("username") ?? "");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const created = search.get("created") === "1";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setGeneral([]);
    setFieldErrors({});
    try {
      const data = await request(TokenCreateDocument, { input: { username, password } });
      const payload = data.tokenCreate;
      if (payload.errors.length || !payload.accessToken || !payload.refreshToken || !payload.user) {
        const split = splitErrors(payload.errors, ["username", "password"]);
        setFieldErrors(split.byField);
        setGeneral(split.general.length || Object.keys(split.byField).length ? split.general : ["Sign in failed. Try again."]);
        return;
      }
      setSession({
        accessToken: payload.accessToken,
        refreshToken: payload.refreshToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        userId: payload.user.id,
        username: payload.user.username,
      });
      navigate(safeNext(search.get("next")), { replace: true });
    } catch (e) {
      setGeneral([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

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
          Account created. Sign in to continue.
        </div>
      ) : null}
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <FormErrors messages={general} />
        <TextField
          label="Username or email"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
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
          error={fieldErrors.password}
          required
          autoFocus={!!username}
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthLayout>
  );
}

export function SignUpPage() {
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setGeneral([]);
    setFieldErrors({});
    try {
      const data = await request(UserRegisterDocument, { input: { username, email, password } });
      const payload = data.userRegister;
      if (payload.errors.length || !payload.user) {
        const split = splitErrors(payload.errors, ["username", "email", "password"]);
        setFieldErrors(split.byField);
        setGeneral(split.general.length || Object.keys(split.byField).length ? split.general : ["Sign up failed. Try again."]);
        return;
      }
      navigate(`/signin?created=1&username=${encodeURIComponent(payload.user.username)}`);
    } catch (e) {
      setGeneral([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

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
      <form onSubmit={submit} noValidate aria-label="Sign up">
        <FormErrors messages={general} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
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
          error={fieldErrors.email}
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
          hint="At least 10 characters mixing letters, digits or symbols — or a passphrase of 16+ characters."
          required
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthLayout>
  );
}
