/**
 * Every address of the app. Each page is its own chunk, loaded when its route is first shown;
 * `handle.title` names the page in the document title. The API serves index.html for any path.
 */
import { createBrowserRouter, matchRoutes, Navigate, type RouteObject } from "react-router";
import { NotFound, Root } from "./App";
import { lazyPage as page } from "./lib/lazyPage";

export interface RouteHandle {
  title: string;
  /** Fetches the page's chunk before it is shown (see `preloadPage`). */
  preload?: () => Promise<unknown>;
}

const pages: [path: string, title: string, Page: ReturnType<typeof page>][] = [
  ["jobs", "Jobs", page(() => import("./pages/JobsPage"), "JobsPage")],
  ["jobs/:jobId", "Job", page(() => import("./pages/JobPage"), "JobPage")],
  ["board", "Board", page(() => import("./pages/BoardPage"), "BoardPage")],
  ["discover", "Discover", page(() => import("./pages/DiscoverPage"), "DiscoverPage")],
  ["sources", "Sources", page(() => import("./pages/SourcesPage"), "SourcesPage")],
  ["market", "Skills & market", page(() => import("./pages/MarketPage"), "MarketPage")],
  ["analytics", "Analytics", page(() => import("./pages/AnalyticsPage"), "AnalyticsPage")],
  ["profile", "Profile", page(() => import("./pages/ProfilePage"), "ProfilePage")],
  ["documents/:documentId?", "Documents", page(() => import("./pages/DocumentsPage"), "DocumentsPage")],
  ["interview", "Interview practice", page(() => import("./pages/InterviewPage"), "InterviewPage")],
  ["settings", "Settings", page(() => import("./pages/SettingsPage"), "SettingsPage")],
  ["journey", "Journey", page(() => import("./pages/JourneyPage"), "JourneyPage")],
  ["goals/:goalId?", "Goals", page(() => import("./pages/GoalsPage"), "GoalsPage")],
  ["decisions", "Decisions", page(() => import("./pages/DecisionsPage"), "DecisionsPage")],
  ["context", "Career context", page(() => import("./pages/CareerContextPage"), "CareerContextPage")],
  ["skills", "Skill snapshot", page(() => import("./pages/SkillSnapshotPage"), "SkillSnapshotPage")],
  ["insights", "Insights", page(() => import("./pages/InsightsPage"), "InsightsPage")],
  ["recommendations", "Recommendations", page(() => import("./pages/RecommendationsPage"), "RecommendationsPage")],
  ["health", "Career health", page(() => import("./pages/HealthPage"), "HealthPage")],
  ["digests", "Digests", page(() => import("./pages/DigestsPage"), "DigestsPage")],
  ["digests/:digestId", "Digest", page(() => import("./pages/DigestsPage"), "DigestPage")],
  ["calendar", "Calendar feed", page(() => import("./pages/CalendarPage"), "CalendarPage")],
  ["welcome", "Set up", page(() => import("./pages/WelcomePage"), "WelcomePage")],
];

const TodayPage = page(() => import("./pages/TodayPage"), "TodayPage");

const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { index: true, element: <TodayPage />, handle: { title: "Today", preload: TodayPage.preload } satisfies RouteHandle },
      // The old home (a redirect to the jobs) and a few likely addresses of the new pages.
      { path: "today", element: <Navigate to="/" replace />, handle: { title: "Today" } satisfies RouteHandle },
      { path: "career-health", element: <Navigate to="/health" replace />, handle: { title: "Career health" } satisfies RouteHandle },
      // Shown by Root whenever nobody is signed in; these routes only name the page.
      { path: "signin", handle: { title: "Sign in" } satisfies RouteHandle },
      { path: "signup", handle: { title: "Sign up" } satisfies RouteHandle },
      { path: "link-account", handle: { title: "Connect your account" } satisfies RouteHandle },
      ...pages.map(([path, title, Page]): RouteObject => ({ path, element: <Page />, handle: { title, preload: Page.preload } satisfies RouteHandle })),
      { path: "*", element: <NotFound />, handle: { title: "Not found" } satisfies RouteHandle },
    ],
  },
];

/** Starts fetching the chunk of the page at `pathname`, so it arrives with the app rather than after it. */
export function preloadPage(pathname: string): void {
  for (const match of matchRoutes(routes, pathname) ?? []) void (match.route.handle as RouteHandle | undefined)?.preload?.();
}

export const router = createBrowserRouter(routes);
