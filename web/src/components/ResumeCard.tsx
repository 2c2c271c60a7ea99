/** Profile: upload a résumé, watch it being parsed, accept its suggestions one by one. */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ResumeSuggestionAcceptDocument, ResumeUploadDocument, ResumeUploadsDocument } from "../api/ai";
import type { ResumeUploadFieldsFragment, ViewerFieldsFragment } from "../gql/graphql";
import { errorMessage, request } from "../lib/graphql";
import { useToast } from "../lib/toast";
import { uploadResume } from "../lib/files";
import "../ai.css";

const POLL_MS = 1000;
const KIND_LABEL = { SKILL_ADD: "Skill", LEVEL: "Experience level", LOCATION: "Location" } as const;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ResumeCard({ onAccepted }: { onAccepted: (user: ViewerFieldsFragment, kind: string, value: string) => void }) {
  const toast = useToast();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<ResumeUploadFieldsFragment | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [accepting, setAccepting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    request(ResumeUploadsDocument)
      .then((data) => setUpload(data.resumeUploads.edges[0]?.node ?? null))
      .catch((e) => setError(errorMessage(e)));
  }, []);

  const poll = useCallback(async (id: string) => {
    const data = await request(ResumeUploadDocument, { id });
    const node = data.node && "filename" in data.node ? (data.node as ResumeUploadFieldsFragment) : null;
    if (node) setUpload(node);
    return node;
  }, []);

  useEffect(() => {
    if (upload?.status !== "PENDING") return;
    const timer = window.setInterval(() => void poll(upload.id).catch(() => undefined), POLL_MS);
    return () => window.clearInterval(timer);
  }, [upload?.id, upload?.status, poll]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError("Choose a PDF or DOCX file first.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = await uploadResume(file);
      await poll(id);
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const accept = async (suggestionId: string) => {
    if (!upload) return;
    setAccepting(suggestionId);
    try {
      const payload = (await request(ResumeSuggestionAcceptDocument, { input: { uploadId: upload.id, suggestionId } })).resumeSuggestionAccept;
      if (payload.errors.length || !payload.upload || !payload.user) {
        toast.show({ kind: "error", title: payload.errors.map((e) => e.message).join(" ") || "Could not apply the suggestion." });
        return;
      }
      setUpload(payload.upload);
      const accepted = payload.upload.suggestions.find((s) => s.id === suggestionId);
      if (accepted) onAccepted(payload.user, accepted.kind, accepted.value);
    } catch (e) {
      toast.show({ kind: "error", title: errorMessage(e) });
    } finally {
      setAccepting(null);
    }
  };

  const pendingSuggestions = upload?.suggestions.filter((s) => !s.accepted).length ?? 0;

  return (
    <section className="card form resume-card" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="resume-title">
        Résumé
      </h2>
      <p className="muted small">Upload your résumé (PDF or DOCX, up to 5 MB) and accept the skills, level and location it suggests.</p>
      <form className="resume-upload" onSubmit={submit} aria-label="Upload résumé">
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
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Uploading…" : "Upload résumé"}
        </button>
      </form>
      {error ? (
        <div className="form-errors" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {upload ? (
        <div className="resume-status" data-testid="resume-status">
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
              Found {upload.parsed.skills.length} skills
              {upload.parsed.name ? ` for ${upload.parsed.name}` : ""}
              {upload.parsed.totalYears ? `, about ${upload.parsed.totalYears} years of experience` : ""}.
            </p>
          ) : null}
          {upload.status === "COMPLETED" ? (
            upload.suggestions.length ? (
              <>
                <h3 className="section-title">Suggested profile changes {pendingSuggestions ? `(${pendingSuggestions} open)` : ""}</h3>
                <ul className="suggestions" aria-label="Suggested profile changes">
                  {upload.suggestions.map((s) => (
                    <li key={s.id} className="suggestion">
                      <div>
                        <span className="tag">{KIND_LABEL[s.kind]}</span> <strong>{s.kind === "LEVEL" ? s.value.toLowerCase() : s.value}</strong>
                        <p className="muted small">{s.reason}</p>
                      </div>
                      {s.accepted ? (
                        <span className="saved">✓ Added</span>
                      ) : (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={accepting !== null}
                          aria-label={`Accept ${KIND_LABEL[s.kind].toLowerCase()} ${s.value}`}
                          onClick={() => void accept(s.id)}
                        >
                          {accepting === s.id ? "Adding…" : "Accept"}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
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
