/** A job's own page, `/jobs/:jobId`: the posting, its score explained (with the thumbs), its
 * application (move it, its history, notes), the documents written for it and the mock interviews
 * practising for it. Sections have ids (#score, #application, #notes, #documents, #interviews). */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { APPLICATION_QUERIES, JOB_QUERIES } from "../api/affects";
import { CoverLetterGenerateDocument, DocumentsDocument } from "../api/ai";
import { MatchFeedbackGiveDocument } from "../api/discovery";
import { ApplicationCreateDocument, ApplicationStatusUpdateDocument, JobPageDocument } from "../api/operations";
import { ApplicationNotes } from "../components/application/ApplicationNotes";
import { ApplicationSchedule } from "../components/application/ApplicationSchedule";
import { Breakdown, Thumb } from "../components/discovery/Breakdown";
import { LoadError } from "../components/LoadError";
import { TechTags } from "../components/TechTags";
import { Page, Section } from "../components/Page";
import { ScoreBadge, Spinner } from "../components/ui";
import type { ApplicationFieldsFragment, ApplicationStatus, JobPageQuery } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, nodeAs, useGql } from "../lib/data";
import { formatDate, formatDateTime, formatSalary, JOB_TYPES, labelOf, REMOTE_OPTIONS, STATUS_LABEL } from "../lib/format";
import { JobFormDialog, JobFreshnessNote } from "./JobForm";
import styles from "./JobPage.module.css";

type PageJob = Extract<NonNullable<JobPageQuery["node"]>, { company: string }>;

const INTERVIEW_KIND: Record<string, string> = { GENERAL: "General", BEHAVIORAL: "Behavioral", TECHNICAL: "Technical", JOB_SPECIFIC: "For this job" };

export function JobPage() {
  const { jobId = "" } = useParams();
  const { hash } = useLocation();
  const query = useGql(JobPageDocument, { id: jobId }, {
    // the worker scores in the background: ask again until the breakdown is there
    refetchInterval: ({ state }) => {
      const job = nodeAs<PageJob>(state.data?.node, "company");
      return job && !job.scoreBreakdown ? 1500 : false;
    },
  });
  const job = nodeAs<PageJob>(query.data?.node, "company");
  const [editing, setEditing] = useState(false);

  // An address with a section (#score, #notes…) scrolls to it once the job is shown.
  useEffect(() => {
    if (job && hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [job != null, hash]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!job) {
    return (
      <Page title="Job">
        {query.error ? (
          <LoadError error={query.error} onRetry={query.refetch} />
        ) : query.data ? (
          <div className="empty card" role="alert">
            <p>There is no such job.</p>
            <Link to="/jobs">All jobs</Link>
          </div>
        ) : (
          <Spinner label="Loading the job…" />
        )}
      </Page>
    );
  }

  const meta = [job.location, labelOf(REMOTE_OPTIONS, job.remoteOption), labelOf(JOB_TYPES, job.jobType), formatSalary(job.salary)].filter(Boolean);
  const application = job.applications[0] ?? null;
  return (
    <Page
      title={job.title}
      intro={
        <>
          <span className={styles.company}>{job.company}</span>
          {meta.map((m, i) => (
            <span key={i} className={styles.meta}>
              {" · "}
              {m}
            </span>
          ))}
        </>
      }
      actions={
        <div className={styles.actions}>
          <Link to="/jobs" className="button">
            All jobs
          </Link>
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit job
          </button>
        </div>
      }
    >
      <div className={styles.layout}>
        <div className={styles.main}>
          <Posting job={job} />
          <ScoreSection job={job} />
        </div>
        <div className={styles.side}>
          <ApplicationSection job={job} application={application} />
          <DocumentsSection job={job} />
          <InterviewsSection job={job} />
        </div>
      </div>
      {editing ? (
        <JobFormDialog
          job={job}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
          }}
        />
      ) : null}
    </Page>
  );
}

function Posting({ job }: { job: PageJob }) {
  return (
    <Section title="The posting" id="posting">
      <p className="muted small">
        Added {formatDate(job.createdAt)}
        {job.closedAt ? ` · closed ${formatDate(job.closedAt)}` : ""}
        {job.sourceUrl ? (
          <>
            {" · "}
            <a href={job.sourceUrl} target="_blank" rel="noreferrer noopener">
              Original posting<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </>
        ) : null}
      </p>
      <JobFreshnessNote jobId={job.id} />
      <TechTags stack={job.techStack} />
      {/* Plain text, never HTML: whatever a posting holds is shown as text. */}
      {job.description ? (
        <div className={styles.text} data-testid="job-description">
          {job.description}
        </div>
      ) : (
        <p className="muted">No description.</p>
      )}
      {job.requirements ? (
        <>
          <h3 className="section-title">Requirements</h3>
          <div className={styles.text}>{job.requirements}</div>
        </>
      ) : null}
    </Section>
  );
}

function ScoreSection({ job }: { job: PageJob }) {
  const client = useQueryClient();
  const [reason, setReason] = useState<string | null>(null);
  const thumbs = useMutationForm(MatchFeedbackGiveDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.weights,
    errorToast: "Feedback not saved",
    onSuccess: ({ weights }) => {
      setReason(weights!.reason);
      window.setTimeout(() => void invalidate(client, JOB_QUERIES), 1200); // scores are recomputed by the worker
    },
    successToast: ({ weights }, { input }) => ({ title: input.rating > 0 ? "Thanks — more like this" : "Thanks — less like this", body: weights!.reason }),
  });
  const breakdown = job.scoreBreakdown;
  return (
    <Section
      title={
        <span className={styles.scoreTitle}>
          Match score <ScoreBadge score={breakdown ? breakdown.total : job.matchScore} />
        </span>
      }
      id="score"
      data-testid="score-explanation"
    >
      {breakdown ? (
        <>
          {breakdown.explanation.length ? (
            <ul className="small">
              {breakdown.explanation.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          <Breakdown breakdown={breakdown} title={job.title} />
          <div className={styles.thumbs} role="group" aria-label={`Feedback on ${job.title}`}>
            <span className="small muted">Is this a good match?</span>
            <button type="button" className="button button-small" aria-label="Thumbs up" title="More like this" disabled={thumbs.busy} onClick={() => void thumbs.submit({ input: { jobId: job.id, rating: 1 } })}>
              <Thumb />
            </button>
            <button type="button" className="button button-small" aria-label="Thumbs down" title="Less like this" disabled={thumbs.busy} onClick={() => void thumbs.submit({ input: { jobId: job.id, rating: -1 } })}>
              <Thumb down />
            </button>
          </div>
          {reason ? (
            <p className="small" role="status">
              {reason}
            </p>
          ) : null}
        </>
      ) : (
        <Spinner label="Scoring…" />
      )}
    </Section>
  );
}

function ApplicationSection({ job, application }: { job: PageJob; application: ApplicationFieldsFragment | null }) {
  const add = useMutationForm(ApplicationCreateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.application,
    errorToast: "Could not add to board",
    invalidates: [...APPLICATION_QUERIES, JobPageDocument],
    successToast: () => ({ title: "Added to board", body: `${job.title} at ${job.company} is now in Interested.` }),
  });
  return (
    <Section title="Application" id="application">
      {application ? (
        <ApplicationDetails application={application} />
      ) : (
        <>
          <p className="muted">Not on your board yet. Add it to track where it stands, keep notes and plan follow-ups.</p>
          <button type="button" className="button button-primary" disabled={add.busy} onClick={() => void add.submit({ input: { jobId: job.id, status: "INTERESTED" } })}>
            Add to board
          </button>
        </>
      )}
    </Section>
  );
}

function ApplicationDetails({ application }: { application: ApplicationFieldsFragment }) {
  const client = useQueryClient();
  const refresh = () => void invalidate(client, [...APPLICATION_QUERIES, JobPageDocument]);
  const move = useMutationForm(ApplicationStatusUpdateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.application,
    errorToast: (message, refused) => (refused ? { title: "Move refused", body: message || "The move was refused." } : { title: "Move failed", body: message }),
    invalidates: [...APPLICATION_QUERIES, JobPageDocument],
    successToast: (payload) => ({ title: `Moved to ${STATUS_LABEL[payload.application!.status]}` }),
  });
  return (
    <>
      <div className={styles.status}>
        <span className={`pill pill-${application.status.toLowerCase()}`} data-testid="application-status">
          {STATUS_LABEL[application.status]}
        </span>
        {application.allowedTransitions.length ? (
          <label className={styles.move}>
            <span>Move to</span>
            <select
              className="select-small"
              value=""
              disabled={move.busy}
              onChange={(e) => {
                if (e.target.value) void move.submit({ input: { id: application.id, status: e.target.value as ApplicationStatus } });
              }}
            >
              <option value="">Choose…</option>
              {application.allowedTransitions.map((s) => (
                <option key={s} value={s}>
                  {s === application.status ? `${STATUS_LABEL[s]} (next round)` : STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="muted small">Final</span>
        )}
        <Link to="/board" className="small">
          Board
        </Link>
      </div>
      <ApplicationSchedule app={application} onSaved={refresh} />
      <h3 className="section-title">History</h3>
      <ol className={styles.history} aria-label="Status history">
        {application.history.map((h, i) => (
          <li key={i}>
            <strong>{h.fromStatus ? `${STATUS_LABEL[h.fromStatus]} → ${STATUS_LABEL[h.toStatus]}` : `Added as ${STATUS_LABEL[h.toStatus]}`}</strong>{" "}
            <time className="muted small" dateTime={h.changedAt}>
              {formatDateTime(h.changedAt)}
            </time>
          </li>
        ))}
      </ol>
      <ApplicationNotes key={application.id} app={application} rows={5} label="Notes" invalidates={[...APPLICATION_QUERIES, JobPageDocument]} />
    </>
  );
}

function DocumentsSection({ job }: { job: PageJob }) {
  const navigate = useNavigate();
  const write = useMutationForm(CoverLetterGenerateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.document,
    errorToast: "Could not write the cover letter",
    invalidates: [DocumentsDocument, JobPageDocument],
    onSuccess: (payload) => navigate(`/documents/${encodeURIComponent(payload.document!.id)}`),
  });
  return (
    <Section title="Documents" id="documents">
      {job.documents.length ? (
        <ul className={styles.list} aria-label={`Documents for ${job.title}`}>
          {job.documents.map((d) => (
            <li key={d.id}>
              <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link> <span className="muted small">{formatDate(d.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No documents for this job yet.</p>
      )}
      <div className={styles.actions}>
        <button type="button" className="button button-primary" disabled={write.busy} onClick={() => void write.submit({ input: { jobId: job.id, tone: "PROFESSIONAL" } })}>
          {write.busy ? "Starting…" : "Write a cover letter"}
        </button>
        <Link to="/documents" className="button">
          Other documents
        </Link>
      </div>
    </Section>
  );
}

function InterviewsSection({ job }: { job: PageJob }) {
  return (
    <Section title="Interview practice" id="interviews">
      {job.interviewSessions.length ? (
        <ul className={styles.list} aria-label={`Mock interviews for ${job.title}`}>
          {job.interviewSessions.map((s) => (
            <li key={s.id}>
              {INTERVIEW_KIND[s.kind] ?? s.kind} · {formatDate(s.startedAt)}{" "}
              <span className="muted small">{s.status === "COMPLETED" ? (s.overallScore != null ? `score ${s.overallScore.toFixed(1)} of 10` : "ended") : "not finished"}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No mock interview for this job yet.</p>
      )}
      <Link to={`/interview?job=${encodeURIComponent(job.id)}`} className="button">
        Practise an interview for this job
      </Link>
    </Section>
  );
}
