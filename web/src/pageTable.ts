/**
 * Every page of the app: its address (React Router's syntax), its title and its lazily loaded chunk.
 * `routes.tsx` makes the routes of it; `main.tsx` reads it without the router to fetch the chunk of
 * the address being opened together with the app (`preloadPage`), not after it.
 */
import { lazyPage as page } from "./lib/lazyPage";

export type PageComponent = ReturnType<typeof page>;

export const TodayPage = page(() => import("./pages/TodayPage"), "TodayPage");

export const pages: [path: string, title: string, Page: PageComponent][] = [
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

/** Whether `pathname` is an address of `path` ("jobs/:jobId", "goals/:goalId?"). */
function matches(path: string, pathname: string): boolean {
  const wanted = path.split("/");
  const given = pathname.split("/").filter(Boolean);
  if (given.length > wanted.length) return false;
  return wanted.every((part, i) =>
    part.startsWith(":") ? given[i] !== undefined || part.endsWith("?") : given[i] === part,
  );
}

/** Starts fetching the chunk of the page at `pathname` (none for an unknown one); resolves once it is in. */
export function preloadPage(pathname: string): Promise<unknown> {
  if (pathname === "/" || pathname === "") return TodayPage.preload();
  const found = pages.find(([path]) => matches(path, pathname));
  return found ? found[2].preload() : Promise.resolve();
}
