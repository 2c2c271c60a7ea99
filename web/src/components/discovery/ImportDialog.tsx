/** Import a job: from its URL (the worker reads the page; live until the preview is ready) or a
 * pasted description (parsed at once). Both show a preview to correct, then save. */
import { useEffect, useRef, useState } from "react";
import {
  JobCreateFromTextDocument,
  JobImportFromUrlDocument,
  JobImportSaveDocument,
  JobImportUpdatedDocument,
  JobParseTextDocument,
} from "../../api/discovery";
import type { JobPreviewFieldsFragment } from "../../gql/graphql";
import { formatSalary } from "../../lib/format";
import { follow } from "../../lib/follow";
import { errorMessage, request, splitErrors } from "../../lib/graphql";
import { useToast } from "../../lib/toast";
import { Dialog, FormErrors, TextArea, TextField } from "../ui";

type Mode = "url" | "text";

interface Draft {
  title: string;
  company: string;
  location: string;
}

function draftOf(preview: JobPreviewFieldsFragment): Draft {
  return { title: preview.title, company: preview.company, location: preview.locations[0] ?? "" };
}

export function ImportDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const toast = useToast();
  const [mode, setMode] = useState<Mode>("url");
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const [importId, setImportId] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [preview, setPreview] = useState<JobPreviewFieldsFragment | null>(null);
  const [draft, setDraft] = useState<Draft>({ title: "", company: "", location: "" });
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string[] }>({ byField: {}, general: [] });
  const [busy, setBusy] = useState(false);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const reset = (next: Mode) => {
    stop.current?.();
    setMode(next);
    setPreview(null);
    setImportId(null);
    setReading(false);
    setErrors({ byField: {}, general: [] });
  };

  const readUrl = async () => {
    setErrors({ byField: {}, general: [] });
    setPreview(null);
    setBusy(true);
    try {
      const payload = (await request(JobImportFromUrlDocument, { input: { url } })).jobImportFromUrl;
      if (payload.errors.length || !payload.jobImport) {
        setErrors(splitErrors(payload.errors, ["url"]));
        return;
      }
      const id = payload.jobImport.id;
      setImportId(id);
      setReading(true);
      stop.current = follow(
        JobImportUpdatedDocument,
        { id },
        ({ jobImportUpdated: item }) => {
          if (item.status === "COMPLETED" && item.preview) {
            setPreview(item.preview);
            setDraft(draftOf(item.preview));
          } else if (item.status === "FAILED") {
            setErrors({ byField: { url: item.error ?? "The page could not be read" }, general: [] });
          }
        },
        (error) => {
          setReading(false);
          if (error) setErrors({ byField: {}, general: [error] });
        },
      );
    } catch (e) {
      setErrors({ byField: {}, general: [errorMessage(e)] });
    } finally {
      setBusy(false);
    }
  };

  const readText = async () => {
    setErrors({ byField: {}, general: [] });
    if (!text.trim()) {
      setErrors({ byField: { text: "Paste a job description first" }, general: [] });
      return;
    }
    setBusy(true);
    try {
      const parsed = (await request(JobParseTextDocument, { text })).jobParseText;
      setPreview(parsed);
      setDraft(draftOf(parsed));
    } catch (e) {
      setErrors({ byField: {}, general: [errorMessage(e)] });
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    setErrors({ byField: {}, general: [] });
    try {
      const overrides = { title: draft.title, company: draft.company, location: draft.location };
      const payload =
        mode === "url" && importId
          ? (await request(JobImportSaveDocument, { input: { id: importId, ...overrides } })).jobImportSave
          : (await request(JobCreateFromTextDocument, { input: { text, ...overrides } })).jobCreateFromText;
      if (payload.errors.length || !payload.job) {
        setErrors(splitErrors(payload.errors, ["title", "company", "location", "text"]));
        return;
      }
      toast.show({ kind: "success", title: "Job saved", body: `${payload.job.title} at ${payload.job.company} is being scored.` });
      onSaved();
      onClose();
    } catch (e) {
      setErrors({ byField: {}, general: [errorMessage(e)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Import a job"
      onClose={onClose}
      footer={
        preview ? (
          <>
            <button type="button" className="button" onClick={() => reset(mode)}>
              Start over
            </button>
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
              Save job
            </button>
          </>
        ) : null
      }
    >
      <div className="dc-segmented" role="tablist" aria-label="Import from">
        <button type="button" role="tab" aria-selected={mode === "url"} className={mode === "url" ? "active" : ""} onClick={() => reset("url")}>
          From a URL
        </button>
        <button type="button" role="tab" aria-selected={mode === "text"} className={mode === "text" ? "active" : ""} onClick={() => reset("text")}>
          Paste a description
        </button>
      </div>
      <FormErrors messages={errors.general} />
      {!preview ? (
        mode === "url" ? (
          <form
            className="form"
            aria-label="Import from URL"
            onSubmit={(e) => {
              e.preventDefault();
              void readUrl();
            }}
          >
            <TextField
              label="Job posting URL"
              type="url"
              required
              placeholder="https://boards.example.com/jobs/123"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={errors.byField.url}
              hint="We read the page's job posting markup (or its text) in the background."
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy || reading}>
                {reading ? "Reading the page…" : "Read posting"}
              </button>
            </div>
            {reading ? (
              <p className="muted" role="status">
                Reading the page…
              </p>
            ) : null}
          </form>
        ) : (
          <form
            className="form"
            aria-label="Paste a description"
            onSubmit={(e) => {
              e.preventDefault();
              void readText();
            }}
          >
            <TextArea label="Job description" rows={10} value={text} onChange={(e) => setText(e.target.value)} error={errors.byField.text} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                Preview
              </button>
            </div>
          </form>
        )
      ) : (
        <div className="import-preview" aria-label="Preview">
          <p className="muted small">
            Read as <strong>{preview.extraction}</strong>
            {preview.url ? <> from {preview.url}</> : null}. Correct anything before saving.
          </p>
          <TextField label="Title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} error={errors.byField.title} />
          <TextField label="Company" value={draft.company} onChange={(e) => setDraft({ ...draft, company: e.target.value })} error={errors.byField.company} />
          <TextField label="Location" value={draft.location} onChange={(e) => setDraft({ ...draft, location: e.target.value })} error={errors.byField.location} />
          {preview.salary ? <p className="small">Salary: {formatSalary(preview.salary)}{preview.salary.period ? ` per ${preview.salary.period}` : ""}</p> : null}
          {preview.skills.length ? (
            <ul className="skill-chips" aria-label="Skills found">
              {preview.skills.map((s) => (
                <li key={s} className="skill-chip">
                  {s}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="preview-text small">{preview.description.slice(0, 600)}{preview.description.length > 600 ? "…" : ""}</p>
        </div>
      )}
    </Dialog>
  );
}
