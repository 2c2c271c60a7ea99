/** Skills & market: the skills your jobs ask for that you lack (ranked, with a next step) and
 * how demand for skills moves across all postings, week by week; salary trend per role. */
import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { MarketSkillDemandDocument, SalaryTrendDocument, SkillGapsDocument } from "../api/discovery";
import { HBars, LineChart } from "../components/discovery/charts";
import { Page, Section } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { SelectField, Spinner, TextField } from "../components/ui";
import type { SkillGapsQuery } from "../gql/graphql";
import { useGql } from "../lib/data";
import styles from "./MarketPage.module.css";
import { plural } from "../lib/format";
import { FRAMES } from "../lib/frames";

type Report = NonNullable<SkillGapsQuery["viewer"]>["skillGaps"];

function trendText(value: number | null): string {
  if (value == null) return "no market data";
  return `${value > 0 ? "+" : ""}${Math.round(value)}% in 90 days`;
}

/** "90 days", "1 year": the window as the picker names it. */
function windowText(days: number): string {
  return days === 365 ? "year" : `${days} days`;
}

const skillList = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean).slice(0, 8);

/** The first skills shown: the top gaps and a couple the viewer has. */
function startingSkills(gaps: Report | null): string {
  return [...(gaps?.gaps.slice(0, 3).map((g) => g.skill) ?? []), ...(gaps?.skillsYouHave.slice(0, 2) ?? [])].join(", ");
}

export function MarketPage() {
  const gapsQuery = useGql(SkillGapsDocument, {});
  const report = gapsQuery.data ? (gapsQuery.data.viewer?.skillGaps ?? null) : null;
  // What the charts show changes when a form is sent (or the window picked), not on every key.
  const [skillsText, setSkillsText] = useState<string | null>(null);
  const [shownSkills, setShownSkills] = useState<string[] | null>(null);
  const [windowDays, setWindowDays] = useState(90);
  const [role, setRole] = useState("engineer");
  const [shownRole, setShownRole] = useState("engineer");
  const text = skillsText ?? (gapsQuery.data ? startingSkills(report) : "");
  const skills = shownSkills ?? (gapsQuery.data ? skillList(startingSkills(report)) : null);
  const demandQuery = useGql(MarketSkillDemandDocument, { skills: skills ?? [], windowDays }, { enabled: skills != null, placeholderData: keepPreviousData });
  const salaryQuery = useGql(SalaryTrendDocument, { roleKeyword: shownRole }, { placeholderData: keepPreviousData });
  const demand = demandQuery.data?.marketSkillDemand ?? null;
  const salary = salaryQuery.data?.salaryTrend ?? null;

  const maxRank = Math.max(1, ...(report?.gaps.map((g) => g.rankScore) ?? [1]));
  const currencies = [...new Set(salary?.map((p) => p.currency) ?? [])];
  const months = [...new Set(salary?.map((p) => p.month) ?? [])].sort();
  // The sections show together, once each has its first answer (demand waits for the gaps, whose
  // skills it charts): each arriving on its own pushed the ones below it down the screen.
  const gapsDone = gapsQuery.data != null || gapsQuery.error != null;
  const demandDone = demand != null || demandQuery.error != null || (gapsDone && skills == null);
  const salaryDone = salary != null || salaryQuery.error != null;
  const firstAnswers = gapsDone && demandDone && salaryDone;

  return (
    <Page {...FRAMES.market}>
      <LoadError error={gapsQuery.error ?? demandQuery.error ?? salaryQuery.error} />
      {firstAnswers ? null : <Spinner label="Loading the market…" />}

      <Section title="Skill gaps" className="card dc-panel" hidden={!firstAnswers}>
        {report == null ? (
          <Spinner label="Finding gaps…" />
        ) : report.jobsConsidered === 0 ? (
          <p className="muted">Save or discover some jobs first: gaps come from the skills they ask for.</p>
        ) : (
          <>
            <p>
              Across {plural(report.jobsConsidered, "job")} you cover <strong>{report.coveragePercent}%</strong> of the skills asked for.
              {report.skillsYouHave.length ? <span className="muted"> You already have {report.skillsYouHave.slice(0, 6).join(", ")}.</span> : null}
            </p>
            {report.gaps.length === 0 ? (
              <p>No gaps: your profile covers every skill these jobs ask for.</p>
            ) : (
              <>
                <HBars
                  testId="gap-chart"
                  ariaLabel="Skill gaps ranked by frequency times market trend"
                  rows={report.gaps.map((g) => ({
                    label: g.skill,
                    value: g.rankScore,
                    max: maxRank,
                    tone: (g.trendPercent ?? 0) > 0 ? "warn" : "primary",
                    text: `${plural(g.frequency, "job")} (${g.coveragePercent}%) · ${trendText(g.trendPercent)}`,
                  }))}
                />
                <ol className={styles.gapSteps} aria-label="Next steps">
                  {report.gaps.slice(0, 5).map((g) => (
                    <li key={g.skill}>
                      <strong>{g.skill}</strong>
                      {g.category ? <span className="muted small"> ({g.category})</span> : null}: {g.nextStep}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </>
        )}
      </Section>

      <Section title="Market demand" className="card dc-panel" hidden={!firstAnswers}>
        <form
          className="toolbar"
          aria-label="Market demand"
          onSubmit={(e) => {
            e.preventDefault();
            const next = skillList(text);
            if (JSON.stringify(next) === JSON.stringify(skills)) void demandQuery.refetch();
            else setShownSkills(next);
          }}
        >
          <TextField className="toolbar-grow" label="Skills" placeholder="Empty: the most demanded" value={text} onChange={(e) => setSkillsText(e.target.value)} />
          <SelectField
            label="Window"
            value={String(windowDays)}
            onChange={(e) => {
              setWindowDays(Number(e.target.value));
              setShownSkills(skillList(text)); // the window applies to the skills typed so far
            }}
            options={[
              { value: "30", label: "30 days" },
              { value: "90", label: "90 days" },
              { value: "365", label: "1 year" },
            ]}
          />
          <button type="submit" className="button">
            Show
          </button>
        </form>
        {demand == null ? (
          <Spinner label="Loading the market…" />
        ) : demand.postings === 0 ? (
          <p className="muted" role="status">
            No postings in the last {windowText(demand.windowDays)}, nor the {windowText(demand.windowDays)} before. Refresh a source to collect some.
          </p>
        ) : (
          <>
            <LineChart
              testId="trend-chart"
              ariaLabel={`Share of postings mentioning ${demand.skills.join(", ")}, per week over the last ${windowText(demand.windowDays)} and the ${windowText(demand.windowDays)} before`}
              labels={demand.weeks.map((w) => w.week.slice(5))}
              series={demand.skills.map((skill) => ({
                name: skill,
                // a week without any postings is null (the line passes over it); with postings
                // but no mention of the skill, 0
                values: demand.weeks.map((w) => (w.postings ? w.skills.find((s) => s.skill === skill)?.share ?? 0 : null)),
              }))}
              format={(v) => `${Math.round(v)}%`}
              connectGaps
            />
            <ul className={styles.trendSentences} aria-label="Trends">
              {demand.trends.map((t) => (
                <li key={t.skill} className={styles[`dc-trend-${t.status.toLowerCase()}`]}>
                  {t.sentence}
                </li>
              ))}
            </ul>
            <p className="muted small">From {plural(demand.postings, "posting")} across all sources and users (aggregated).</p>
          </>
        )}
      </Section>

      <Section title="Salary trend" className="card dc-panel" hidden={!firstAnswers}>
        <form
          className="toolbar"
          aria-label="Salary trend"
          onSubmit={(e) => {
            e.preventDefault();
            if (role === shownRole) void salaryQuery.refetch();
            else setShownRole(role);
          }}
        >
          <TextField className="toolbar-grow" label="Role keyword" value={role} onChange={(e) => setRole(e.target.value)} />
          <button type="submit" className="button">
            Show
          </button>
        </form>
        {salary == null ? null : salary.length === 0 ? (
          <p className="muted">No postings with a salary for this role yet.</p>
        ) : (
          <LineChart
            testId="salary-chart"
            ariaLabel={`Median annual salary per month for "${role}"`}
            labels={months}
            series={currencies.map((c) => ({
              name: c,
              values: months.map((m) => salary.find((p) => p.month === m && p.currency === c)?.median ?? null),
            }))}
            format={(v) => (v >= 1000 ? `${Math.round(v / 1000)}k` : `${Math.round(v)}`)}
          />
        )}
      </Section>
    </Page>
  );
}
