/** Routes and the signed-in shell (nav, bell, sign out). */
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from "react";
import { TokenRevokeDocument } from "./api/operations";
import { Bell } from "./components/Bell";
import { QuickLogButton } from "./components/QuickLog";
import { clearSession, getSession, useSession, type Session } from "./lib/auth";
import { request } from "./lib/graphql";
import { NotificationsProvider } from "./lib/notifications";
import { Link, navigate, NavLink, useLocation } from "./lib/router";
import { ToastProvider } from "./lib/toast";
import { useViewer, ViewerProvider } from "./lib/viewer";
import { SignInPage, SignUpPage } from "./pages/AuthPages";
import { BoardPage } from "./pages/BoardPage";
import { CareerContextPage } from "./pages/CareerContextPage";
import { DecisionsPage } from "./pages/DecisionsPage";
import { GoalsPage } from "./pages/GoalsPage";
import { JourneyPage } from "./pages/JourneyPage";
import { SkillSnapshotPage } from "./pages/SkillSnapshotPage";
import { JobsPage } from "./pages/JobsPage";
import { ProfilePage } from "./pages/ProfilePage";
import { DocumentsPage } from "./pages/DocumentsPage";
import { InterviewPage } from "./pages/InterviewPage";
import { SettingsPage } from "./pages/SettingsPage";
import { AnalyticsPage } from "./pages/AnalyticsPage";
import { DiscoverPage } from "./pages/DiscoverPage";
import { MarketPage } from "./pages/MarketPage";
import { SourcesPage } from "./pages/SourcesPage";

const PUBLIC = ["/signin", "/signup"];
const PAGES: Record<string, { title: string; render: () => ReactElement }> = {
  "/jobs": { title: "Jobs", render: () => <JobsPage /> },
  "/board": { title: "Board", render: () => <BoardPage /> },
  "/discover": { title: "Discover", render: () => <DiscoverPage /> },
  "/sources": { title: "Sources", render: () => <SourcesPage /> },
  "/market": { title: "Skills & market", render: () => <MarketPage /> },
  "/analytics": { title: "Analytics", render: () => <AnalyticsPage /> },
  "/profile": { title: "Profile", render: () => <ProfilePage /> },
  "/documents": { title: "Documents", render: () => <DocumentsPage /> },
  "/interview": { title: "Interview practice", render: () => <InterviewPage /> },
  "/settings": { title: "Settings", render: () => <SettingsPage /> },
  "/journey": { title: "Journey", render: () => <JourneyPage /> },
  "/goals": { title: "Goals", render: () => <GoalsPage /> },
  "/decisions": { title: "Decisions", render: () => <DecisionsPage /> },
  "/context": { title: "Career context", render: () => <CareerContextPage /> },
  "/skills": { title: "Skill snapshot", render: () => <SkillSnapshotPage /> },
};

export function App() {
  return (
    <ToastProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Routes />
    </ToastProvider>
  );
}

function Routes() {
  const session = useSession();
  const { pathname, search } = useLocation();
  const isPublic = PUBLIC.includes(pathname);

  // Signed out (or the session ended in another tab): go to sign in, then come back.
  useEffect(() => {
    if (!session && !isPublic) {
      const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + (search.size ? `?${search}` : ""))}`;
      navigate(`/signin${next}`, { replace: true });
    } else if (session && (isPublic || pathname === "/")) {
      navigate("/jobs", { replace: true });
    }
  }, [session, isPublic, pathname, search]);

  const page = PAGES[pathname];
  useEffect(() => {
    document.title = `${page?.title ?? (pathname === "/signup" ? "Sign up" : pathname === "/signin" ? "Sign in" : "Not found")} · Career Companion`;
  }, [page, pathname]);

  if (!session) {
    if (pathname === "/signup") return <SignUpPage />;
    return <SignInPage />;
  }
  if (isPublic || pathname === "/") return null;
  return (
    <ViewerProvider key={session.userId}>
      <NotificationsProvider userId={session.userId}>
        <Shell session={session}>{page ? page.render() : <NotFound />}</Shell>
      </NotificationsProvider>
    </ViewerProvider>
  );
}

function NotFound() {
  return (
    <section className="page empty card">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link to="/jobs" className="button button-primary">
        Go to jobs
      </Link>
    </section>
  );
}

async function signOut(): Promise<void> {
  const session = getSession();
  clearSession(); // at once: the UI must not wait for the network
  if (session) {
    try {
      await request(TokenRevokeDocument, { input: { refreshToken: session.refreshToken } });
    } catch {
      // Already invalid or offline: the local session is gone either way.
    }
  }
}

function Shell({ session, children }: { session: Session; children: ReactNode }) {
  const { viewer } = useViewer();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setMenuOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [menuOpen]);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/jobs" className="brand" aria-label="Career Companion — home">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Career Companion</span>
          </Link>
          <nav className="nav" aria-label="Main">
            <NavLink to="/jobs">Jobs</NavLink>
            <NavLink to="/board">Board</NavLink>
            <NavLink to="/discover">Discover</NavLink>
            <NavLink to="/market">Market</NavLink>
            <NavLink to="/analytics">Analytics</NavLink>
            <NavLink to="/journey">Journey</NavLink>
            <NavLink to="/goals">Goals</NavLink>
            <NavLink to="/documents">Documents</NavLink>
            <NavLink to="/interview">Interview</NavLink>
            <NavLink to="/profile">Profile</NavLink>
          </nav>
          <div className="topbar-actions">
            <QuickLogButton />
            <Bell />
            <div className="user-menu" ref={menu}>
              <button type="button" className="avatar" aria-label={`Account: ${viewer?.username ?? session.username}`} aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
                {(viewer?.username ?? session.username).slice(0, 1).toUpperCase()}
              </button>
              {menuOpen ? (
                <div className="menu" role="group" aria-label="Account">
                  <p className="menu-head">
                    <strong>{viewer?.username ?? session.username}</strong>
                    {viewer ? <span className="muted small">{viewer.email}</span> : null}
                  </p>
                  <Link to="/profile" className="menu-item">
                    Profile
                  </Link>
                  <Link to="/settings" className="menu-item">
                    Settings
                  </Link>
                  <button type="button" className="menu-item" onClick={() => void signOut()}>
                    Sign out
                  </button>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
