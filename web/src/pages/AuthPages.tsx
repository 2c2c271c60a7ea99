/**
 * Sign up and sign in. What a signed-out visitor loads first, so it depends on neither the router
 * nor the query cache (their weight would double the page's JavaScript): addresses through
 * `useAuthNav`, requests through `request`.
 */
import { useState, type FormEvent, type MouseEvent, type ReactNode } from "react";
import { TokenCreateDocument, UserRegisterDocument } from "../api/auth";
import { IdentityLinkConfirmDocument } from "../api/identity";
import { ProviderButtons, useAuthProviders } from "../components/ProviderButtons";
import { FormErrors, TextField } from "../components/ui";
import type { TypedDocumentString } from "../gql/graphql";
import { setSession } from "../lib/auth";
import { useAuthNav } from "../lib/authNav";
import { errorMessage, request, splitErrors, type FieldErrorLike } from "../lib/graphql";
import styles from "./AuthPages.module.css";

type Payload<R> = R[Exclude<keyof R, "__typename">];

interface AuthForm<V> {
  handle: (variables: V) => (event: FormEvent) => void;
  busy: boolean;
  fieldErrors: Record<string, string>;
  general: string[];
}

/** useMutationForm's contract for these two forms, without the query cache and toasts. */
function useAuthForm<R, V>(
  document: TypedDocumentString<R, V>,
  options: {
    fields: readonly string[];
    accepted: (payload: Payload<R>) => boolean;
    refused: string;
    onSuccess: (payload: Payload<R>) => void;
  },
): AuthForm<V> {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const submit = async (variables: V) => {
    setFieldErrors({});
    setGeneral([]);
    setBusy(true);
    let payload: Payload<R>;
    try {
      const data = await request(document, variables);
      payload = data[Object.keys(data as object).find((key) => key !== "__typename") as Exclude<keyof R, "__typename">];
    } catch (e) {
      setGeneral([errorMessage(e)]);
      return;
    } finally {
      setBusy(false);
    }
    if (!options.accepted(payload)) {
      const split = splitErrors((payload as { errors: readonly FieldErrorLike[] }).errors, options.fields);
      const silent = !split.general.length && !Object.keys(split.byField).length;
      setFieldErrors(split.byField);
      setGeneral(silent ? [options.refused] : split.general);
      return;
    }
    options.onSuccess(payload);
  };
  return {
    handle: (variables) => (event) => {
      event.preventDefault();
      void submit(variables);
    },
    busy,
    fieldErrors,
    general,
  };
}

function AuthLink({ to, children }: { to: string; children: ReactNode }) {
  const nav = useAuthNav();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    nav.go(to);
  };
  return (
    <a href={to} onClick={follow}>
      {children}
    </a>
  );
}

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

/** What sign-in and connecting a provider both answer (the TokenFields fragment). */
interface TokenAnswer {
  accessToken?: string | null;
  accessTokenExpiresAt?: string | null;
  user?: { id: string; username: string } | null;
  errors: readonly unknown[];
}

function issued(payload: TokenAnswer): boolean {
  return !payload.errors.length && !!payload.accessToken && !!payload.user;
}

function startSession(payload: TokenAnswer): void {
  setSession({
    accessToken: payload.accessToken!,
    accessTokenExpiresAt: payload.accessTokenExpiresAt ?? null,
    userId: payload.user!.id,
    username: payload.user!.username,
  });
}

/** Only same-app paths are followed after sign in. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign") ? next : "/";
}

export function SignInPage() {
  const nav = useAuthNav();
  const search = new URLSearchParams(nav.search);
  const [username, setUsername] = useState(search.get("username") ?? "");
  const [password, setPassword] = useState("");
  const created = search.get("created") === "1";
  const authError = search.get("authError");
  const form = useAuthForm(TokenCreateDocument, {
    fields: ["username", "password"],
    accepted: issued,
    refused: "Sign in failed. Try again.",
    onSuccess: (payload) => {
      startSession(payload);
      nav.go(safeNext(search.get("next")), { replace: true });
    },
  });

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Sign in to track jobs, applications and interviews."
      footer={
        <>
          New here? <AuthLink to="/signup">Create an account</AuthLink>
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
  const nav = useAuthNav();
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [signingIn, setSigningIn] = useState(false);
  const form = useAuthForm(UserRegisterDocument, {
    fields: ["username", "email", "password"],
    accepted: (payload) => !payload.errors.length && payload.accepted,
    refused: "Sign up failed. Try again.",
    onSuccess: () => {
      // The new account signs in at once, with the cookie, and starts on the setup. The sign-up's
      // answer is the same when the email already had an account (nothing was made): then this
      // sign-in is refused and the person is sent to sign in, told so, as before.
      const login = username.trim();
      setSigningIn(true);
      void request(TokenCreateDocument, { input: { username: login, password, refreshTokenCookie: true } })
        .then(({ tokenCreate }) => {
          if (!issued(tokenCreate)) throw new Error("not signed in");
          startSession(tokenCreate);
          nav.go("/welcome", { replace: true });
        })
        .catch(() => {
          setSigningIn(false);
          nav.go(`/signin?created=1&username=${encodeURIComponent(login)}`);
        });
    },
  });
  const busy = form.busy || signingIn;

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Your jobs, your pipeline, your data — on your own server."
      footer={
        <>
          Already have an account? <AuthLink to="/signin">Sign in</AuthLink>
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
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
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
  const nav = useAuthNav();
  const search = new URLSearchParams(nav.search);
  const [password, setPassword] = useState("");
  const ticket = search.get("ticket") ?? "";
  const name = search.get("provider");
  const providers = useAuthProviders();
  const provider = providers.find((p) => p.name === name)?.label ?? name ?? "the provider";
  const form = useAuthForm(IdentityLinkConfirmDocument, {
    fields: ["password"],
    accepted: issued,
    refused: "Connecting failed. Try again.",
    onSuccess: (payload) => {
      startSession(payload);
      nav.go("/", { replace: true });
    },
  });

  return (
    <AuthLayout
      title="Connect your account"
      subtitle={`An account with the email from ${provider} already exists. Enter its password to connect ${provider} to it and sign in.`}
      footer={
        <>
          Not yours? <AuthLink to="/signin">Back to sign in</AuthLink>
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
