/** Jobs: the list with match scores, filters, add/edit/delete, and "Add to board"; 100 at a time,
 * "Load more" for the next page. Each job's title leads to its own page, `/jobs/:jobId`. */
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { APPLICATION_QUERIES, JOB_QUERIES } from "../api/affects";
import { ApplicationCreateDocument, JobDeleteDocument, JobDocument, JobsDocument } from "../api/operations";
import { Page } from "../components/Page";
import { ScoreExplanation } from "../components/ScoreExplanation";
import { Dialog, PlusIcon, ScoreBadge, SelectField, Spinner, TextField, useDebounced } from "../components/ui";
import { LoadError } from "../components/LoadError";
import { LoadMore } from "../components/LoadMore";
import { TechTags } from "../components/TechTags";
import type { JobCardFieldsFragment, JobFieldsFragment, JobOrder, JobsQuery } from "../gql/graphql";
import { useAddressFlag } from "../hooks/useAddressFlag";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, nodeAs, updateCached, useDeferredReady, useGql, useGqlPages } from "../lib/data";
import { FRAMES } from "../lib/frames";
import { jobPath } from "../lib/links";
import { about, excerpt, formatDate, formatSalary, JOB_TYPES, labelOf, REMOTE_OPTIONS, STATUS_LABEL } from "../lib/format";
import { useToast } from "../lib/toast";
import { JobFormDialog } from "./JobForm";
import styles from "./JobsPage.module.css";

const PAGE_SIZE = 100;
const POLL_MS = 1500;

export function JobsPage() {
  const toast = useToast();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [minScore, setMinScore] = useState("");
  const [order, setOrder] = useState<JobOrder>("SCORE");
  const [creating, setCreating] = useAddressFlag("new");
  // The job being edited, whole (the list holds only what its cards show).
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<JobCardFieldsFragment | null>(null);
  const filterText = useDebounced(text.trim(), 250);
  const filterScore = useDebounced(minScore, 250);
  const scoreValid = filterScore === "" || (Number(filterScore) >= 0 && Number(filterScore) <= 100);
  const min = filterScore === "" || !scoreValid ? null : Number(filterScore);
  const scoreError = minScore !== "" && !(Number(minScore) >= 0 && Number(minScore) <= 100) ? "Enter a score from 0 to 100" : undefined;
  const list = useGqlPages(
    JobsDocument,
    { first: PAGE_SIZE, after: null, orderBy: order, filter: { text: filterText || null, minScore: Number.isFinite(min) ? min : null } },
    (data) => data.jobs,
    // Scores come from the worker: poll a page while any of its jobs is still being scored.
    (data) => (data?.jobs.edges.some((e) => e.node.matchScore == null) ? POLL_MS : false),
  );
  const query = list.pages[0];
  const ready = useDeferredReady(query.data != null);
  const jobs = query.data && ready ? list.pages.flatMap((p) => p.data?.jobs.edges.map((e) => e.node) ?? []) : null;
  const total = query.data?.jobs.totalCount ?? 0;
  // a search matching more than 1,000 jobs counts no further: its total is PostgreSQL's estimate
  const estimated = query.data?.jobs.totalCountIsEstimate ?? false;

  const single = useGql(JobDocument, { id: editingId ?? "" }, { enabled: !!editingId });
  const editing = editingId ? nodeAs<JobFieldsFragment>(single.data?.node, "company") : null;

  const addToBoard = useMutationForm(ApplicationCreateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.application,
    errorToast: "Could not add to board",
    invalidates: APPLICATION_QUERIES,
    successToast: (_, { input }) => {
      const job = jobs?.find((j) => j.id === input.jobId);
      return { title: "Added to board", body: `${job?.title} at ${job?.company} is now in Interested.` };
    },
  });
  const remove = useMutationForm(JobDeleteDocument, {
    errorToast: "Could not delete the job",
    onSuccess: (_, { input }) => {
      updateCached(client, JobsDocument, (data: JobsQuery) => ({
        jobs: { ...data.jobs, totalCount: Math.max(0, data.jobs.totalCount - 1), edges: data.jobs.edges.filter((e) => e.node.id !== input.id) },
      }));
      void invalidate(client, JOB_QUERIES);
    },
    successToast: () => ({ title: "Job deleted", body: deleting ? `${deleting.title} at ${deleting.company}` : undefined }),
  });
  const busyJob = addToBoard.pending?.input.jobId ?? remove.pending?.input.id ?? null;
  const confirmDelete = async (job: JobCardFieldsFragment) => {
    await remove.submit({ input: { id: job.id } });
    setDeleting(null);
  };

  const filtered = filterText !== "" || filterScore !== "";

  return (
    <Page
      {...FRAMES.jobs}
      actions={
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          <PlusIcon />
          Add job
        </button>
      }
    >

      <form className="toolbar" role="search" aria-label="Filter jobs" onSubmit={(e) => e.preventDefault()}>
        <TextField className="toolbar-grow" label="Search" type="search" placeholder="Title, company, stack…" value={text} onChange={(e) => setText(e.target.value)} />
        <TextField label="Min score" type="number" min={0} max={100} step={5} inputMode="numeric" placeholder="Any" value={minScore} onChange={(e) => setMinScore(e.target.value)} error={scoreError} />
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

      <LoadError error={query.error} onRetry={query.refetch} />
      <LoadError error={single.error} onRetry={single.refetch} />

      {jobs == null ? (
        query.error ? null : <Spinner label="Loading jobs…" />
      ) : jobs.length === 0 ? (
        <div className="empty card">
          {filtered ? (
            <p>No jobs match these filters.</p>
          ) : (
            <>
              <h2>No jobs yet</h2>
              <p className="muted">Add a job you found and see how well it matches your profile.</p>
              <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                Add your first job
              </button>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="result-count muted" aria-live="polite">
            {estimated ? `${about(total)} jobs` : total === 1 ? "1 job" : `${total} jobs`}
            {estimated || total > jobs.length ? ` — showing ${jobs.length}` : ""}
          </p>
          <ul className={styles.jobList} aria-label="Jobs">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard
                  job={job}
                  busy={busyJob === job.id}
                  onEdit={() => setEditingId(job.id)}
                  onDelete={() => setDeleting(job)}
                  onAddToBoard={() => void addToBoard.submit({ input: { jobId: job.id, status: "INTERESTED" } })}
                />
              </li>
            ))}
          </ul>
          <LoadMore list={list} left={estimated ? null : total - jobs.length} />
        </>
      )}

      {creating || editing ? (
        <JobFormDialog
          key={creating ? "new" : editing?.id}
          job={creating ? null : editing}
          onClose={() => (creating ? setCreating(false) : setEditingId(null))}
          onSaved={(job, created) => {
            if (created) setCreating(false);
            else setEditingId(null);
            toast.show({ kind: "success", title: created ? "Job added" : "Job saved", body: `${job.title} at ${job.company} — scoring…` });
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
              <button type="button" className="button button-danger" disabled={busyJob === deleting.id} onClick={() => void confirmDelete(deleting)}>
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
    </Page>
  );
}

interface CardProps {
  job: JobCardFieldsFragment;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onAddToBoard: () => void;
}

function JobCard({ job, busy, onEdit, onDelete, onAddToBoard }: CardProps) {
  const titleId = useId();
  const [explained, setExplained] = useState(false);
  const application = job.applications[0];
  const meta = [job.location, labelOf(REMOTE_OPTIONS, job.remoteOption), labelOf(JOB_TYPES, job.jobType), formatSalary(job.salary)].filter(Boolean);
  return (
    <article className={`card ${styles.jobCard}`} aria-labelledby={titleId} data-testid="job-card">
      <div className={styles.jobCardMain}>
        <div className={styles.jobCardHead}>
          <div>
            <h2 id={titleId} className={styles.jobTitle}>
              <Link to={jobPath(job.id)}>{job.title}</Link>
            </h2>
            <p className={styles.jobCompany}>{job.company}</p>
          </div>
          {job.matchScore != null ? (
            <Link to={jobPath(job.id, "score")} aria-label={`Score ${job.matchScore}: explained on the page of ${job.title}`} className={styles.scoreLink}>
              <ScoreBadge score={job.matchScore} />
            </Link>
          ) : (
            <ScoreBadge score={job.matchScore} />
          )}
        </div>
        {meta.length ? (
          <p className={styles.jobMeta}>
            {meta.map((m, i) => (
              <span key={i}>{m}</span>
            ))}
          </p>
        ) : null}
        <TechTags stack={job.techStack} />
        {job.description ? <p className={styles.jobDesc}>{excerpt(job.description, 200)}</p> : null}
        {job.matchScore != null ? (
          <div>
            <button type="button" className="button button-small" aria-expanded={explained} onClick={() => setExplained((v) => !v)}>
              {explained ? "Hide score explanation" : "Why this score?"}
            </button>
          </div>
        ) : null}
        {explained ? <ScoreExplanation jobId={job.id} title={job.title} /> : null}
        <p className={`muted ${styles.jobFoot}`}>
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
      <div className={styles.jobCardActions}>
        {application ? (
          <Link to={jobPath(job.id, "application")} className="pill" aria-label={`On board: ${STATUS_LABEL[application.status]}. Open the application`}>
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
