/** Add or edit a job (jobCreate / jobUpdate), in a dialog; a job on the board also shows its
 * follow-up date and interviews there (the job page, `/jobs/:jobId`). */
import { useState } from "react";
import { JOB_QUERIES } from "../api/affects";
import { ApplicationDocument, JobCreateDocument, JobFreshnessDocument, JobUpdateDocument } from "../api/operations";
import { ApplicationSchedule } from "../components/application/ApplicationSchedule";
import { LoadError } from "../components/LoadError";
import { FormDialog, FormErrors, SelectField, Spinner, TextArea, TextField } from "../components/ui";
import type { ApplicationFieldsFragment, JobCreateInput, JobFieldsFragment, JobType, RemoteOption } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { mutation, nodeAs, useGql } from "../lib/data";
import { formatDate, JOB_TYPES, REMOTE_OPTIONS, STATUS_LABEL } from "../lib/format";
import styles from "./JobsPage.module.css";

const FIELDS = [
  "company",
  "title",
  "location",
  "description",
  "requirements",
  "salaryMin",
  "salaryMax",
  "salaryCurrency",
  "jobType",
  "remoteOption",
  "techStack",
  "sourceUrl",
] as const;

interface Draft {
  company: string;
  title: string;
  location: string;
  description: string;
  requirements: string;
  salaryMin: string;
  salaryMax: string;
  salaryCurrency: string;
  jobType: JobType | "";
  remoteOption: RemoteOption | "";
  techStack: string;
  sourceUrl: string;
}

function draftOf(job: JobFieldsFragment | null): Draft {
  return {
    company: job?.company ?? "",
    title: job?.title ?? "",
    location: job?.location ?? "",
    description: job?.description ?? "",
    requirements: job?.requirements ?? "",
    salaryMin: job?.salary?.min != null ? String(job.salary.min) : "",
    salaryMax: job?.salary?.max != null ? String(job.salary.max) : "",
    salaryCurrency: job?.salary?.currency ?? "",
    jobType: job?.jobType ?? "",
    remoteOption: job?.remoteOption ?? "",
    techStack: job?.techStack.join(", ") ?? "",
    sourceUrl: job?.sourceUrl ?? "",
  };
}

function wholeNumber(text: string): number | null | "invalid" {
  const t = text.trim().replace(/[\s_,]/g, "");
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : "invalid";
}

interface Props {
  job: JobFieldsFragment | null;
  onClose: () => void;
  onSaved: (job: JobFieldsFragment, created: boolean) => void;
}

/** The job's place on the board, on the job page: status, follow-up date and interviews. */
function JobApplication({ applicationId }: { applicationId: string }) {
  const query = useGql(ApplicationDocument, { id: applicationId });
  const app = nodeAs<ApplicationFieldsFragment>(query.data?.node, "allowedTransitions");
  return (
    <section className={styles.application} aria-labelledby="job-application-title" data-testid="job-application">
      <h3 id="job-application-title" className={styles.applicationTitle}>
        On your board{app ? <span className={`pill pill-${app.status.toLowerCase()}`}>{STATUS_LABEL[app.status]}</span> : null}
      </h3>
      <LoadError error={query.error} onRetry={query.refetch} />
      {app ? <ApplicationSchedule app={app} /> : query.error ? null : <Spinner label="Loading the application…" />}
    </section>
  );
}

/** A neutral note on the job page: the board's own expiry date, and "Possibly stale" with its
 * evidence when the signals agree (facts only, never a verdict on the employer). */
export function JobFreshnessNote({ jobId }: { jobId: string }) {
  const query = useGql(JobFreshnessDocument, { id: jobId });
  const node = query.data?.node;
  const freshness = node && "freshness" in node ? node.freshness : null;
  if (!freshness || (!freshness.possiblyStale && !freshness.expiresAt)) return null;
  return (
    <section className={styles.freshness} aria-label="Freshness" data-testid="job-freshness">
      {freshness.possiblyStale ? (
        <>
          <p className={styles.freshnessTitle}>Possibly stale</p>
          <ul className={styles.freshnessEvidence}>
            {freshness.evidence.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {freshness.expiresAt ? <p className={styles.freshnessExpiry}>The board lists it until {formatDate(freshness.expiresAt)}.</p> : null}
    </section>
  );
}

export function JobFormDialog({ job, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(job));
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const form = useMutationForm(
    (fields: JobCreateInput) => (job ? mutation(JobUpdateDocument)({ input: { id: job.id, ...fields } }) : mutation(JobCreateDocument)({ input: fields })),
    {
      fields: FIELDS,
      accepted: (payload) => !payload.errors.length && !!payload.job,
      refused: "Saving failed. Try again.",
      invalidates: JOB_QUERIES,
      onSuccess: (payload) => onSaved(payload.job!, !job),
    },
  );
  const fieldErrors = form.fieldErrors;

  const fields = (): JobCreateInput | undefined => {
    const salaryMin = wholeNumber(draft.salaryMin);
    const salaryMax = wholeNumber(draft.salaryMax);
    const local: Record<string, string> = {};
    if (salaryMin === "invalid") local.salaryMin = "Enter a whole number";
    if (salaryMax === "invalid") local.salaryMax = "Enter a whole number";
    if (Object.keys(local).length) {
      form.setFieldErrors(local);
      return undefined;
    }
    return {
      company: draft.company,
      title: draft.title,
      location: draft.location,
      description: draft.description,
      requirements: draft.requirements,
      salaryMin: salaryMin as number | null,
      salaryMax: salaryMax as number | null,
      salaryCurrency: draft.salaryCurrency.trim() || null,
      jobType: draft.jobType || null,
      remoteOption: draft.remoteOption || null,
      techStack: draft.techStack
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      sourceUrl: draft.sourceUrl.trim() || null,
    };
  };

  return (
    <FormDialog
      title={job ? "Edit job" : "Add a job"}
      label={job ? "Save changes" : "Add job"}
      busyLabel="Saving…"
      busy={form.busy}
      onSubmit={form.handle(fields)}
      onClose={onClose}
      before={
        job ? (
          <>
            <JobFreshnessNote jobId={job.id} />
            {job.applications[0] ? <JobApplication applicationId={job.applications[0].id} /> : null}
          </>
        ) : null
      }
    >
      <FormErrors messages={form.general} />
      <div className="form-row">
        <TextField label="Company" name="company" value={draft.company} onChange={(e) => set("company")(e.target.value)} error={fieldErrors.company} required autoFocus />
        <TextField label="Title" name="title" value={draft.title} onChange={(e) => set("title")(e.target.value)} error={fieldErrors.title} required />
      </div>
      <div className="form-row">
        <TextField label="Location" name="location" value={draft.location} onChange={(e) => set("location")(e.target.value)} error={fieldErrors.location} placeholder="Berlin, Germany" />
        <SelectField
          label="Remote option"
          name="remoteOption"
          value={draft.remoteOption}
          onChange={(e) => set("remoteOption")(e.target.value as RemoteOption | "")}
          options={[{ value: "", label: "Not specified" }, ...REMOTE_OPTIONS]}
          error={fieldErrors.remoteOption}
        />
      </div>
      <div className="form-row">
        <SelectField
          label="Job type"
          name="jobType"
          value={draft.jobType}
          onChange={(e) => set("jobType")(e.target.value as JobType | "")}
          options={[{ value: "", label: "Not specified" }, ...JOB_TYPES]}
          error={fieldErrors.jobType}
        />
        <TextField
          label="Tech stack"
          name="techStack"
          value={draft.techStack}
          onChange={(e) => set("techStack")(e.target.value)}
          error={fieldErrors.techStack}
          hint="Comma-separated, e.g. python, postgres, k8s."
        />
      </div>
      <div className="form-row form-row-3">
        <TextField label="Salary min" name="salaryMin" inputMode="numeric" value={draft.salaryMin} onChange={(e) => set("salaryMin")(e.target.value)} error={fieldErrors.salaryMin} />
        <TextField label="Salary max" name="salaryMax" inputMode="numeric" value={draft.salaryMax} onChange={(e) => set("salaryMax")(e.target.value)} error={fieldErrors.salaryMax} />
        <TextField
          label="Currency"
          name="salaryCurrency"
          value={draft.salaryCurrency}
          onChange={(e) => set("salaryCurrency")(e.target.value.toUpperCase())}
          error={fieldErrors.salaryCurrency}
          placeholder="EUR"
          maxLength={3}
        />
      </div>
      <TextArea label="Description" name="description" rows={4} value={draft.description} onChange={(e) => set("description")(e.target.value)} error={fieldErrors.description} />
      <TextArea label="Requirements" name="requirements" rows={3} value={draft.requirements} onChange={(e) => set("requirements")(e.target.value)} error={fieldErrors.requirements} />
      <TextField label="Source URL" name="sourceUrl" type="url" value={draft.sourceUrl} onChange={(e) => set("sourceUrl")(e.target.value)} error={fieldErrors.sourceUrl} placeholder="https://…" />
    </FormDialog>
  );
}
