/** Sources: watched company boards and saved searches, each with its last run; "Refresh now"
 * starts a run and shows its progress live (sources done, found, new, duplicates). */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import {
  SavedSearchCreateDocument,
  SavedSearchDeleteDocument,
  SourceRefreshDocument,
  SourceRunProgressDocument,
  SourcesDocument,
  WatchedCompanyAddDocument,
  WatchedCompanyRemoveDocument,
} from "../api/discovery";
import { JOB_QUERIES } from "../api/affects";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { FormErrors, SelectField, Spinner, TextField } from "../components/ui";
import type { JobBoard, SearchSource, SourceRunFieldsFragment, SourcesQuery } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, useGql } from "../lib/data";
import { plural, timeAgo } from "../lib/format";
import { useToast } from "../lib/toast";
import { subscribe } from "../lib/ws";
import styles from "./SourcesPage.module.css";
import { FRAMES } from "../lib/frames";

type Search = SourcesQuery["savedSearches"]["edges"][number]["node"];

const BOARDS: { value: JobBoard; label: string }[] = [
  { value: "GREENHOUSE", label: "Greenhouse" },
  { value: "LEVER", label: "Lever" },
  { value: "LEVER_EU", label: "Lever (EU)" },
  { value: "ASHBY", label: "Ashby" },
  { value: "SMARTRECRUITERS", label: "SmartRecruiters" },
  { value: "RECRUITEE", label: "Recruitee" },
  { value: "WORKABLE", label: "Workable" },
  { value: "WORKDAY", label: "Workday" },
  { value: "PERSONIO", label: "Personio" },
  { value: "TEAMTAILOR", label: "Teamtailor" },
  { value: "BAMBOOHR", label: "BambooHR" },
  { value: "ICIMS", label: "iCIMS" },
  { value: "CAREERS_PAGE", label: "Careers page (JSON-LD)" },
];
const SEARCH_SOURCES: { value: SearchSource; label: string }[] = [
  { value: "REMOTIVE", label: "Remotive" },
  { value: "ARBEITNOW", label: "Arbeitnow" },
  { value: "REMOTEOK", label: "Remote OK" },
  { value: "HIMALAYAS", label: "Himalayas" },
  { value: "JOBICY", label: "Jobicy" },
  { value: "WEWORKREMOTELY", label: "We Work Remotely" },
  { value: "WORKINGNOMADS", label: "Working Nomads" },
  { value: "HACKERNEWS", label: "Hacker News: Who is hiring?" },
  { value: "ADZUNA", label: "Adzuna (needs keys)" },
  { value: "USAJOBS", label: "USAJobs (needs keys)" },
];
const ACTIVE = ["PENDING", "RUNNING"];

const STATUS_WORDS: Record<string, string> = {
  PENDING: "Waiting",
  RUNNING: "Refreshing",
  COMPLETED: "Done",
  COMPLETED_WITH_FAILURES: "Done with failures",
  FAILED: "Failed",
};

function sourceName(source: string): string {
  const value = source.toUpperCase();
  return [...BOARDS, ...SEARCH_SOURCES].find((s) => s.value === value)?.label.replace(/ \(.*\)$/, "") ?? source;
}

/** The sources that failed or were skipped, each with its reason, as they come in. */
function Problems({ run }: { run: SourceRunFieldsFragment }) {
  const problems = run.outcomes.filter((o) => o.status !== "ok");
  if (!problems.length) return null;
  return (
    <ul className={styles.outcomes} aria-label="Sources that did not deliver">
      {problems.map((o) => (
        <li key={o.source} className={o.status === "error" ? "field-error" : "muted"}>
          {sourceName(o.source)} {o.status === "error" ? "failed" : "skipped"}: {o.message.replace(/^(error|skipped): /, "")}
        </li>
      ))}
    </ul>
  );
}

function statusClass(status: string): string {
  return `${styles.runStatus} ${styles[`run-${status.toLowerCase().replace(/_/g, "-")}`] ?? ""}`;
}

function RunSummary({ run }: { run: SourceRunFieldsFragment | null }) {
  if (!run) return <p className="muted small">Never run yet.</p>;
  const when = run.finishedAt ?? run.startedAt ?? run.createdAt;
  return (
    <div className={`small ${styles.runSummary}`} data-testid="last-run">
      <p>
        <span className={statusClass(run.status)}>{STATUS_WORDS[run.status] ?? run.status}</span> {timeAgo(when)} · {run.found} found ·{" "}
        {run.new} new · {plural(run.duplicates, "duplicate")}
        {run.closed ? ` · ${run.closed} closed` : ""}
        {run.matched ? ` · ${run.matched} added to your jobs` : ""}
      </p>
      <Problems run={run} />
    </div>
  );
}

function Progress({ run }: { run: SourceRunFieldsFragment }) {
  const total = Math.max(1, run.sourcesTotal);
  const active = ACTIVE.includes(run.status);
  const done = active ? run.sourcesDone : total;
  const delivered = run.status === "COMPLETED" || run.status === "COMPLETED_WITH_FAILURES";
  return (
    <div className={styles.runProgress} data-testid="run-progress">
      <div
        className={`${styles.runBar} ${run.status === "FAILED" ? styles.runBarFailed : ""}`}
        role="progressbar"
        aria-label={`Refreshing ${run.label}`}
        aria-valuemin={0}
        aria-valuemax={run.sourcesTotal}
        aria-valuenow={run.sourcesDone}
      >
        <span className={styles.runBarFill} style={{ width: `${(100 * done) / total}%` }} />
      </div>
      <p className="small" role="status">
        <span className={active ? "" : statusClass(run.status)}>{STATUS_WORDS[run.status] ?? run.status}</span>: {run.sourcesDone} of{" "}
        {plural(run.sourcesTotal, "source")} · {run.found} found · {run.new} new · {plural(run.duplicates, "duplicate")}
        {delivered && run.matched ? (
          <>
            {" "}· {run.matched} added — <Link to="/discover">see recommendations</Link>
          </>
        ) : null}
      </p>
      {run.status === "FAILED" && !run.outcomes.length && run.error ? <p className="field-error small">{run.error}</p> : null}
      <Problems run={run} />
    </div>
  );
}

export function SourcesPage() {
  const toast = useToast();
  const client = useQueryClient();
  const query = useGql(SourcesDocument, {});
  const data = query.data ?? null;
  const [runs, setRuns] = useState<Record<string, SourceRunFieldsFragment>>({});
  const stops = useRef<(() => void)[]>([]);
  useEffect(() => () => stops.current.forEach((stop) => stop()), []);
  // A run found jobs: every list of them may have changed.
  const reload = () => void invalidate(client, [SourcesDocument, ...JOB_QUERIES]);

  const refresh = useMutationForm(SourceRefreshDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.sourceRun,
    errorToast: "Not refreshed",
    onSuccess: ({ sourceRun: run }, { input }) => {
      const key = (input.watchedCompanyId ?? input.savedSearchId)!;
      setRuns((all) => ({ ...all, [key]: run! }));
      stops.current.push(
        subscribe(SourceRunProgressDocument, {
          variables: () => ({ id: run!.id }),
          retries: 3,
          onData: ({ sourceRunProgress }) => setRuns((all) => ({ ...all, [key]: sourceRunProgress })),
          onDone: (failure) => {
            if (failure) toast.show({ kind: "error", title: "Lost the live progress", body: failure });
            reload();
          },
        }),
      );
    },
  });
  const removeCompany = useMutationForm(WatchedCompanyRemoveDocument, { errorToast: "Not removed", onSuccess: reload });
  const removeSearch = useMutationForm(SavedSearchDeleteDocument, { errorToast: "Not deleted", onSuccess: reload });

  return (
    <Page {...FRAMES.sources}>
      <LoadError error={query.error} />
      {data == null ? (
        query.error ? null : <Spinner label="Loading sources…" />
      ) : (
        <div className={styles.sourcesGrid}>
          <section className={`card ${styles.sourcesSection}`} aria-labelledby="companies-title">
            <h2 id="companies-title">Watched companies</h2>
            <CompanyForm />
            <ul className={styles.sourceList} aria-label="Watched companies">
              {data.watchedCompanies.edges.map(({ node }) => (
                <SourceItem
                  key={node.id}
                  title={node.name}
                  subtitle={`${BOARDS.find((b) => b.value === node.source)?.label ?? node.source} · ${node.boardToken} · every ${node.intervalHours} h`}
                  lastRun={node.lastRun}
                  live={runs[node.id]}
                  onRefresh={() => void refresh.submit({ input: { watchedCompanyId: node.id } })}
                  onRemove={() => void removeCompany.submit({ input: { id: node.id } })}
                />
              ))}
              {data.watchedCompanies.edges.length === 0 ? <li className="muted small">No companies yet: add a company’s job board above and its openings are fetched every day.</li> : null}
            </ul>
          </section>
          <section className={`card ${styles.sourcesSection}`} aria-labelledby="searches-title">
            <h2 id="searches-title">Saved searches</h2>
            <SearchForm />
            <ul className={styles.sourceList} aria-label="Saved searches">
              {data.savedSearches.edges.map(({ node }) => (
                <SourceItem
                  key={node.id}
                  title={node.name}
                  subtitle={describeSearch(node)}
                  lastRun={node.lastRun}
                  live={runs[node.id]}
                  onRefresh={() => void refresh.submit({ input: { savedSearchId: node.id } })}
                  onRemove={() => void removeSearch.submit({ input: { id: node.id } })}
                />
              ))}
              {data.savedSearches.edges.length === 0 ? <li className="muted small">No saved searches yet: type keywords above and save; new postings are fetched and scored every day.</li> : null}
            </ul>
          </section>
        </div>
      )}
    </Page>
  );
}

function describeSearch(search: Search): string {
  const parts = [search.keywords.join(", ")];
  if (search.locations.length) parts.push(`in ${search.locations.join(", ")}`);
  if (search.remote === true) parts.push("remote only");
  if (search.remote === false) parts.push("on-site/hybrid");
  parts.push(search.sources.length ? search.sources.map((s) => SEARCH_SOURCES.find((o) => o.value === s)?.label ?? s).join(", ") : "all sources");
  parts.push(`every ${search.intervalHours} h`);
  return parts.join(" · ");
}

interface SourceItemProps {
  title: string;
  subtitle: string;
  lastRun: SourceRunFieldsFragment | null;
  live: SourceRunFieldsFragment | undefined;
  onRefresh: () => void;
  onRemove: () => void;
}

function SourceItem({ title, subtitle, lastRun, live, onRefresh, onRemove }: SourceItemProps) {
  const running = live != null && ACTIVE.includes(live.status);
  return (
    <li>
      <article className={styles.sourceItem} aria-label={title}>
        <div className={styles.sourceItemHead}>
          <div>
            <h3>{title}</h3>
            <p className="muted small">{subtitle}</p>
          </div>
          <div className={styles.sourceActions}>
            <button type="button" className="button button-small button-primary" disabled={running} onClick={onRefresh}>
              {running ? "Refreshing…" : "Refresh now"}
            </button>
            <button type="button" className="button button-small button-ghost-danger" onClick={onRemove}>
              Remove
            </button>
          </div>
        </div>
        {live ? <Progress run={live} /> : <RunSummary run={lastRun} />}
      </article>
    </li>
  );
}

function CompanyForm() {
  const [source, setSource] = useState<JobBoard>("GREENHOUSE");
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const form = useMutationForm(WatchedCompanyAddDocument, {
    fields: ["source", "boardToken", "name"],
    invalidates: [SourcesDocument],
    onSuccess: () => {
      setToken("");
      setName("");
    },
  });
  const errors = { byField: form.fieldErrors, general: form.general };
  return (
    <form className={styles.inlineForm} aria-label="Watch a company" onSubmit={form.handle({ input: { source, boardToken: token, name: name || null } })}>
      <FormErrors messages={errors.general} />
      <SelectField label="Board" value={source} onChange={(e) => setSource(e.target.value as JobBoard)} options={BOARDS} />
      <TextField label="Board token" required placeholder="vercel, or the board's URL" value={token} onChange={(e) => setToken(e.target.value)} error={errors.byField.boardToken} />
      <TextField label="Name" placeholder="Optional" value={name} onChange={(e) => setName(e.target.value)} error={errors.byField.name} />
      <button type="submit" className="button" disabled={form.busy}>
        Watch company
      </button>
    </form>
  );
}

/** Save a search; also the setup's third step (`onSaved`). */
export function SearchForm({ onSaved }: { onSaved?: () => void } = {}) {
  const [keywords, setKeywords] = useState("");
  const [locations, setLocations] = useState("");
  const [remote, setRemote] = useState("");
  const [sources, setSources] = useState<SearchSource[]>([]);
  const form = useMutationForm(SavedSearchCreateDocument, {
    fields: ["keywords", "locations", "sources", "intervalHours"],
    invalidates: [SourcesDocument],
    onSuccess: () => {
      setKeywords("");
      setLocations("");
      onSaved?.();
    },
  });
  const errors = { byField: form.fieldErrors, general: form.general };
  const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);
  const input = { keywords: list(keywords), locations: list(locations), remote: remote === "" ? null : remote === "yes", sources: sources.length ? sources : null };
  return (
    <form className={styles.inlineForm} aria-label="Save a search" onSubmit={form.handle({ input })}>
      <FormErrors messages={errors.general} />
      <TextField label="Keywords" placeholder="python, data engineer" value={keywords} onChange={(e) => setKeywords(e.target.value)} error={errors.byField.keywords} />
      <TextField label="Locations" placeholder="Optional: Berlin, Remote" value={locations} onChange={(e) => setLocations(e.target.value)} error={errors.byField.locations} />
      <SelectField
        label="Remote"
        value={remote}
        onChange={(e) => setRemote(e.target.value)}
        options={[
          { value: "", label: "Any" },
          { value: "yes", label: "Remote only" },
          { value: "no", label: "On-site or hybrid" },
        ]}
      />
      <fieldset className={styles.dcChecks}>
        <legend>Sources (none ticked: all)</legend>
        {SEARCH_SOURCES.map((s) => (
          <label key={s.value} className={styles.dcCheck}>
            <input
              type="checkbox"
              checked={sources.includes(s.value)}
              onChange={(e) => setSources((all) => (e.target.checked ? [...all, s.value] : all.filter((v) => v !== s.value)))}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={form.busy}>
        Save search
      </button>
    </form>
  );
}
