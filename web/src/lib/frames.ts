/**
 * The header of each page whose title and intro line never change: the page shows it, and
 * start-up shows it too (`components/StartFrame.tsx`) from the first moments of a load, while the
 * session, the app and the page's data are still on their way.
 */
export interface Frame {
  title: string;
  intro: string;
  width?: "narrow" | "wide";
  /** A word of the intro that links to another page (`Page.tsx`'s `frameIntro` draws it). */
  link?: { text: string; to: string };
}

/** By route path (`pageTable.ts`). */
export const FRAMES = {
  // "/", the index route ("/today" has no frame: frameAt)
  today: { title: "Today", intro: "What the companion noticed, and what is next: your goals, new matches, follow-ups and interviews.", width: "wide" },
  jobs: { title: "Jobs", intro: "Every job is scored against your profile. Strong matches raise an alert." },
  board: { title: "Board", intro: "Drag a card to another column, or use its “Move to…” menu.", width: "wide" },
  discover: { title: "Discover", intro: "Open jobs you have not applied to, best match first — each score explained." },
  sources: { title: "Sources", intro: "Company boards you watch and searches you saved. They run daily; refresh any of them now." },
  market: {
    title: "Skills & market",
    intro: "What your jobs ask for that you lack, with a next step for each, and where demand and salaries are heading across all postings.",
  },
  analytics: { title: "Analytics", intro: "How your applications move: where they stall and which sources answer." },
  profile: { title: "Profile", intro: "Jobs are scored against this profile; saving re-scores all of them.", width: "narrow" },
  documents: { title: "Documents", intro: "Cover letters, résumé tailoring and emails for your jobs — saved with every version.", width: "wide" },
  interview: {
    title: "Interview practice",
    intro: "Answer one question at a time. Scores come from clear rules: structure, concepts, specifics and length.",
    width: "narrow",
  },
  settings: { title: "Settings", intro: "The AI model is set by the server's OPENAI_MODEL, OPENAI_BASE_URL and OPENAI_API_KEY.", width: "narrow" },
  journey: { title: "Journey", intro: "Your roles, milestones and decisions over time, and where they usually lead.", width: "wide" },
  goals: { title: "Goals", intro: "Small goals with clear steps. Progress comes from the steps you tick or the points you log." },
  decisions: {
    title: "Decisions",
    intro: "Write a decision down when you make it; come back to record how it turned out and what you learned.",
    width: "narrow",
  },
  context: {
    title: "Career context",
    intro: "Where you are and what you can give right now. Goal suggestions and adaptations use this; see the journey for where it leads.",
    width: "narrow",
    link: { text: "journey", to: "/journey" },
  },
  skills: {
    title: "Skill snapshot",
    intro: "Rate each skill from 0 (new to it) to 1 (could teach it). Started from your last snapshot and your profile; one snapshot per day.",
    width: "narrow",
    link: { text: "profile", to: "/profile" },
  },
  insights: {
    title: "Insights",
    intro: "What the companion noticed, with its reasons. Whether you find them useful and what you dismiss tune how often each rule speaks.",
  },
  recommendations: {
    title: "Recommendations",
    intro: "Next goals, skills, courses and people to meet — each with its reasoning and how sure the companion is.",
  },
  health: {
    title: "Career health",
    intro: "How current your skills are, how much of the market they cover and how fast you grow — once a month, so it has a trend.",
  },
  digests: { title: "Digests", intro: "Every morning briefing and evening summary you were sent, to read again." },
  calendar: {
    title: "Calendar feed",
    intro: "Your interviews, follow-up dates and goal target dates in the calendar you already use, kept up to date.",
    width: "narrow",
  },
  welcome: {
    title: "Set up your companion",
    intro: "Three short steps so your matches, board and advice start from you. Skip any of them: everything stays editable later.",
    width: "narrow",
  },
} satisfies Record<string, Frame>;

/** The frame of the page at `pathname`, if it has one ("/jobs", not "/jobs/12"; "/" is Today's). */
export function frameAt(pathname: string): Frame | null {
  const path = pathname.replace(/^\/+|\/+$/g, "");
  if (path === "") return FRAMES.today;
  return path !== "today" && Object.hasOwn(FRAMES, path) ? FRAMES[path as keyof typeof FRAMES] : null;
}
