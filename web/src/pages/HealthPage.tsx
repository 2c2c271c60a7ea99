/**
 * Career health: the latest monthly report (overall and its three scores), each skill's
 * currency against its market trend, market position, growth trajectory, risks with an action
 * each, and the scores over time as a chart (one report per month).
 */
import { LineChart } from "../components/discovery/charts";
import { LoadError } from "../components/LoadError";
import { EmptyState } from "../components/EmptyState";
import { Page, Section } from "../components/Page";
import { Spinner } from "../components/ui";
import { Link } from "react-router";
import { CareerHealthDocument, CareerHealthRefreshDocument } from "../api/guidance";
import { useMutationForm } from "../hooks/useMutationForm";
import { formatDay, plural } from "../lib/career";
import { useGql } from "../lib/data";
import { formatDateTime } from "../lib/format";
import { percent } from "../lib/guidance";
import styles from "./HealthPage.module.css";
import { FRAMES } from "../lib/frames";

const SCORES = [
  ["overall", "Overall"],
  ["skillCurrency", "Skill currency"],
  ["marketPosition", "Market position"],
  ["growth", "Growth"],
] as const;

const signed = (n: number | null | undefined, digits = 0): string => (n == null ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(digits)}`);

/** Why a score sits at its neutral 50%: nothing yet to judge it by (the report says so instead of pretending). */
function unjudged(report: { market: { totalPostings: number }; trajectory: { trend: string } }, key: string): string | null {
  if (key === "marketPosition" && report.market.totalPostings === 0) return "neutral: no current postings to compare with yet";
  if (key === "growth" && report.trajectory.trend === "unknown") return "neutral: needs skill snapshots 30 days apart";
  return null;
}

export function HealthPage() {
  const query = useGql(CareerHealthDocument, {});
  const health = query.data?.viewer?.careerHealth ?? null;
  const latest = health?.latest ?? null;
  const history = health?.history ?? [];
  const refresh = useMutationForm(CareerHealthRefreshDocument, {
    errorToast: "Could not refresh the report",
    invalidates: [CareerHealthDocument],
    successToast: () => ({ title: "Career health refreshed" }),
  });
  const months = history.map((r) => formatDay(r.month, "short"));
  const chartLabel = `Career health by month: ${plural(history.length, "report")}`;
  const chartDescription = history.map((r, i) => `${months[i]}: ${SCORES.map(([key, name]) => `${name.toLowerCase()} ${percent(r[key])}`).join(", ")}`).join("; ");

  return (
    <Page
      {...FRAMES.health}
      actions={
        <button type="button" className="button" disabled={refresh.busy} onClick={() => void refresh.submit({ input: { force: true } })}>
          {refresh.busy ? "Refreshing…" : "Refresh"}
        </button>
      }
    >
      <LoadError error={query.error} onRetry={query.refetch} />
      {health == null ? (
        query.error ? null : <Spinner label="Loading your career health…" />
      ) : latest == null ? (
        <EmptyState
          title="No report yet"
          actions={
            <button type="button" className="button button-primary" disabled={refresh.busy} onClick={() => void refresh.submit({ input: { force: true } })}>
              {refresh.busy ? "Computing…" : "Compute this month's report"}
            </button>
          }
        >
          The report is computed from your skills, snapshots and the postings.
        </EmptyState>
      ) : (
        <>
          <ul className={styles.tiles} aria-label="Scores">
            {SCORES.map(([key, name]) => (
              <li key={key} className={`card ${styles.tile} ${key === "overall" ? styles.overall : ""}`} data-testid={`health-${key}`}>
                <span className={styles.tileValue}>{percent(latest[key])}</span>
                <span className={styles.tileLabel}>{name}</span>
                {unjudged(latest, key) ? <span className="muted small">{unjudged(latest, key)}</span> : null}
              </li>
            ))}
          </ul>
          <p className="muted small">
            Report for {formatDay(latest.month, "short")}, computed {formatDateTime(latest.computedAt)}.
          </p>

          <Section title="Over time" className="card dc-panel">
            {history.length < 2 ? (
              <p className="muted">The chart needs reports from two months; one is stored each month.</p>
            ) : null}
            {history.length ? (
              <LineChart
                testId="health-chart"
                ariaLabel={chartLabel}
                description={chartDescription}
                labels={months}
                series={SCORES.map(([key, name]) => ({ name, values: history.map((r) => Math.round(r[key] * 100)) }))}
                format={(v) => `${Math.round(v)}%`}
                max={100}
                yLabel="Score"
              />
            ) : null}
          </Section>

          <div className={styles.grid}>
            <Section title="Risks" className="card dc-panel" data-testid="health-risks">
              {latest.risks.length === 0 ? (
                <p className="muted">No risk stands out this month.</p>
              ) : (
                <ul className={styles.risks}>
                  {latest.risks.map((risk) => (
                    <li key={risk.title}>
                      <strong>{risk.title}</strong>
                      <p className="muted small">{risk.detail}</p>
                      <Link to={risk.actionHref} className="button button-small">
                        {risk.actionLabel}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Section>

            <Section title="Market position" className="card dc-panel">
              <p>
                Your skills cover <strong>{latest.market.coveredPostings}</strong> of {latest.market.totalPostings} current postings ({percent(latest.market.share)}).
              </p>
              <p className="muted small">
                {latest.market.previousShare != null ? `Last month ${percent(latest.market.previousShare)}. ` : ""}Trend: {latest.market.trend}.
              </p>
            </Section>

            <Section title="Growth trajectory" className="card dc-panel">
              <dl className="facts">
                <dt>Skill growth per quarter</dt>
                <dd>{signed(latest.trajectory.skillGrowthPerQuarter, 2)}</dd>
                <dt>Your past pace</dt>
                <dd>{signed(latest.trajectory.pastSkillGrowthPerQuarter, 2)}</dd>
                <dt>Typical for the role</dt>
                <dd>{signed(latest.trajectory.typicalForRole, 2)}</dd>
                <dt>Trend</dt>
                <dd>{latest.trajectory.trend}</dd>
              </dl>
              <p className="muted small">{latest.trajectory.note}</p>
            </Section>
          </div>

          <Section title="Skill currency" className="card dc-panel">
            {latest.skills.length === 0 ? (
              <p className="muted">
                Add skills to your <Link to="/profile">profile</Link> or take a <Link to="/skills">skill snapshot</Link>.
              </p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Skill freshness table">
                <table className="data-table">
                  <caption className="visually-hidden">How current each skill is, against its market trend</caption>
                  <thead>
                    <tr>
                      <th scope="col">Skill</th>
                      <th scope="col">Proficiency</th>
                      <th scope="col">Last active</th>
                      <th scope="col">Market trend</th>
                      <th scope="col">Currency</th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {latest.skills.map((s) => (
                      <tr key={s.skill}>
                        <th scope="row">{s.skill}</th>
                        <td>{s.proficiency == null ? "—" : percent(s.proficiency)}</td>
                        <td>{s.lastActiveOn ? `${formatDay(s.lastActiveOn)}${s.daysSinceActive != null ? ` (${plural(s.daysSinceActive, "day")} ago)` : ""}` : "—"}</td>
                        <td>{s.marketTrendPercent == null ? "—" : `${signed(s.marketTrendPercent)}%`}</td>
                        <td>
                          <span className={styles.currency} style={{ ["--value" as string]: `${Math.round(s.currency * 100)}%` }}>
                            {percent(s.currency)}
                          </span>
                        </td>
                        <td className="muted small">{s.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </>
      )}
    </Page>
  );
}
