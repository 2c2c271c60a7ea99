/** Skills & market: the skills your jobs ask for that you lack (ranked, with a next step) and
 * how demand for skills moves across all postings, week by week; salary trend per role. */
import { useCallback, useEffect, useState } from "react";
import { MarketSkillDemandDocument, SalaryTrendDocument, SkillGapsDocument } from "../api/discovery";
import { HBars, LineChart } from "../components/discovery/charts";
import { SelectField, Spinner, TextField } from "../components/ui";
import type { MarketSkillDemandQuery, SalaryTrendQuery, SkillGapsQuery } from "../gql/graphql";
import { errorMessage, request } from "../lib/graphql";
import "../discovery.css";

type Report = NonNullable<SkillGapsQuery["viewer"]>["skillGaps"];
type Demand = MarketSkillDemandQuery["marketSkillDemand"];

function trendText(value: number | null): string {
  if (value == null) return "no market data";
  return `${value > 0 ? "+" : ""}${Math.round(value)}% in 90 days`;
}

export function MarketPage() {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [skillsText, setSkillsText] = useState("");
  const [windowDays, setWindowDays] = useState(90);
  const [demand, setDemand] = useState<Demand | null>(null);
  const [role, setRole] = useState("engineer");
  const [salary, setSalary] = useState<SalaryTrendQuery["salaryTrend"] | null>(null);

  useEffect(() => {
    request(SkillGapsDocument)
      .then((data) => {
        const gaps = data.viewer?.skillGaps ?? null;
        setReport(gaps);
        const start = [...(gaps?.gaps.slice(0, 3).map((g) => g.skill) ?? []), ...(gaps?.skillsYouHave.slice(0, 2) ?? [])];
        setSkillsText(start.join(", "));
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);

  const loadDemand = useCallback(async (text: string, days: number) => {
    try {
      const skills = text.split(",").map((s) => s.trim()).filter(Boolean).slice(0, 8);
      setDemand((await request(MarketSkillDemandDocument, { skills, windowDays: days })).marketSkillDemand);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    if (report) void loadDemand(skillsText, windowDays);
    // the first load follows the gap report; later ones the form
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report, windowDays]);

  const loadSalary = useCallback(async (keyword: string) => {
    try {
      setSalary((await request(SalaryTrendDocument, { roleKeyword: keyword })).salaryTrend);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void loadSalary("engineer");
  }, [loadSalary]);

  const maxRank = Math.max(1, ...(report?.gaps.map((g) => g.rankScore) ?? [1]));
  const currencies = [...new Set(salary?.map((p) => p.currency) ?? [])];
  const months = [...new Set(salary?.map((p) => p.month) ?? [])].sort();

  return (
    <section className="page" aria-labelledby="market-title">
      <header className="page-header">
        <div>
          <h1 id="market-title">Skills &amp; market</h1>
          <p className="muted">What your jobs ask for that you lack, and where demand is heading across all postings.</p>
        </div>
      </header>
      {error ? (
        <div className="form-errors" role="alert">
          <p>{error}</p>
        </div>
      ) : null}

      <section className="card dc-panel" aria-labelledby="gaps-title">
        <h2 id="gaps-title">Skill gaps</h2>
        {report == null ? (
          <Spinner label="Finding gaps…" />
        ) : report.jobsConsidered === 0 ? (
          <p className="muted">Save or discover some jobs first: gaps come from the skills they ask for.</p>
        ) : (
          <>
            <p>
              Across {report.jobsConsidered} jobs you cover <strong>{report.coveragePercent}%</strong> of the skills asked for.
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
                    text: `${g.frequency} ${g.frequency === 1 ? "job" : "jobs"} (${g.coveragePercent}%) · ${trendText(g.trendPercent)}`,
                  }))}
                />
                <ol className="gap-steps" aria-label="Next steps">
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
      </section>

      <section className="card dc-panel" aria-labelledby="trend-title">
        <h2 id="trend-title">Market demand</h2>
        <form
          className="toolbar"
          aria-label="Market demand"
          onSubmit={(e) => {
            e.preventDefault();
            void loadDemand(skillsText, windowDays);
          }}
        >
          <TextField className="toolbar-grow" label="Skills" placeholder="Empty: the most demanded" value={skillsText} onChange={(e) => setSkillsText(e.target.value)} />
          <SelectField
            label="Window"
            value={String(windowDays)}
            onChange={(e) => setWindowDays(Number(e.target.value))}
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
          <p className="muted">No postings in the last {2 * demand.windowDays} days yet. Refresh a source to collect some.</p>
        ) : (
          <>
            <LineChart
              testId="trend-chart"
              ariaLabel={`Share of postings mentioning ${demand.skills.join(", ")}, per week over ${2 * demand.windowDays} days`}
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
            <ul className="trend-sentences" aria-label="Trends">
              {demand.trends.map((t) => (
                <li key={t.skill} className={`dc-trend dc-trend-${t.status.toLowerCase()}`}>
                  {t.sentence}
                </li>
              ))}
            </ul>
            <p className="muted small">From {demand.postings} postings across all sources and users (aggregated).</p>
          </>
        )}
      </section>

      <section className="card dc-panel" aria-labelledby="salary-title">
        <h2 id="salary-title">Salary trend</h2>
        <form
          className="toolbar"
          aria-label="Salary trend"
          onSubmit={(e) => {
            e.preventDefault();
            void loadSalary(role);
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
      </section>
    </section>
  );
}
