/** Profile: upload a résumé, watch it being parsed, accept or dismiss its suggestions (one by one or all), grouped by kind. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { ResumeSuggestionAcceptDocument, ResumeSuggestionsAcceptDocument, ResumeSuggestionsDismissDocument, ResumeUploadDocument, ResumeUploadsDocument } from "../api/ai";
import type { ResumeSuggestionKind, ResumeUploadFieldsFragment, ViewerFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { fetchGql, keyOf, nodeAs, useGql } from "../lib/data";
import { errorMessage } from "../lib/graphql";
import { uploadResume } from "../lib/files";
import { SubmitButton } from "./ui";
import styles from "./ResumeCard.module.css";
import { plural } from "../lib/format";

const POLL_MS = 1000;
const KIND_LABEL = {
  SKILL_ADD: "Skill",
  LEVEL: "Experience level",
  LOCATION: "Location",
  LANGUAGE: "Language",
  SKILL_YEARS: "Years of a skill",
  YEARS_EXPERIENCE: "Total experience",
} as const;
// Group headings, in the order the groups are shown.
const KIND_GROUP: Record<ResumeSuggestionKind, string> = {
  SKILL_ADD: "Skills",
  SKILL_YEARS: "Years per skill",
  YEARS_EXPERIENCE: "Total experience",
  LEVEL: "Experience level",
  LANGUAGE: "Languages",
  LOCATION: "Location",
};
type Suggestion = ResumeUploadFieldsFragment["suggestions"][number];

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const uploadOf = (node: object | null | undefined) => nodeAs<ResumeUploadFieldsFragment>(node, "filename");

export function ResumeCard({ onAccepted }: { onAccepted: (user: ViewerFieldsFragment, kind: string, value: string) => void }) {
  const client = useQueryClient();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest upload, then the one just sent; read again every second while it is parsed.
  const latest = useGql(ResumeUploadsDocument, {});
  const [sentId, setSentId] = useState<string | null>(null);
  const listed = latest.data?.resumeUploads.edges[0]?.node ?? null;
  const id = sentId ?? listed?.id ?? null;
  const polled = useGql(
    ResumeUploadDocument,
    { id: id ?? "" },
    {
      enabled: id != null,
      initialData: () => (listed && id === listed.id ? { node: listed } : undefined),
      staleTime: Infinity,
      refetchInterval: ({ state }) => (uploadOf(state.data?.node)?.status === "PENDING" ? POLL_MS : false),
    },
  );
  const upload = uploadOf(polled.data?.node) ?? listed;
  const shownError = error ?? (latest.error ? errorMessage(latest.error) : null);

  const send = useMutation({
    mutationFn: async (chosen: File) => {
      const sent = await uploadResume(chosen);
      await fetchGql(client, ResumeUploadDocument, { id: sent }); // shown as soon as the upload is done
      return sent;
    },
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError("Choose a PDF or DOCX file first.");
      return;
    }
    setError(null);
    try {
      setSentId(await send.mutateAsync(file));
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const accept = useMutationForm(ResumeSuggestionAcceptDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.upload && !!payload.user,
    errorToast: (message) => ({ title: message || "Could not apply the suggestion." }),
    onSuccess: ({ upload: next, user }, { input }) => {
      client.setQueryData(keyOf(ResumeUploadDocument, { id: next!.id }), { node: next });
      const accepted = next!.suggestions.find((s) => s.id === input.suggestionId);
      if (accepted) onAccepted(user!, accepted.kind, accepted.value);
    },
  });
  const acceptMany = useMutationForm(ResumeSuggestionsAcceptDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.upload && !!payload.user,
    errorToast: (message) => ({ title: message || "Could not apply the suggestions." }),
    onSuccess: ({ upload: next, user }) => {
      const before = new Set(upload?.suggestions.filter((s) => s.accepted).map((s) => s.id));
      client.setQueryData(keyOf(ResumeUploadDocument, { id: next!.id }), { node: next });
      for (const s of next!.suggestions) if (s.accepted && !before.has(s.id)) onAccepted(user!, s.kind, s.value);
    },
  });
  const dismiss = useMutationForm(ResumeSuggestionsDismissDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.upload,
    errorToast: (message) => ({ title: message || "Could not dismiss the suggestion." }),
    onSuccess: ({ upload: next }) => client.setQueryData(keyOf(ResumeUploadDocument, { id: next!.id }), { node: next }),
  });
  const accepting = accept.pending?.input.suggestionId ?? null;
  const dismissing = dismiss.pending?.input.suggestionIds?.[0] ?? null;
  const busy = accept.busy || acceptMany.busy || dismiss.busy;

  const open = upload?.suggestions.filter((s) => !s.accepted && !s.dismissed) ?? [];
  const dismissedCount = upload?.suggestions.filter((s) => s.dismissed).length ?? 0;
  const groups = (Object.keys(KIND_GROUP) as ResumeSuggestionKind[])
    .map((kind) => ({ kind, items: (upload?.suggestions ?? []).filter((s) => s.kind === kind && !s.dismissed) }))
    .filter((g) => g.items.length);

  return (
    <section className="card form" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className={styles.resumeTitle}>
        Résumé
      </h2>
      <p className="muted small">Upload your résumé (PDF or DOCX, up to 5 MB) and accept the skills, level, location, languages and years it suggests.</p>
      <form className={styles.resumeUpload} onSubmit={submit} aria-label="Upload résumé">
        <div className="field">
          <label htmlFor={inputId}>Résumé file</label>
          <input
            ref={fileInput}
            id={inputId}
            type="file"
            accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <SubmitButton busy={send.isPending} label="Upload résumé" busyLabel="Uploading…" />
      </form>
      {shownError ? (
        <div className="form-errors" role="alert">
          <p>{shownError}</p>
        </div>
      ) : null}
      {upload ? (
        <div className={styles.resumeStatus} data-testid="resume-status">
          <p>
            <strong>{upload.filename}</strong> <span className="muted small">({formatSize(upload.size)})</span>{" "}
            {upload.status === "PENDING" ? (
              <span className="pill pill-interview" role="status">
                <span className="spinner" aria-hidden="true" /> Parsing…
              </span>
            ) : upload.status === "COMPLETED" ? (
              <span className="pill pill-offer" role="status">
                Parsed
              </span>
            ) : (
              <span className="pill pill-rejected" role="status">
                Failed
              </span>
            )}
          </p>
          {upload.status === "FAILED" ? (
            <p className="form-errors" role="alert">
              {upload.error}
            </p>
          ) : null}
          {upload.parsed ? (
            <p className="muted small">
              Found {plural(upload.parsed.skills.length, "skill")}
              {upload.parsed.name ? ` for ${upload.parsed.name}` : ""}
              {upload.parsed.totalYears ? `, about ${plural(upload.parsed.totalYears, "year")} of experience` : ""}.
            </p>
          ) : null}
          {upload.status === "COMPLETED" ? (
            upload.suggestions.length ? (
              <>
                <div className={styles.suggestionsHead}>
                  <h3 className="section-title">
                    Suggested profile changes {open.length ? `(${open.length} open)` : ""}
                  </h3>
                  {open.length > 1 ? (
                    <div className={styles.suggestionsActions}>
                      <button
                        type="button"
                        className="button button-small button-primary"
                        disabled={busy}
                        onClick={() => void acceptMany.submit({ input: { uploadId: upload.id } })}
                      >
                        {acceptMany.busy ? "Adding…" : `Accept all ${open.length}`}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy}
                        onClick={() => void dismiss.submit({ input: { uploadId: upload.id } })}
                      >
                        Dismiss all
                      </button>
                    </div>
                  ) : null}
                </div>
                <div role="group" aria-label="Suggested profile changes">
                {groups.map((group) => (
                  <SuggestionGroup
                    key={group.kind}
                    title={KIND_GROUP[group.kind]}
                    items={group.items}
                    busy={busy}
                    accepting={accepting}
                    dismissing={dismissing}
                    onAccept={(s) => void accept.submit({ input: { uploadId: upload.id, suggestionId: s.id } })}
                    onAcceptGroup={(items) => void acceptMany.submit({ input: { uploadId: upload.id, suggestionIds: items.map((s) => s.id) } })}
                    onDismiss={(s) => void dismiss.submit({ input: { uploadId: upload.id, suggestionIds: [s.id] } })}
                  />
                ))}
                </div>
                {dismissedCount ? <p className="muted small">{plural(dismissedCount, "suggestion")} dismissed.</p> : null}
              </>
            ) : (
              <p className="muted small">Your profile already has everything the résumé shows.</p>
            )
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function SuggestionGroup({
  title,
  items,
  busy,
  accepting,
  dismissing,
  onAccept,
  onAcceptGroup,
  onDismiss,
}: {
  title: string;
  items: Suggestion[];
  busy: boolean;
  accepting: string | null;
  dismissing: string | null;
  onAccept: (s: Suggestion) => void;
  onAcceptGroup: (items: Suggestion[]) => void;
  onDismiss: (s: Suggestion) => void;
}) {
  const headingId = useId();
  const open = items.filter((s) => !s.accepted);
  return (
    <section className={styles.suggestionGroup} aria-labelledby={headingId}>
      <div className={styles.suggestionsHead}>
        <h4 id={headingId} className={styles.groupTitle}>
          {title} <span className="muted small">({items.length})</span>
        </h4>
        {open.length > 1 ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => onAcceptGroup(open)}>
            Accept these {open.length}
          </button>
        ) : null}
      </div>
      <ul className={styles.suggestions} aria-label={`Suggested: ${title}`}>
        {items.map((s) => (
          <li key={s.id} className="suggestion">
            <div>
              <strong>{s.kind === "LEVEL" ? s.value.toLowerCase() : s.value}</strong>
              <p className="muted small">{s.reason}</p>
            </div>
            {s.accepted ? (
              <span className="saved">✓ Added</span>
            ) : (
              <span className={styles.suggestionActions}>
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  aria-label={`Accept ${KIND_LABEL[s.kind].toLowerCase()} ${s.value}`}
                  onClick={() => onAccept(s)}
                >
                  {accepting === s.id ? "Adding…" : "Accept"}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  aria-label={`Dismiss ${KIND_LABEL[s.kind].toLowerCase()} ${s.value}`}
                  onClick={() => onDismiss(s)}
                >
                  {dismissing === s.id ? "Dismissing…" : "Dismiss"}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
