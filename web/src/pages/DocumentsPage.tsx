/** Documents: generate cover letters, résumé tailorings and emails for a job, watch them being
 * written, edit, improve with feedback, rate, export; tailoring suggestions accepted one by one. */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { Link, Navigate, useNavigate, useParams, useSearchParams } from "react-router";
import {
  CoverLetterGenerateDocument,
  DocumentDocument,
  DocumentImproveDocument,
  DocumentJobsDocument,
  DocumentRateDocument,
  DocumentsDocument,
  DocumentStreamDocument,
  DocumentUpdateDocument,
  EmailDraftDocument,
  ModelStatusDocument,
  ResumeTailorDocument,
  TailoringRewriteDecideDocument,
} from "../api/ai";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { FormErrors, SelectField, Spinner, SubmitButton, TextArea, TextField } from "../components/ui";
import type {
  DocumentFieldsFragment,
  DocumentKind,
  DocumentQuery,
  DocumentsQuery,
  DocumentStatus,
  DocumentStreamSubscription,
  EmailKind,
  RewriteDecision,
  Tone,
} from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { keyOf, mutation, nodeAs, updateCached, useGql } from "../lib/data";
import { downloadExport } from "../lib/files";
import { formatDateTime } from "../lib/format";
import { jobPath } from "../lib/links";
import { errorMessage } from "../lib/graphql";
import { useToast } from "../lib/toast";
import { subscribe } from "../lib/ws";
import styles from "./DocumentsPage.module.css";
import { FRAMES } from "../lib/frames";

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

type StreamEvent = DocumentStreamSubscription["documentStream"];

/** Apply one streamed piece to the text so far (offsets count code points, as the server does;
 * offset 0 replaces the text). */
function applyChunk(text: string, event: Pick<StreamEvent, "offset" | "chunk">): string {
  return Array.from(text).slice(0, event.offset).join("") + event.chunk;
}

/** Put a changed document in the cache: its own query and its row in the list. */
function useShowDocument() {
  const client = useQueryClient();
  return useCallback(
    (doc: DocumentFieldsFragment) => {
      client.setQueryData<DocumentQuery>(keyOf(DocumentDocument, { id: doc.id }), { node: doc });
      updateCached(client, DocumentsDocument, (data: DocumentsQuery) => {
        const edges = data.documents.edges;
        const listed = edges.some((e) => e.node.id === doc.id);
        return {
          documents: {
            ...data.documents,
            edges: listed ? edges.map((e) => (e.node.id === doc.id ? { node: { ...e.node, ...doc } } : e)) : [{ node: doc }, ...edges],
          },
        };
      });
    },
    [client],
  );
}

const documentOf = (node: object | null | undefined) => nodeAs<DocumentFieldsFragment>(node, "kind");

export function DocumentsPage() {
  const { documentId: selected } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const list = useGql(DocumentsDocument, { first: 100 });
  const jobs = useGql(DocumentJobsDocument, {}).data?.jobs.edges.map((e) => e.node) ?? [];
  const model = useGql(ModelStatusDocument, { refresh: false });
  const docs = list.data?.documents.edges.map((e) => e.node) ?? null;
  const status = model.data?.modelStatus ?? null;

  // The address used to be /documents?id=…: keep such links working.
  const legacy = search.get("id");
  if (legacy) return <Navigate to={`/documents/${encodeURIComponent(legacy)}`} replace />;

  return (
    <Page {...FRAMES.documents}>
      {/* in the body, not the header: the header is the start frame's, and does not move. Its line
          is there before the model's status is known, so the form below stays where it is. */}
      <div className={styles.engineNote}>
        {status == null ? null : (
          <p role="note">
            {status.configured ? (
              <>Written by {status.model || "the configured model"}.</>
            ) : (
              <>
                <span className="tag tag-offline">Offline engine</span> Written from templates.
              </>
            )}{" "}
            <Link to="/settings">Settings</Link>
          </p>
        )}
      </div>
      <NewDocumentForm jobs={jobs} onCreated={(doc) => navigate(`/documents/${encodeURIComponent(doc.id)}`)} />
      <LoadError error={list.error} />
      <div className={styles.docsLayout}>
        <nav className={`card ${styles.docsList}`} aria-label="Your documents">
          {docs === null ? (
            <Spinner label="Loading documents…" />
          ) : docs.length === 0 ? (
            <p className={`muted small ${styles.docsEmpty}`}>No documents yet. Generate one above.</p>
          ) : (
            <ul>
              {docs.map((d) => (
                <li key={d.id}>
                  <Link
                    to={`/documents/${encodeURIComponent(d.id)}`}
                    className={d.id === selected ? `${styles.docsItem} ${styles.active}` : styles.docsItem}
                    aria-current={d.id === selected ? "page" : undefined}
                  >
                    <span className={styles.docsItemTitle}>{d.title}</span>
                    <span className={styles.docsItemMeta}>
                      <span className={`pill ${STATUS_PILL[d.status]}`}>{STATUS_LABEL[d.status]}</span>
                      {d.offline ? <span className="tag tag-offline">Offline engine</span> : null}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div>
          {selected ? (
            <DocumentView key={selected} id={selected} />
          ) : (
            <div className="card empty">
              <p className="muted">Choose a document, or generate a new one for a job.</p>
            </div>
          )}
        </div>
      </div>
    </Page>
  );
}

function NewDocumentForm({ jobs, onCreated }: { jobs: { id: string; title: string; company: string }[]; onCreated: (doc: DocumentFieldsFragment) => void }) {
  const show = useShowDocument();
  const [kind, setKind] = useState<DocumentKind>("COVER_LETTER");
  const [jobId, setJobId] = useState("");
  const [tone, setTone] = useState<Tone>("PROFESSIONAL");
  const isEmail = kind.startsWith("EMAIL_");
  const form = useMutationForm(
    ({ kind, jobId, tone }: { kind: DocumentKind; jobId: string; tone: Tone }) => {
      if (kind === "COVER_LETTER") return mutation(CoverLetterGenerateDocument)({ input: { jobId, tone } });
      if (kind === "RESUME_TAILORING") return mutation(ResumeTailorDocument)({ input: { jobId } });
      return mutation(EmailDraftDocument)({ input: { kind: kind.replace("EMAIL_", "") as EmailKind, jobId: jobId || null } });
    },
    {
      fields: ["jobId", "tone", "kind"],
      accepted: (payload) => !payload.errors.length && !!payload.document,
      onSuccess: ({ document }) => {
        show(document!);
        onCreated(document!);
      },
    },
  );
  const fieldErrors = form.fieldErrors;

  useEffect(() => {
    if (!jobId && jobs.length) setJobId(jobs[0].id);
  }, [jobs, jobId]);

  const check = () => {
    form.clearErrors();
    if (!isEmail && !jobId) {
      form.setFieldErrors({ jobId: "Choose a job (add one on the Jobs page first)." });
      return undefined;
    }
    return { kind, jobId, tone };
  };

  const jobOptions = [
    ...(isEmail ? [{ value: "", label: "No particular job" }] : jobs.length ? [] : [{ value: "", label: "No jobs yet" }]),
    ...jobs.map((j) => ({ value: j.id, label: `${j.title} — ${j.company}` })),
  ];

  return (
    <form className={`card form ${styles.docsNew}`} onSubmit={form.handle(check)} aria-label="New document" noValidate>
      <FormErrors messages={form.general} />
      <div className="form-row">
        <SelectField label="Document" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)} options={KINDS} error={fieldErrors.kind} />
        <SelectField label="Job" value={jobId} onChange={(e) => setJobId(e.target.value)} options={jobOptions} error={fieldErrors.jobId} />
        {kind === "COVER_LETTER" ? (
          <SelectField label="Tone" value={tone} onChange={(e) => setTone(e.target.value as Tone)} options={TONES} error={fieldErrors.tone} />
        ) : null}
      </div>
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Generate" busyLabel="Starting…" />
      </div>
    </form>
  );
}

function DocumentView({ id }: { id: string }) {
  const toast = useToast();
  const client = useQueryClient();
  const update = useShowDocument();
  const query = useGql(DocumentDocument, { id });
  const doc = documentOf(query.data?.node);
  const [liveText, setLiveText] = useState("");
  const [chunks, setChunks] = useState(0);
  const [liveError, setLiveError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  // While it is being written, the text comes live; the last event carries the finished document.
  const writing = doc ? busy(doc.status) : false;
  useEffect(() => {
    if (!writing) return;
    setLiveText("");
    setChunks(0);
    setLiveError(null);
    return subscribe(DocumentStreamDocument, {
      variables: () => ({ id }),
      retries: 2,
      onData: ({ documentStream: event }) => {
        if (event.done) {
          if (event.document) update(event.document);
          return;
        }
        setLiveText((text) => applyChunk(text, event));
        if (event.chunk) setChunks((n) => n + 1);
        client.setQueryData<DocumentQuery>(keyOf(DocumentDocument, { id }), (data) => {
          const current = documentOf(data?.node);
          return current && current.status !== event.status ? { node: { ...current, status: event.status } } : data;
        });
      },
      onDone: (message) => message && setLiveError(message),
    });
  }, [id, writing, update, client]);

  if (query.error) return <LoadError error={query.error} />;
  if (query.data && !doc) {
    return (
      <div className="card empty">
        <p>Document not found.</p>
      </div>
    );
  }
  if (!doc) return <Spinner label="Loading the document…" />;

  return (
    <article className={`card ${styles.doc}`} aria-labelledby="doc-title">
      <header className={styles.docHeader}>
        <div>
          <h2 id="doc-title">{doc.title}</h2>
          <p className="muted small">
            {KIND_LABEL[doc.kind]}
            {doc.tone ? ` · ${doc.tone.toLowerCase()} tone` : ""}
            {doc.job ? (
              <>
                {" · for "}
                <Link to={jobPath(doc.job.id)}>
                  {doc.job.title} at {doc.job.company}
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className={styles.docBadges}>
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
        <div className={`${styles.docText} ${styles.docLive}`} data-testid="document-text" data-streaming="true" data-chunks={chunks} aria-live="polite" aria-busy="true">
          {liveText}
          <span className={styles.caret} aria-hidden="true" />
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
          <div className={styles.docText} data-testid="document-text" data-streaming="false">
            {doc.text}
          </div>
        )
      ) : null}

      {!writing && doc.text && !editing ? (
        <div className={styles.docActions}>
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
          <ul className={styles.versions}>
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
  const form = useMutationForm(DocumentUpdateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.document,
    onSuccess: ({ document }) => onSaved(document!),
  });
  return (
    <form className={styles.docEdit} onSubmit={form.handle({ input: { id: doc.id, text } })} aria-label="Edit document">
      <TextArea label="Document text" value={text} onChange={(e) => setText(e.target.value)} rows={16} error={form.messages.join(" ") || undefined} />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save as new version" />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ImproveForm({ doc, onStarted }: { doc: DocumentFieldsFragment; onStarted: (doc: DocumentFieldsFragment) => void }) {
  const [feedback, setFeedback] = useState("");
  const form = useMutationForm(DocumentImproveDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.document,
    onSuccess: ({ document }) => {
      setFeedback("");
      onStarted(document!);
    },
  });
  return (
    <form className={styles.docImprove} onSubmit={form.handle({ input: { id: doc.id, feedback } })} aria-label="Improve document">
      <TextArea
        label="What should change?"
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
        rows={2}
        error={form.messages.join(" ") || undefined}
        hint={doc.offline ? "The offline engine understands tone (casual, enthusiastic…), shorter/longer and skills to mention." : undefined}
      />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Improve" busyLabel="Starting…" primary={false} disabled={!feedback.trim()} />
      </div>
    </form>
  );
}

function RateForm({ doc, onRated }: { doc: DocumentFieldsFragment; onRated: (doc: DocumentFieldsFragment) => void }) {
  // no rating until the person picks one
  const [rating, setRating] = useState("");
  const [comment, setComment] = useState("");
  const [done, setDone] = useState(false);
  const [unpicked, setUnpicked] = useState(false);
  const form = useMutationForm(DocumentRateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.document,
    onSuccess: ({ document }) => {
      setRating("");
      setComment("");
      setDone(true);
      onRated(document!);
    },
  });
  const last = doc.ratings[doc.ratings.length - 1];
  return (
    <form
      className={styles.docRate}
      onSubmit={form.handle(() => {
        setUnpicked(!rating);
        return rating ? { input: { id: doc.id, rating: Number(rating), comment } } : undefined;
      })}
      aria-label="Rate document"
      noValidate
    >
      <div className="form-row">
        <SelectField
          label="Rating"
          value={rating}
          onChange={(e) => {
            setRating(e.target.value);
            setUnpicked(false);
          }}
          options={[{ value: "", label: "Pick a rating…" }, ...["5", "4", "3", "2", "1"].map((v) => ({ value: v, label: "★".repeat(Number(v)) + ` (${v})` }))]}
          error={(unpicked ? "Pick a rating from 1 to 5 stars" : form.messages.join(" ")) || undefined}
        />
        <TextField label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Optional" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.busy}>
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
  const tailoring = doc.tailoring!;
  const decideRewrite = useMutationForm(TailoringRewriteDecideDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.document,
    errorToast: (message) => ({ title: message }),
    onSuccess: ({ document }) => onChanged(document!),
  });
  const decide = (sectionIndex: number, rewriteIndex: number, decision: RewriteDecision | null) =>
    decideRewrite.submit({ input: { id: doc.id, sectionIndex, rewriteIndex, decision } });
  return (
    <div className={styles.tailoring}>
      <p>{tailoring.summary}</p>
      {tailoring.sections.map((section, s) =>
        section.rewrites.length || section.keywordsToSurface.length ? (
          <section key={section.section} aria-label={`Section ${section.section}`}>
            <h3 className="section-title">{section.section}</h3>
            {section.rewrites.map((r, i) => (
              <div key={i} className={`${styles.diff} ${styles[`diff-${(r.decision ?? "open").toLowerCase()}`] ?? ""}`}>
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
                <div className={styles.diffActions}>
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
