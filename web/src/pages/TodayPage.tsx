/**
 * Today, the home page: the welcome back (once, when due), a first-run checklist for a new
 * account, what the companion noticed (top insights with their reasons and actions), active
 * goals with their streaks, new strong matches, follow-ups due (their follow-up date has come) and
 * upcoming interviews.
 */
import { Link } from "react-router";
import { GoalsDocument } from "../api/career";
import { TodayDocument } from "../api/guidance";
import { TodayScheduleDocument } from "../api/delivery";
import { JobsDocument } from "../api/operations";
import { InsightCard, useMarkRead } from "../components/guidance/InsightCard";
import { LoadError } from "../components/LoadError";
import { Page, Section } from "../components/Page";
import { ScoreBadge, Spinner } from "../components/ui";
import type { InsightFieldsFragment } from "../gql/graphql";
import { formatDay, plural } from "../lib/career";
import { useGql } from "../lib/data";
import { APPOINTMENT_KINDS, formatInZone } from "../lib/delivery";
import { browserTimeZone, formatDate, labelOf } from "../lib/format";
import { FRAMES } from "../lib/frames";
import { useViewer } from "../lib/viewer";
import { useVisit } from "../lib/visit";
import styles from "./TodayPage.module.css";

const TOP = { limit: 5 };
/** The Goals page's default list: Today reads the same cache entry. */
const OPEN_GOALS = { first: 100, filter: { statuses: ["ACTIVE" as const, "PAUSED" as const] } };
const STRONG = { first: 5, after: null, filter: { minScore: 75 }, orderBy: "NEWEST" as const };
const SCHEDULE = { first: 5 };
const STRONG_DAYS = 14;
const DAY = 86_400_000;

function greeting(): string {
  const hour = new Date().getHours();
  return hour < 5 ? "Good evening" : hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
}

export function TodayPage() {
  const { viewer } = useViewer();
  const { welcomeBack, closed, dismiss: dismissWelcome } = useVisit();
  const today = useGql(TodayDocument, TOP);
  const goalsQuery = useGql(GoalsDocument, OPEN_GOALS);
  const jobsQuery = useGql(JobsDocument, STRONG);
  const schedule = useGql(TodayScheduleDocument, SCHEDULE);

  // Shown once, at the top: closing the banner, or dismissing its insight, puts it away for this load.
  const welcomeId = welcomeBack?.insight?.id;
  const welcome = closed || welcomeBack?.insight?.state === "DISMISSED" ? null : (welcomeBack?.insight ?? null);
  const insights = today.data?.viewer?.topInsights.filter((i) => i.state !== "DISMISSED" && i.id !== welcomeId) ?? null;
  const shown: InsightFieldsFragment[] | null = insights ? (welcome ? [welcome, ...insights] : insights) : null;
  useMarkRead(shown);

  const checklist = today.data?.viewer?.firstRunChecklist ?? null;
  const goals = goalsQuery.data?.viewer?.goals.edges.map((e) => e.node).filter((g) => g.status === "ACTIVE") ?? null;
  const streak = goalsQuery.data?.viewer?.progressStreak ?? null;
  const now = Date.now();
  const strong = jobsQuery.data?.jobs.edges.map((e) => e.node).filter((j) => now - Date.parse(j.createdAt) < STRONG_DAYS * DAY) ?? null;
  const followUps = schedule.data?.viewer?.followUpsDue ?? null;
  const interviews = schedule.data?.viewer?.upcomingInterviews.edges.map((e) => e.node) ?? null;
  const zone = viewer?.timezone || browserTimeZone() || "UTC";

  return (
    <Page {...FRAMES.today}>
      {/* always there (the name once known), so nothing below moves when the profile arrives */}
      <p className={styles.greeting}>{`${greeting()}${viewer ? `, ${viewer.username}` : ""}.`}</p>
      {welcomeBack && welcome ? (
        <section className={`card ${styles.welcome}`} aria-labelledby="welcome-title" data-testid="welcome-back">
          <header className={styles.sectionHead}>
            <h2 id="welcome-title">Welcome back</h2>
            <button type="button" className="icon-button" aria-label="Dismiss welcome back" onClick={dismissWelcome}>
              ×
            </button>
          </header>
          <p className="muted">You were away {plural(welcomeBack.awayDays, "day")}. Here is what changed.</p>
          <InsightCard insight={welcome} />
        </section>
      ) : null}

      <LoadError error={today.error} onRetry={today.refetch} />

      {/* The checklist and the columns come with Today's first answer, together: a checklist
          arriving above columns already drawn would push them all down. */}
      {today.data == null && !today.error ? <Spinner label="Loading your day…" /> : null}
      {today.data == null && !today.error ? null : checklist && !checklist.complete ? (
        <Section title="Get started" className={`card dc-panel ${styles.checklist}`} data-testid="first-run-checklist">
          <p className="muted">
            {checklist.items.filter((i) => i.done).length} of {checklist.items.length} done.{" "}
            <Link to="/welcome">Set up step by step</Link>
          </p>
          <ul className={styles.checkItems} aria-label="First steps">
            {checklist.items.map((item) => (
              <li key={item.key} className={item.done ? styles.done : undefined} data-testid={`checklist-${item.key}`} data-done={item.done}>
                <span className={styles.check} aria-hidden="true">
                  {item.done ? "✓" : ""}
                </span>
                {item.done ? (
                  <span>
                    {item.label} <span className="visually-hidden">(done)</span>
                  </span>
                ) : (
                  <Link to={item.href}>{item.label}</Link>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <div className={styles.grid} hidden={today.data == null && !today.error}>
        <Section title="What the companion noticed" className={styles.insights} heading={styles.columnTitle} data-testid="today-insights">
          {shown == null ? (
            today.error ? null : <Spinner label="Loading insights…" />
          ) : insights?.length === 0 ? (
            <div className="card empty">
              <p className="muted">Nothing needs your attention right now.</p>
            </div>
          ) : (
            <ul className={styles.insightList} aria-label="Top insights">
              {insights!.map((insight) => (
                <li key={insight.id}>
                  <InsightCard insight={insight} />
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/insights">All insights</Link> · <Link to="/recommendations">Recommendations</Link> · <Link to="/health">Career health</Link>
          </p>
        </Section>

        <div className={styles.side}>
          <Section title="Active goals" className="card dc-panel" data-testid="today-goals">
            {streak && streak.current > 0 ? <p className={styles.streak}>Streak: {plural(streak.current, "day")}{streak.longest > streak.current ? ` (best ${streak.longest})` : ""}</p> : null}
            <LoadError error={goalsQuery.error} onRetry={goalsQuery.refetch} />
            {goals == null ? (
              goalsQuery.error ? null : <Spinner label="Loading goals…" />
            ) : goals.length === 0 ? (
              <p className="muted">
                No active goal. <Link to="/goals">Set one</Link> or <Link to="/recommendations">see what fits</Link>.
              </p>
            ) : (
              <ul className={styles.rows} aria-label="Active goals">
                {goals.map((goal) => (
                  <li key={goal.id}>
                    <Link to={`/goals/${encodeURIComponent(goal.id)}`}>{goal.title}</Link>
                    <div className={styles.progress} role="progressbar" aria-label={`${goal.title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={goal.progress}>
                      <span style={{ width: `${goal.progress}%` }} />
                    </div>
                    <p className="muted small">
                      {goal.progress}%{goal.targetDate ? ` · target ${formatDay(goal.targetDate)}` : ""}
                      {goal.streak.current > 0 ? ` · ${plural(goal.streak.current, "day")} in a row` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section title="New strong matches" className="card dc-panel" data-testid="today-matches">
            <LoadError error={jobsQuery.error} onRetry={jobsQuery.refetch} />
            {strong == null ? (
              jobsQuery.error ? null : <Spinner label="Loading matches…" />
            ) : strong.length === 0 ? (
              <p className="muted">
                No new strong match in the last {STRONG_DAYS} days. <Link to="/discover">Discover jobs</Link>
              </p>
            ) : (
              <ul className={styles.rows} aria-label="New strong matches">
                {strong.map((job) => (
                  <li key={job.id} className={styles.job}>
                    <ScoreBadge score={job.matchScore} />
                    <Link to={`/jobs/${encodeURIComponent(job.id)}`}>
                      {job.title} at {job.company}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section title="Follow-ups due" className="card dc-panel" data-testid="today-follow-ups">
            <LoadError error={schedule.error} onRetry={schedule.refetch} />
            {followUps == null ? (
              schedule.error ? null : <Spinner label="Loading your follow-ups…" />
            ) : followUps.length === 0 ? (
              <p className="muted">No follow-up is due. Applications get a follow-up date a week after you apply.</p>
            ) : (
              <ul className={styles.rows} aria-label="Follow-ups due">
                {followUps.map((a) => (
                  <li key={a.id}>
                    <Link to={`/jobs/${encodeURIComponent(a.job.id)}`}>
                      {a.job.title} at {a.job.company}
                    </Link>
                    <p className="muted small">
                      {a.followUpOn ? `Follow up since ${formatDay(a.followUpOn)}` : "Follow up"}
                      {a.appliedAt ? ` · applied ${formatDate(a.appliedAt)}` : ""}. A short follow-up email often gets an answer.
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <p className="small">
              <Link to="/documents">Draft a follow-up email</Link> · <Link to="/board">Board</Link>
            </p>
          </Section>

          <Section title="Upcoming interviews" className="card dc-panel" data-testid="today-interviews">
            {interviews == null ? (
              schedule.error ? null : <Spinner label="Loading your interviews…" />
            ) : interviews.length === 0 ? (
              <p className="muted">No interview scheduled. Add one from a card's details on the board.</p>
            ) : (
              <ul className={styles.rows} aria-label="Upcoming interviews">
                {interviews.map((i) => (
                  <li key={i.id}>
                    <Link to={`/jobs/${encodeURIComponent(i.application.job.id)}`}>
                      {i.application.job.title} at {i.application.job.company}
                    </Link>
                    <p className="muted small">
                      {formatInZone(i.startsAt, zone)} · {labelOf(APPOINTMENT_KINDS, i.kind)}
                      {i.location ? ` · ${i.location}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <p className="small">
              <Link to="/calendar">Put them in your calendar</Link> · <Link to="/interview">Practise</Link>
            </p>
          </Section>
        </div>
      </div>
    </Page>
  );
}
