/** Analytics of your pipeline: totals, the funnel with conversions, status breakdown,
 * applications per week, response rate by source and days spent in each stage. */
import { AnalyticsDocument } from "../api/discovery";
import { BarChart, Funnel, HBars } from "../components/discovery/charts";
import { Page, Section } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { Spinner } from "../components/ui";
import { useGql } from "../lib/data";
import styles from "./AnalyticsPage.module.css";
import { plural } from "../lib/format";
import { FRAMES } from "../lib/frames";

const STATUS_TONE: Record<string, "primary" | "good" | "warn" | "bad" | "muted"> = {
  interested: "muted", applied: "primary", interview: "warn", offer: "good", accepted: "good", declined: "muted", rejected: "bad",
};

export function AnalyticsPage() {
  const query = useGql(AnalyticsDocument, {});
  const data = query.data?.viewer?.analytics ?? null;

  const maxStatus = Math.max(1, ...(data?.byStatus.map((s) => s.count) ?? [1]));
  const maxDays = Math.max(1, ...(data?.averageDaysInStage.map((s) => s.days ?? 0) ?? [1]));

  return (
    <Page {...FRAMES.analytics}>
      <LoadError error={query.error} />
      {data == null ? (
        query.error ? null : <Spinner label="Loading analytics…" />
      ) : (
        <>
          <ul className={styles.dcTiles} aria-label="Totals">
            {(
              [
                ["Jobs", data.totals.jobs],
                ["Applications", data.totals.applications],
                ["Interviews", data.totals.interviews],
                ["Offers", data.totals.offers],
              ] as const
            ).map(([label, value]) => (
              <li key={label} className={`card ${styles.dcTile}`}>
                <span className={styles.dcTileValue}>{value}</span>
                <span className={styles.dcTileLabel}>{label}</span>
              </li>
            ))}
          </ul>
          <div className={styles.analyticsGrid}>
            <Section title="Funnel" className="card dc-panel">
              {data.totals.applications === 0 ? (
                <p className="muted">Move a job on your board to Applied to start the funnel.</p>
              ) : (
                <Funnel testId="funnel-chart" steps={data.funnel.map((s) => ({ stage: s.stage, count: s.count, conversion: s.conversionFromPrevious }))} />
              )}
            </Section>
            <Section title="Status breakdown" className="card dc-panel">
              {data.byStatus.length === 0 ? (
                <p className="muted">Nothing on your board yet.</p>
              ) : (
                <HBars
                  testId="status-chart"
                  ariaLabel="Applications by status"
                  rows={data.byStatus.map((s) => ({ label: s.status, value: s.count, max: maxStatus, tone: STATUS_TONE[s.status] ?? "primary", text: `${s.count}` }))}
                />
              )}
            </Section>
            <Section title="Applications per week" className="card dc-panel">
              {data.applicationsPerWeek.length === 0 ? (
                <p className="muted">No applications yet.</p>
              ) : (
                <BarChart
                  testId="weeks-chart"
                  ariaLabel={`Applications per week: ${data.applicationsPerWeek.map((w) => `${w.week} ${w.count}`).join(", ")}`}
                  bars={data.applicationsPerWeek.map((w) => ({ label: w.week.slice(5), value: w.count }))}
                />
              )}
            </Section>
            <Section title="Response rate by source" className="card dc-panel">
              {data.responseBySource.length === 0 ? (
                <p className="muted">No applications yet.</p>
              ) : (
                <>
                  <HBars
                    testId="response-chart"
                    ariaLabel="Response rate by source"
                    rows={data.responseBySource.map((s) => ({
                      label: s.source,
                      value: s.responseRate ?? 0,
                      max: 100,
                      tone: "good",
                      text: `${s.responseRate ?? 0}% (${s.responses} of ${s.applied})`,
                    }))}
                  />
                  <p className="muted small">Overall {data.overallResponseRate ?? 0}% of applications got an answer.</p>
                </>
              )}
            </Section>
            <Section title="Average days in each stage" className="card dc-panel">
              <HBars
                testId="days-chart"
                ariaLabel="Average days in each stage"
                rows={data.averageDaysInStage.map((s) => ({
                  label: s.stage,
                  value: s.days ?? 0,
                  max: maxDays,
                  tone: "primary",
                  text: s.days == null ? "—" : plural(s.days, "day"),
                }))}
              />
            </Section>
          </div>
        </>
      )}
    </Page>
  );
}
