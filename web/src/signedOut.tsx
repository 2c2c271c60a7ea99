/**
 * The app as a signed-out visitor first loads it: sign in and sign up without the router or the
 * query cache, addresses kept with the History API the way Root keeps them (any other address
 * goes to /signin?next=…). Once a session exists (this tab signed in, or another one did) the
 * app itself is loaded in its place, at the address sign-in chose.
 */
import { StrictMode, useCallback, useEffect, useMemo, useState } from "react";
import type { Root } from "react-dom/client";
import { useSession } from "./lib/auth";
import { AuthNavContext, PUBLIC_PATHS, signInAddress, type AuthNav } from "./lib/authNav";
import { LinkAccountPage, SignInPage, SignUpPage } from "./pages/AuthPages";

function here() {
  return { pathname: window.location.pathname, search: window.location.search };
}

function SignedOut({ signedIn }: { signedIn: () => void }) {
  const session = useSession();
  const [location, setLocation] = useState(here);
  const go = useCallback((to: string, options?: { replace?: boolean }) => {
    window.history[options?.replace ? "replaceState" : "pushState"](null, "", to);
    setLocation(here());
  }, []);
  const nav = useMemo<AuthNav>(() => ({ search: location.search, go }), [location.search, go]);
  const isPublic = PUBLIC_PATHS.includes(location.pathname);

  useEffect(() => {
    const moved = () => setLocation(here());
    window.addEventListener("popstate", moved);
    return () => window.removeEventListener("popstate", moved);
  }, []);
  useEffect(() => {
    if (!isPublic && !session) go(signInAddress(location.pathname, location.search), { replace: true });
  }, [isPublic, session, location, go]);
  useEffect(() => {
    if (session) signedIn();
  }, [session, signedIn]);
  const signUp = location.pathname === "/signup";
  useEffect(() => {
    const page = signUp ? "Sign up" : location.pathname === "/link-account" ? "Connect your account" : "Sign in";
    document.title = `${page} · Career Companion`;
  }, [signUp, location.pathname]);

  if (session || !isPublic) return null;
  return (
    <AuthNavContext.Provider value={nav}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {signUp ? <SignUpPage /> : location.pathname === "/link-account" ? <LinkAccountPage /> : <SignInPage />}
    </AuthNavContext.Provider>
  );
}

export function mount(root: Root, signedIn: () => void): void {
  root.render(
    <StrictMode>
      <SignedOut signedIn={signedIn} />
    </StrictMode>,
  );
}
