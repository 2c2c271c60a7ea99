/** Add or edit a job (jobCreate / jobUpdate), in a dialog. */
import { useState, type FormEvent } from "react";
import { JobCreateDocument, JobUpdateDocument } from "../api/operations";
import { Dialog, DialogActions, FormErrors, SelectField, TextArea, TextField } from "../components/ui";
import type { JobFieldsFragment, JobType, RemoteOption } from "../gql/graphql";
import { JOB_TYPES, REMOTE_OPTIONS } from "../lib/format";
import { errorMessage, request, splitErrors } from "../lib/graphql";

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

export function JobFormDialog({ job, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(job));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const salaryMin = wholeNumber(draft.salaryMin);
    const salaryMax = wholeNumber(draft.salaryMax);
    const local: Record<string, string> = {};
    if (salaryMin === "invalid") local.salaryMin = "Enter a whole number";
    if (salaryMax === "invalid") local.salaryMax = "Enter a whole number";
    if (Object.keys(local).length) {
      setFieldErrors(local);
      return;
    }
    const fields = {
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
    setBusy(true);
    setFieldErrors({});
    setGeneral([]);
    try {
      const payload = job
        ? (await request(JobUpdateDocument, { input: { id: job.id, ...fields } })).jobUpdate
        : (await request(JobCreateDocument, { input: fields })).jobCreate;
      if (payload.errors.length || !payload.job) {
        const split = splitErrors(payload.errors, FIELDS);
        setFieldErrors(split.byField);
        setGeneral(split.general.length || Object.keys(split.byField).length ? split.general : ["Saving failed. Try again."]);
        return;
      }
      onSaved(payload.job, !job);
    } catch (e) {
      setGeneral([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  const formId = job ? `job-form-${job.id}` : "job-form-new";
  return (
    <Dialog
      title={job ? "Edit job" : "Add a job"}
      onClose={onClose}
      footer={<DialogActions formId={formId} busy={busy} label={job ? "Save changes" : "Add job"} busyLabel="Saving…" onCancel={onClose} />}
    >
      <form id={formId} className="form" onSubmit={submit} noValidate aria-label={job ? "Edit job" : "Add a job"}>
        <FormErrors messages={general} />
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
      </form>
    </Dialog>
  );
}
