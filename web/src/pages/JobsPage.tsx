/** Jobs: the list with match scores, filters, add/edit/delete, and "Add to board". */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ApplicationCreateDocument, JobDeleteDocument, JobsDocument } from "../api/operations";
import { Dialog, ScoreBadge, SelectField, Spinner, TextField, useDebounced } from "../components/ui";
import type { JobFieldsFragment, JobOrder } from "../gql/graphql";
import { excerpt, formatDate, formatSalary, JOB_TYPES, labelOf, REMOTE_OPTIONS, STATUS_LABEL } from "../lib/format";
import { errorMessage, request } from "../lib/graphql";
import { useOnNotification } from "../lib/notifications";
import { Link } from "../lib/router";
import { useToast } from "../lib/toast";
import { JobFormDialog } from "./JobForm";

const PAGE_SIZE = 100;
const POLL_MS = 1500;

export function JobsPage() {
  const toast = useToast();
  const [text, setText] = useState("");
  const [minScore, setMinScore] = useState("");
  const [order, setOrder] = useState<JobOrder>("SCORE");
  const [jobs, setJobs] = useState<JobFieldsFragment[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<JobFieldsFragment | "new" | null>(null);
  const [deleting, setDeleting] = useState<JobFieldsFragment | null>(null);
  const [busyJob, setBusyJob] = useState<string | null>(null);
  const filterText = useDebounced(text.trim(), 250);
  const filterScore = useDebounced(minScore, 250);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    const min = filterScore === "" ? null : Math.max(0, Math.min(100, Number(filterScore)));
    try {
      const data = await request(JobsDocument, {
        first: PAGE_SIZE,
        orderBy: order,
        filter: { text: filterText || null, minScore: Number.isFinite(min) ? min : null },
      });
      if (mine !== generation.current) return; // a newer request won
      setJobs(data.jobs.edges.map((e) => e.node));
      setTotal(data.jobs.totalCount);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(errorMessage(e));
    }
  }, [filterText, filterScore, order]);

  useEffect(() => {
    void load();
  }, [load]);

  // Scores come from the worker: poll while any job is still being scored.
  const scoring = jobs?.some((j) => j.matchScore == null) ?? false;
  useEffect(() => {
    if (!scoring) return;
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [scoring, load]);

  // A live alert is usually about a freshly scored job.
  useOnNotification(() => void load());

  const addToBoard = async (job: JobFieldsFragment) => {
    setBusyJob(job.id);
    try {
      const data = await request(ApplicationCreateDocument, { input: { jobId: job.id, status: "INTERESTED" } });
      const payload = data.applicationCreate;
      if (payload.errors.length || !payload.application) {
        toast.show({ kind: "error", title: "Could not add to board", body: payload.errors.map((e) => e.message).join(" ") });
      } else {
        toast.show({ kind: "success", title: "Added to board", body: `${job.title} at ${job.company} is now in Interested.` });
        await load();
      }
    } catch (e) {
      toast.show({ kind: "error", title: "Could not add to board", body: errorMessage(e) });
    } finally {
      setBusyJob(null);
    }
  };

  const remove = async (job: JobFieldsFragment) => {
    setBusyJob(job.id);
    try {
      const data = await request(JobDeleteDocument, { input: { id: job.id } });
      const payload = data.jobDelete;
      if (payload.errors.length) {
        toast.show({ kind: "error", title: "Could not delete the job", body: payload.errors.map((e) => e.message).join(" ") });
      } else {
        setJobs((list) => list?.filter((j) => j.id !== job.id) ?? null);
        setTotal((t) => Math.max(0, t - 1));
        toast.show({ kind: "success", title: "Job deleted", body: `${job.title} at ${job.company}` });
      }
    } catch (e) {
      toast.show({ kind: "error", title: "Could not delete the job", body: errorMessage(e) });
    } finally {
      setBusyJob(null);
      setDeleting(null);
    }
  };

  const filtered = filterText !== "" || filterScore !== "";

  return (
    <section className="page" aria-labelledby="jobs-title">
      <header className="page-header">
        <div>
          <h1 id="jobs-title">Jobs</h1>
          <p className="muted">Every job is scored against your profile. Strong matches raise an alert.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
          Add job
        </button>
      </header>

      <form className="toolbar" role="search" aria-label="Filter jobs" onSubmit={(e) => e.preventDefault()}>
        <TextField className="toolbar-grow" label="Search" type="search" placeholder="Title, company, stack…" value={text} onChange={(e) => setText(e.target.value)} />
        <TextField label="Min score" type="number" min={0} max={100} step={5} inputMode="numeric" placeholder="Any" value={minScore} onChange={(e) => setMinScore(e.target.value)} />
        <SelectField
          label="Order by"
          value={order}
          onChange={(e) => setOrder(e.target.value as JobOrder)}
          options={[
            { value: "SCORE", label: "Best match" },
            { value: "NEWEST", label: "Newest" },
          ]}
        />
      </form>

      {error ? (
        <div className="form-errors" role="alert">
          <p>
            {error}{" "}
            <button type="button" className="link-button" onClick={() => void load()}>
              Retry
            </button>
          </p>
        </div>
      ) : null}

      {jobs == null ? (
        error ? null : <Spinner label="Loading jobs…" />
      ) : jobs.length === 0 ? (
        <div className="empty card">
          {filtered ? (
            <p>No jobs match these filters.</p>
          ) : (
            <>
              <h2>No jobs yet</h2>
              <p className="muted">Add a job you found and see how well it matches your profile.</p>
              <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
                Add your first job
              </button>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="result-count muted" aria-live="polite">
            {total === 1 ? "1 job" : `${total} jobs`}
            {total > jobs.length ? ` — showing the first ${jobs.length}` : ""}
          </p>
          <ul className="job-list" aria-label="Jobs">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard job={job} busy={busyJob === job.id} onEdit={() => setEditing(job)} onDelete={() => setDeleting(job)} onAddToBoard={() => void addToBoard(job)} />
              </li>
            ))}
          </ul>
        </>
      )}

      {editing ? (
        <JobFormDialog
          job={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(job, created) => {
            setEditing(null);
            toast.show({ kind: "success", title: created ? "Job added" : "Job saved", body: `${job.title} at ${job.company} — scoring…` });
            void load();
          }}
        />
      ) : null}

      {deleting ? (
        <Dialog
          title="Delete this job?"
          onClose={() => setDeleting(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setDeleting(null)} autoFocus>
                Cancel
              </button>
              <button type="button" className="button button-danger" disabled={busyJob === deleting.id} onClick={() => void remove(deleting)}>
                Delete job
              </button>
            </>
          }
        >
          <p>
            <strong>{deleting.title}</strong> at {deleting.company} will be deleted
            {deleting.applications.length ? ", together with its card on the board" : ""}. This cannot be undone.
          </p>
        </Dialog>
      ) : null}
    </section>
  );
}

interface CardProps {
  job: JobFieldsFragment;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onAddToBoard: () => void;
}

function JobCard({ job, busy, onEdit, onDelete, onAddToBoard }: CardProps) {
  const titleId = useId();
  const application = job.applications[0];
  const meta = [job.location, labelOf(REMOTE_OPTIONS, job.remoteOption), labelOf(JOB_TYPES, job.jobType), formatSalary(job.salary)].filter(Boolean);
  return (
    <article className="card job-card" aria-labelledby={titleId} data-testid="job-card">
      <div className="job-card-main">
        <div className="job-card-head">
          <div>
            <h2 id={titleId} className="job-title">
              {job.title}
            </h2>
            <p className="job-company">{job.company}</p>
          </div>
          <ScoreBadge score={job.matchScore} />
        </div>
        {meta.length ? (
          <p className="job-meta">
            {meta.map((m, i) => (
              <span key={i}>{m}</span>
            ))}
          </p>
        ) : null}
        {job.techStack.length ? (
          <ul className="tags" aria-label="Tech stack">
            {job.techStack.map((t) => (
              <li key={t} className="tag">
                {t}
              </li>
            ))}
          </ul>
        ) : null}
        {job.description ? <p className="job-desc">{excerpt(job.description, 200)}</p> : null}
        <p className="job-foot muted">
          Added {formatDate(job.createdAt)}
          {job.sourceUrl ? (
            <>
              {" · "}
              <a href={job.sourceUrl} target="_blank" rel="noreferrer noopener">
                Source<span className="visually-hidden"> for {job.title} (opens in a new tab)</span>
              </a>
            </>
          ) : null}
        </p>
      </div>
      <div className="job-card-actions">
        {application ? (
          <Link to="/board" className="pill pill-status" aria-label={`On board: ${STATUS_LABEL[application.status]}. Open board`}>
            On board · {STATUS_LABEL[application.status]}
          </Link>
        ) : (
          <button type="button" className="button button-primary button-small" onClick={onAddToBoard} disabled={busy} aria-label={`Add to board: ${job.title} at ${job.company}`}>
            Add to board
          </button>
        )}
        <button type="button" className="button button-small" onClick={onEdit} aria-label={`Edit ${job.title} at ${job.company}`}>
          Edit
        </button>
        <button type="button" className="button button-small button-ghost-danger" onClick={onDelete} disabled={busy} aria-label={`Delete ${job.title} at ${job.company}`}>
          Delete
        </button>
      </div>
    </article>
  );
}
