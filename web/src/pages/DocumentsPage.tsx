/** Documents: generate cover letters, résumé tailorings and emails for a job, watch them being
 * written, edit, improve with feedback, rate, export; tailoring suggestions accepted one by one. */
import { useCallback, useEffect, useState, type FormEvent } from "react";
import {
  CoverLetterGenerateDocument,
  DocumentDocument,
  DocumentImproveDocument,
  DocumentJobsDocument,
  DocumentRateDocument,
  DocumentsDocument,
  DocumentUpdateDocument,
  EmailDraftDocument,
  ModelStatusDocument,
  ResumeTailorDocument,
  TailoringRewriteDecideDocument,
} from "../api/ai";
import { FormErrors, SelectField, Spinner, TextArea, TextField } from "../components/ui";
import type {
  DocumentFieldsFragment,
  DocumentKind,
  DocumentStatus,
  DocumentSummaryFieldsFragment,
  EmailKind,
  RewriteDecision,
  Tone,
} from "../gql/graphql";
import { applyChunk, watchDocument } from "../lib/documentStream";
import { downloadExport } from "../lib/files";
import { formatDateTime } from "../lib/format";
import { errorMessage, request, splitErrors, type FieldErrorLike } from "../lib/graphql";
import { Link, navigate, useLocation } from "../lib/router";
import { useToast } from "../lib/toast";
import "../ai.css";

export const KIND_LABEL: Record<DocumentKind, string> = {
  COVER_LETTER: "Cover letter",
  RESUME_TAILORING: "Résumé tailoring",
  EMAIL_FOLLOW_UP: "Follow-up email",
  EMAIL_THANK_YOU: "Thank-you email",
  EMAIL_NETWORKING: "Networking email",
  EMAIL_OFFER_NEGOTIATION: "Offer negotiation email",
};
const KINDS = Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }));
const TONES: { value: Tone; label: string }[] = [
  { value: "PROFESSIONAL", label: "Professional" },
  { value: "CASUAL", label: "Casual" },
  { value: "ENTHUSIASTIC", label: "Enthusiastic" },
];
const STATUS_LABEL: Record<DocumentStatus, string> = { PENDING: "Queued", STREAMING: "Writing…", COMPLETED: "Ready", FAILED: "Failed" };
const STATUS_PILL: Record<DocumentStatus, string> = { PENDING: "pill-applied", STREAMING: "pill-interview", COMPLETED: "pill-offer", FAILED: "pill-rejected" };
const SOURCE_LABEL = { GENERATED: "generated", EDITED: "edited", IMPROVED: "improved" } as const;
const busy = (status: DocumentStatus) => status === "PENDING" || status === "STREAMING";

interface JobOption {
  id: string;
  title: string;
  company: string;
}

export function DocumentsPage() {
  const { search } = useLocation();
  const selected = search.get("id");
  const [docs, setDocs] = useState<DocumentSummaryFieldsFragment[] | null>(null);
  const [jobs, setJobs] = useState<JobOption[]>([]);
  const [offline, setOffline] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadList = useCallback(async () => {
    try {
      const data = await request(DocumentsDocument, { first: 100 });
      setDocs(data.documents.edges.map((e) => e.node));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void loadList();
    request(DocumentJobsDocument)
      .then((data) => setJobs(data.jobs.edges.map((e) => e.node)))
      .catch(() => undefined);
    request(ModelStatusDocument, { refresh: false })
      .then((data) => setOffline(!data.modelStatus.configured))
      .catch(() => undefined);
  }, [loadList]);

  return (
    <section className="page page-wide" aria-labelledby="documents-title">
      <header className="page-header">
        <div>
          <h1 id="documents-title">Documents</h1>
          <p className="muted">Cover letters, résumé tailoring and emails for your jobs — saved with every version.</p>
        </div>
        {offline ? (
          <p className="offline-note" role="note">
            <span className="tag tag-offline">Offline engine</span> No model is configured: documents are written from templates,
            your profile and the job's requirements. <Link to="/settings">Settings</Link>
          </p>
        ) : null}
      </header>
      <NewDocumentForm
        jobs={jobs}
        onCreated={(doc) => {
          setDocs((list) => [doc, ...(list ?? []).filter((d) => d.id !== doc.id)]);
          navigate(`/documents?id=${encodeURIComponent(doc.id)}`);
        }}
      />
      {error ? (
        <div className="form-errors" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <div className="docs-layout">
        <nav className="card docs-list" aria-label="Your documents">
          {docs === null ? (
            <Spinner label="Loading documents…" />
          ) : docs.length === 0 ? (
            <p className="muted small docs-empty">No documents yet. Generate one above.</p>
          ) : (
            <ul>
              {docs.map((d) => (
                <li key={d.id}>
                  <Link
                    to={`/documents?id=${encodeURIComponent(d.id)}`}
                    className={d.id === selected ? "docs-item active" : "docs-item"}
                    aria-current={d.id === selected ? "page" : undefined}
                  >
                    <span className="docs-item-title">{d.title}</span>
                    <span className="docs-item-meta">
                      <span className={`pill ${STATUS_PILL[d.status]}`}>{STATUS_LABEL[d.status]}</span>
                      {d.offline ? <span className="tag tag-offline">Offline engine</span> : null}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div className="docs-detail">
          {selected ? (
            <DocumentView
              key={selected}
              id={selected}
              onChanged={(doc) => setDocs((list) => (list ?? []).map((d) => (d.id === doc.id ? { ...d, ...doc } : d)))}
            />
          ) : (
            <div className="card empty">
              <p className="muted">Choose a document, or generate a new one for a job.</p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function NewDocumentForm({ jobs, onCreated }: { jobs: JobOption[]; onCreated: (doc: DocumentFieldsFragment) => void }) {
  const [kind, setKind] = useState<DocumentKind>("COVER_LETTER");
  const [jobId, setJobId] = useState("");
  const [tone, setTone] = useState<Tone>("PROFESSIONAL");
  const [sending, setSending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const isEmail = kind.startsWith("EMAIL_");

  useEffect(() => {
    if (!jobId && jobs.length) setJobId(jobs[0].id);
  }, [jobs, jobId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldErrors({});
    setGeneral([]);
    if (!isEmail && !jobId) {
      setFieldErrors({ jobId: "Choose a job (add one on the Jobs page first)." });
      return;
    }
    setSending(true);
    try {
      let payload: { document: DocumentFieldsFragment | null; errors: readonly FieldErrorLike[] };
      if (kind === "COVER_LETTER") {
        payload = (await request(CoverLetterGenerateDocument, { input: { jobId, tone } })).coverLetterGenerate;
      } else if (kind === "RESUME_TAILORING") {
        payload = (await request(ResumeTailorDocument, { input: { jobId } })).resumeTailor;
      } else {
        const emailKind = kind.replace("EMAIL_", "") as EmailKind;
        payload = (await request(EmailDraftDocument, { input: { kind: emailKind, jobId: jobId || null } })).emailDraft;
      }
      if (payload.errors.length || !payload.document) {
        const split = splitErrors(payload.errors, ["jobId", "tone", "kind"]);
        setFieldErrors(split.byField);
        setGeneral(split.general);
        return;
      }
      onCreated(payload.document);
    } catch (e) {
      setGeneral([errorMessage(e)]);
    } finally {
      setSending(false);
    }
  };

  const jobOptions = [
    ...(isEmail ? [{ value: "", label: "No particular job" }] : jobs.length ? [] : [{ value: "", label: "No jobs yet" }]),
    ...jobs.map((j) => ({ value: j.id, label: `${j.title} — ${j.company}` })),
  ];

  return (
    <form className="card form docs-new" onSubmit={submit} aria-label="New document" noValidate>
      <FormErrors messages={general} />
      <div className="form-row">
        <SelectField label="Document" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)} options={KINDS} error={fieldErrors.kind} />
        <SelectField label="Job" value={jobId} onChange={(e) => setJobId(e.target.value)} options={jobOptions} error={fieldErrors.jobId} />
        {kind === "COVER_LETTER" ? (
          <SelectField label="Tone" value={tone} onChange={(e) => setTone(e.target.value as Tone)} options={TONES} error={fieldErrors.tone} />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? "Starting…" : "Generate"}
        </button>
      </div>
    </form>
  );
}

function DocumentView({ id, onChanged }: { id: string; onChanged: (doc: DocumentFieldsFragment) => void }) {
  const toast = useToast();
  const [doc, setDoc] = useState<DocumentFieldsFragment | null>(null);
  const [missing, setMissing] = useState(false);
  const [liveText, setLiveText] = useState("");
  const [chunks, setChunks] = useState(0);
  const [liveError, setLiveError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const update = useCallback(
    (next: DocumentFieldsFragment) => {
      setDoc(next);
      onChanged(next);
    },
    [onChanged],
  );

  useEffect(() => {
    request(DocumentDocument, { id })
      .then((data) => {
        const node = data.node && "kind" in data.node ? (data.node as DocumentFieldsFragment) : null;
        if (node) setDoc(node);
        else setMissing(true);
      })
      .catch((e) => setLiveError(errorMessage(e)));
  }, [id]);

  const writing = doc ? busy(doc.status) : false;
  useEffect(() => {
    if (!writing) return;
    setLiveText("");
    setChunks(0);
    setLiveError(null);
    return watchDocument(
      id,
      (event) => {
        if (event.done) {
          if (event.document) update(event.document);
          return;
        }
        setLiveText((text) => applyChunk(text, event));
        if (event.chunk) setChunks((n) => n + 1);
        setDoc((current) => (current && current.status !== event.status ? { ...current, status: event.status } : current));
      },
      (message) => setLiveError(message),
    );
  }, [id, writing, update]);

  if (missing) {
    return (
      <div className="card empty">
        <p>Document not found.</p>
      </div>
    );
  }
  if (!doc) return <Spinner label="Loading the document…" />;

  return (
    <article className="card doc" aria-labelledby="doc-title">
      <header className="doc-header">
        <div>
          <h2 id="doc-title">{doc.title}</h2>
          <p className="muted small">
            {KIND_LABEL[doc.kind]}
            {doc.tone ? ` · ${doc.tone.toLowerCase()} tone` : ""}
            {doc.job ? (
              <>
                {" · for "}
                <Link to="/jobs">
                  {doc.job.title} at {doc.job.company}
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="doc-badges">
          <span className={`pill ${STATUS_PILL[doc.status]}`} role="status" data-testid="document-status">
            {STATUS_LABEL[doc.status]}
          </span>
          {doc.offline ? (
            <span className="tag tag-offline" title="Written by the offline engine: no model is configured">
              Offline engine
            </span>
          ) : null}
        </div>
      </header>

      {writing ? (
        <div className="doc-text doc-live" data-testid="document-text" data-streaming="true" data-chunks={chunks} aria-live="polite" aria-busy="true">
          {liveText}
          <span className="caret" aria-hidden="true" />
          {!liveText ? <span className="muted">Waiting for the writer…</span> : null}
        </div>
      ) : doc.status === "FAILED" ? (
        <div className="form-errors" role="alert">
          <p>
            <strong>Writing failed.</strong> {doc.error}
          </p>
        </div>
      ) : null}
      {liveError && writing ? <p className="muted small">{liveError} The document is still being written; reload to see it.</p> : null}

      {!writing && doc.text ? (
        doc.tailoring ? (
          <TailoringView doc={doc} onChanged={update} />
        ) : editing ? (
          <EditForm doc={doc} onSaved={(next) => (update(next), setEditing(false))} onCancel={() => setEditing(false)} />
        ) : (
          <div className="doc-text" data-testid="document-text" data-streaming="false">
            {doc.text}
          </div>
        )
      ) : null}

      {!writing && doc.text && !editing ? (
        <div className="doc-actions">
          {!doc.tailoring ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {(["md", "pdf", "docx"] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button"
              onClick={() => downloadExport(doc.exportPath, format).catch((e) => toast.show({ kind: "error", title: errorMessage(e) }))}
            >
              Export {format === "md" ? "Markdown" : format === "pdf" ? "PDF" : "Word"}
            </button>
          ))}
        </div>
      ) : null}

      {!writing && doc.text && !doc.tailoring && !editing ? <ImproveForm doc={doc} onStarted={update} /> : null}
      {!writing && doc.text ? <RateForm doc={doc} onRated={update} /> : null}

      {doc.versions.length ? (
        <section aria-label="Versions">
          <h3 className="section-title">Versions</h3>
          <ul className="versions">
            {doc.versions.map((v) => (
              <li key={v.number}>
                Version {v.number} · {SOURCE_LABEL[v.source]}
                {v.model ? ` by ${v.model}` : v.source === "EDITED" ? " by you" : doc.offline ? " by the offline engine" : ""}
                {v.totalTokens ? ` · ${v.totalTokens.toLocaleString()} tokens` : ""}
                <span className="muted small"> · {formatDateTime(v.createdAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

function EditForm({ doc, onSaved, onCancel }: { doc: DocumentFieldsFragment; onSaved: (doc: DocumentFieldsFragment) => void; onCancel: () => void }) {
  const [text, setText] = useState(doc.text);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const payload = (await request(DocumentUpdateDocument, { input: { id: doc.id, text } })).documentUpdate;
      if (payload.errors.length || !payload.document) setError(payload.errors.map((e) => e.message).join(" "));
      else onSaved(payload.document);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="doc-edit" onSubmit={submit} aria-label="Edit document">
      <TextArea label="Document text" value={text} onChange={(e) => setText(e.target.value)} rows={16} error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? "Saving…" : "Save as new version"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ImproveForm({ doc, onStarted }: { doc: DocumentFieldsFragment; onStarted: (doc: DocumentFieldsFragment) => void }) {
  const [feedback, setFeedback] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const payload = (await request(DocumentImproveDocument, { input: { id: doc.id, feedback } })).documentImprove;
      if (payload.errors.length || !payload.document) setError(payload.errors.map((e) => e.message).join(" "));
      else {
        setFeedback("");
        onStarted(payload.document);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="doc-improve" onSubmit={submit} aria-label="Improve document">
      <TextArea
        label="What should change?"
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
        rows={2}
        error={error}
        hint={doc.offline ? "The offline engine understands tone (casual, enthusiastic…), shorter/longer and skills to mention." : undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={sending || !feedback.trim()}>
          {sending ? "Starting…" : "Improve"}
        </button>
      </div>
    </form>
  );
}

function RateForm({ doc, onRated }: { doc: DocumentFieldsFragment; onRated: (doc: DocumentFieldsFragment) => void }) {
  const [rating, setRating] = useState("5");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const payload = (await request(DocumentRateDocument, { input: { id: doc.id, rating: Number(rating), comment } })).documentRate;
      if (payload.errors.length || !payload.document) setError(payload.errors.map((e) => e.message).join(" "));
      else {
        setComment("");
        setDone(true);
        onRated(payload.document);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const last = doc.ratings[doc.ratings.length - 1];
  return (
    <form className="doc-rate" onSubmit={submit} aria-label="Rate document">
      <div className="form-row">
        <SelectField
          label="Rating"
          value={rating}
          onChange={(e) => setRating(e.target.value)}
          options={["5", "4", "3", "2", "1"].map((v) => ({ value: v, label: "★".repeat(Number(v)) + ` (${v})` }))}
          error={error}
        />
        <TextField label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Optional" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          Rate
        </button>
        <span className="save-state" role="status">
          {done && last ? <span className="saved">✓ Rated {last.rating}/5</span> : last ? <span className="muted small">Last rated {last.rating}/5</span> : null}
        </span>
      </div>
    </form>
  );
}

function TailoringView({ doc, onChanged }: { doc: DocumentFieldsFragment; onChanged: (doc: DocumentFieldsFragment) => void }) {
  const toast = useToast();
  const tailoring = doc.tailoring!;
  const decide = async (sectionIndex: number, rewriteIndex: number, decision: RewriteDecision | null) => {
    try {
      const payload = (await request(TailoringRewriteDecideDocument, { input: { id: doc.id, sectionIndex, rewriteIndex, decision } }))
        .tailoringRewriteDecide;
      if (payload.errors.length || !payload.document) toast.show({ kind: "error", title: payload.errors.map((e) => e.message).join(" ") });
      else onChanged(payload.document);
    } catch (e) {
      toast.show({ kind: "error", title: errorMessage(e) });
    }
  };
  return (
    <div className="tailoring">
      <p>{tailoring.summary}</p>
      {tailoring.sections.map((section, s) =>
        section.rewrites.length || section.keywordsToSurface.length ? (
          <section key={section.section} aria-label={`Section ${section.section}`}>
            <h3 className="section-title">{section.section}</h3>
            {section.rewrites.map((r, i) => (
              <div key={i} className={`diff diff-${(r.decision ?? "open").toLowerCase()}`}>
                {r.original ? (
                  <del>
                    <span className="visually-hidden">Current: </span>
                    {r.original}
                  </del>
                ) : null}
                <ins>
                  <span className="visually-hidden">Suggested: </span>
                  {r.suggested}
                </ins>
                <p className="muted small">{r.reason}</p>
                <div className="diff-actions">
                  {r.decision ? (
                    <>
                      <span className={r.decision === "ACCEPTED" ? "saved" : "muted"}>{r.decision === "ACCEPTED" ? "✓ Accepted" : "Rejected"}</span>
                      <button type="button" className="link-button" onClick={() => void decide(s, i, null)}>
                        Undo
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" className="button button-small" aria-label={`Accept rewrite ${i + 1} in ${section.section}`} onClick={() => void decide(s, i, "ACCEPTED")}>
                        Accept
                      </button>
                      <button type="button" className="button button-small" aria-label={`Reject rewrite ${i + 1} in ${section.section}`} onClick={() => void decide(s, i, "REJECTED")}>
                        Reject
                      </button>
                    </>
                  )}
                </div>
              </div>
            ))}
            {section.keywordsToSurface.length ? (
              <p className="small">
                Keywords to surface:{" "}
                {section.keywordsToSurface.map((k) => (
                  <span key={k} className="tag">
                    {k}
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        ) : null,
      )}
      {tailoring.missingKeywords.length ? (
        <p className="small">
          <strong>Not shown anywhere:</strong> {tailoring.missingKeywords.join(", ")} — add them only if you really have that experience.
        </p>
      ) : null}
    </div>
  );
}
