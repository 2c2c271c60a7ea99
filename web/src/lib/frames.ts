/**
 * The header of each page whose title and intro line never change: the page shows it, and
 * start-up shows it too (`components/StartFrame.tsx`) from the first moments of a load, while the
 * session, the app and the page's data are still on their way.
 */
export interface Frame {
  title: string;
  intro: string;
  width?: "narrow" | "wide";
}

/** By route path (`pageTable.ts`). */
export const FRAMES = {
  jobs: { title: "Jobs", intro: "Every job is scored against your profile. Strong matches raise an alert." },
  journey: { title: "Journey", intro: "Your roles, milestones and decisions over time, and where they usually lead.", width: "wide" },
} satisfies Record<string, Frame>;

/** The frame of the page at `pathname`, if it has one ("/jobs", not "/jobs/12"). */
export function frameAt(pathname: string): Frame | null {
  const path = pathname.replace(/^\/+|\/+$/g, "");
  return Object.hasOwn(FRAMES, path) ? FRAMES[path as keyof typeof FRAMES] : null;
}
