/** Import a job: from its URL (the worker reads the page; live until the preview is ready) or a
 * pasted description (parsed at once). Both show a preview to correct, then save. */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { JOB_QUERIES } from "../../api/affects";
import {
  JobCreateFromTextDocument,
  JobImportFromUrlDocument,
  JobImportSaveDocument,
  JobImportUpdatedDocument,
  JobParseTextDocument,
} from "../../api/discovery";
import type { JobPreviewFieldsFragment } from "../../gql/graphql";
import { useMutationForm } from "../../hooks/useMutationForm";
import { fetchGql, mutation } from "../../lib/data";
import { formatSalary } from "../../lib/format";
import { errorMessage } from "../../lib/graphql";
import { subscribe } from "../../lib/ws";
import { Dialog, FormErrors, TextArea, TextField } from "../ui";
import styles from "./ImportDialog.module.css";

type Mode = "url" | "text";

interface Draft {
  title: string;
  company: string;
  location: string;
}

function draftOf(preview: JobPreviewFieldsFragment): Draft {
  return { title: preview.title, company: preview.company, location: preview.locations[0] ?? "" };
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>("url");
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const [importId, setImportId] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [parsing, setParsing] = useState(false);
  const [preview, setPreview] = useState<JobPreviewFieldsFragment | null>(null);
  const [draft, setDraft] = useState<Draft>({ title: "", company: "", location: "" });
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  // Reading a URL: the worker fetches the page; its progress comes live until the preview is ready.
  const fromUrl = useMutationForm(JobImportFromUrlDocument, {
    fields: ["url"],
    accepted: (payload) => !payload.errors.length && !!payload.jobImport,
    onSuccess: ({ jobImport }) => {
      setImportId(jobImport!.id);
      setReading(true);
      stop.current = subscribe(JobImportUpdatedDocument, {
        variables: () => ({ id: jobImport!.id }),
        retries: 3,
        onData: ({ jobImportUpdated: item }) => {
          if (item.status === "COMPLETED" && item.preview) {
            setPreview(item.preview);
            setDraft(draftOf(item.preview));
          } else if (item.status === "FAILED") {
            fromUrl.setFieldErrors({ url: item.error ?? "The page could not be read" });
          }
        },
        onDone: (error) => {
          setReading(false);
          if (error) fromUrl.setGeneral([error]);
        },
      });
    },
  });
  // Saving the corrected preview: from the import, or from the pasted text.
  const save = useMutationForm(
    (overrides: Draft) =>
      mode === "url" && importId
        ? mutation(JobImportSaveDocument)({ input: { id: importId, ...overrides } })
        : mutation(JobCreateFromTextDocument)({ input: { text, ...overrides } }),
    {
      fields: ["title", "company", "location", "text"],
      accepted: (payload) => !payload.errors.length && !!payload.job,
      invalidates: JOB_QUERIES,
      successToast: ({ job }) => ({ title: "Job saved", body: `${job!.title} at ${job!.company} is being scored.` }),
      onSuccess: onClose,
    },
  );
  const errors = {
    byField: { ...fromUrl.fieldErrors, ...save.fieldErrors },
    general: [...fromUrl.general, ...save.general],
  };

  const reset = (next: Mode) => {
    stop.current?.();
    setMode(next);
    setPreview(null);
    setImportId(null);
    setReading(false);
    fromUrl.clearErrors();
    save.clearErrors();
  };

  const readUrl = () => {
    save.clearErrors();
    setPreview(null);
    return { input: { url } };
  };

  // A pasted description is parsed at once (a query: nothing is saved yet).
  const readText = async () => {
    fromUrl.clearErrors();
    save.clearErrors();
    if (!text.trim()) {
      fromUrl.setFieldErrors({ text: "Paste a job description first" });
      return;
    }
    setParsing(true);
    try {
      const parsed = (await fetchGql(client, JobParseTextDocument, { text })).jobParseText;
      setPreview(parsed);
      setDraft(draftOf(parsed));
    } catch (e) {
      fromUrl.setGeneral([errorMessage(e)]);
    } finally {
      setParsing(false);
    }
  };
  const busy = fromUrl.busy || save.busy || parsing;

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
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void save.submit(draft)}>
              Save job
            </button>
          </>
        ) : null
      }
    >
      <div className={styles.dcSegmented} role="tablist" aria-label="Import from">
        <button type="button" role="tab" aria-selected={mode === "url"} className={mode === "url" ? styles.active : ""} onClick={() => reset("url")}>
          From a URL
        </button>
        <button type="button" role="tab" aria-selected={mode === "text"} className={mode === "text" ? styles.active : ""} onClick={() => reset("text")}>
          Paste a description
        </button>
      </div>
      <FormErrors messages={errors.general} />
      {!preview ? (
        mode === "url" ? (
          <form
            className="form"
            aria-label="Import from URL"
            onSubmit={fromUrl.handle(readUrl)}
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
        <div className={styles.importPreview} aria-label="Preview">
          <p className="muted small">
            Read as <strong>{preview.extraction}</strong>
            {preview.url ? <> from {preview.url}</> : null}. Correct anything before saving.
          </p>
          <TextField label="Title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} error={errors.byField.title} />
          <TextField label="Company" value={draft.company} onChange={(e) => setDraft({ ...draft, company: e.target.value })} error={errors.byField.company} />
          <TextField label="Location" value={draft.location} onChange={(e) => setDraft({ ...draft, location: e.target.value })} error={errors.byField.location} />
          {preview.salary ? <p className="small">Salary: {formatSalary(preview.salary)}{preview.salary.period ? ` per ${preview.salary.period}` : ""}</p> : null}
          {preview.skills.length ? (
            <ul className={styles.skillChips} aria-label="Skills found">
              {preview.skills.map((s) => (
                <li key={s} className={styles.skillChip}>
                  {s}
                </li>
              ))}
            </ul>
          ) : null}
          <p className={`small ${styles.previewText}`}>{preview.description.slice(0, 600)}{preview.description.length > 600 ? "…" : ""}</p>
        </div>
      )}
    </Dialog>
  );
}
