/** The root route (session redirects, page titles, the query cache) and the signed-in shell. */
import { QueryClientProvider } from "@tanstack/react-query";
import { Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Link, Outlet, ScrollRestoration, useLocation, useMatches, useNavigate } from "react-router";
import { Bell } from "./components/Bell";
import { Nav } from "./components/Nav";
import { QuickLogButton } from "./components/QuickLog";
import { Spinner } from "./components/ui";
import { useDismiss } from "./hooks/useDismiss";
import { signOut, useRestoring, useSession, type Session } from "./lib/auth";
import { AuthNavContext, PUBLIC_PATHS, signInAddress, type AuthNav } from "./lib/authNav";
import { createQueryClient } from "./lib/data";
import { lazyPage } from "./lib/lazyPage";
import { useLiveApplications } from "./lib/liveApplications";
import { NotificationsProvider } from "./lib/notifications";
import { useViewer } from "./lib/viewer";
import { VisitProvider } from "./lib/visit";
import type { RouteHandle } from "./routes";
import styles from "./App.module.css";

const SignInPage = lazyPage(() => import("./pages/AuthPages"), "SignInPage");
const SignUpPage = lazyPage(() => import("./pages/AuthPages"), "SignUpPage");
const LinkAccountPage = lazyPage(() => import("./pages/AuthPages"), "LinkAccountPage");

/** A cache per signed-in user (and one for nobody): nothing cached for one account shows for another. */
function CachePerUser({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  useEffect(() => () => client.clear(), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function Root() {
  const session = useSession();
  const restoring = useRestoring();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const handle = useMatches().at(-1)?.handle as RouteHandle | undefined;
  const isPublic = PUBLIC_PATHS.includes(pathname);
  const authNav = useMemo<AuthNav>(() => ({ search, go: (to, options) => navigate(to, options) }), [search, navigate]);

  // Signed out (or the session ended in another tab): go to sign in, then come back.
  useEffect(() => {
    if (restoring) return; // the session cookie has not answered yet
    if (!session && !isPublic) {
      navigate(signInAddress(pathname, search), { replace: true });
    } else if (session && isPublic) {
      navigate("/", { replace: true });
    }
  }, [restoring, session, isPublic, pathname, search, navigate]);

  const title = handle?.title ?? "Not found";
  useEffect(() => {
    document.title = `${title} · Career Companion`;
  }, [title]);

  let content: ReactNode = null;
  if (restoring) content = <Spinner />;
  else if (!session) {
    content = (
      <AuthNavContext.Provider value={authNav}>
        <Suspense>{pathname === "/signup" ? <SignUpPage /> : pathname === "/link-account" ? <LinkAccountPage /> : <SignInPage />}</Suspense>
      </AuthNavContext.Provider>
    );
  }
  else if (!isPublic) {
    content = (
      <NotificationsProvider userId={session.userId}>
        <VisitProvider userId={session.userId}>
          <Shell session={session}>
            <Suspense fallback={<Spinner />}>
              <Outlet />
            </Suspense>
          </Shell>
        </VisitProvider>
      </NotificationsProvider>
    );
  }
  return (
    <CachePerUser key={session?.userId ?? ""}>
      <ScrollRestoration />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {content}
    </CachePerUser>
  );
}

export function NotFound() {
  return (
    <section className="page empty card">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link to="/" className="button button-primary">
        Go to Today
      </Link>
    </section>
  );
}

function Shell({ session, children }: { session: Session; children: ReactNode }) {
  const { viewer } = useViewer();
  useLiveApplications(session.userId);
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => setMenuOpen(false), [pathname]);
  useDismiss(menuOpen, menu, () => setMenuOpen(false));
  const name = viewer?.username ?? session.username;

  return (
    <div>
      <header className={styles.topbar}>
        <div className={styles.topbarInner}>
          <Link to="/" className="brand" aria-label="Career Companion — home">
            <span className="brand-mark" aria-hidden="true" />
            <span className={styles.brandName}>Career Companion</span>
          </Link>
          <Nav />
          <div className={styles.topbarActions}>
            <QuickLogButton />
            <Bell />
            <div className="popover-anchor" ref={menu}>
              <button type="button" className={styles.avatar} aria-label={`Account: ${name}`} aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
                {name.slice(0, 1).toUpperCase()}
              </button>
              {menuOpen ? (
                <div className={`popover ${styles.menu}`} role="group" aria-label="Account">
                  <p className={styles.menuHead}>
                    <strong>{name}</strong>
                    {viewer ? <span className="muted small">{viewer.email}</span> : null}
                  </p>
                  <Link to="/profile" className={styles.menuItem}>
                    Profile
                  </Link>
                  <Link to="/settings" className={styles.menuItem}>
                    Settings
                  </Link>
                  <button type="button" className={styles.menuItem} onClick={signOut}>
                    Sign out
                  </button>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
