/** Board: one column per application status; drag cards or use "Move to…". A card shows its follow-up
 * date and next interview; its details drawer edits them, the notes, and shows the history. */
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type DragEvent } from "react";
import { Link } from "react-router";
import { APPLICATION_QUERIES } from "../api/affects";
import { ApplicationStatusUpdateDocument, ApplicationsDocument } from "../api/operations";
import { ApplicationNotes } from "../components/application/ApplicationNotes";
import { ApplicationSchedule } from "../components/application/ApplicationSchedule";
import { EmptyState } from "../components/EmptyState";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { Dialog, ScoreBadge, Spinner } from "../components/ui";
import type { ApplicationFieldsFragment, ApplicationsQuery, ApplicationStatus } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, updateCached, useDeferredReady, useGql } from "../lib/data";
import { formatDay, today } from "../lib/career";
import { formatInZone } from "../lib/delivery";
import { browserTimeZone, excerpt, formatDate, formatDateTime, STATUS_LABEL, STATUSES } from "../lib/format";
import { jobPath } from "../lib/links";
import { useViewer } from "../lib/viewer";
import { useToast } from "../lib/toast";
import styles from "./BoardPage.module.css";
import { FRAMES } from "../lib/frames";

const DRAG_TYPE = "application/x-cc-application";

/** Put a changed application in the cached board at once, then refetch what shows it. */
function useReplaceApplication() {
  const client = useQueryClient();
  return (next: ApplicationFieldsFragment) => {
    updateCached(client, ApplicationsDocument, (data: ApplicationsQuery) => ({
      applications: { ...data.applications, edges: data.applications.edges.map((e) => (e.node.id === next.id ? { node: next } : e)) },
    }));
    void invalidate(client, APPLICATION_QUERIES);
  };
}

export function BoardPage() {
  const toast = useToast();
  const query = useGql(ApplicationsDocument, { first: 100 });
  const replace = useReplaceApplication();
  const [dragging, setDragging] = useState<ApplicationFieldsFragment | null>(null);
  const [over, setOver] = useState<ApplicationStatus | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const ready = useDeferredReady(query.data != null);
  const apps = ready ? (query.data?.applications.edges.map((e) => e.node) ?? null) : null;

  const moveTo = useMutationForm(ApplicationStatusUpdateDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.application,
    errorToast: (message, refused) => (refused ? { title: "Move refused", body: message || "The move was refused." } : { title: "Move failed", body: message }),
    onSuccess: (payload) => replace(payload.application!),
  });
  const moving = moveTo.pending?.input.id ?? null;
  const move = async (app: ApplicationFieldsFragment, status: ApplicationStatus) => {
    const payload = await moveTo.submit({ input: { id: app.id, status } });
    if (payload?.application) {
      toast.show({ kind: "success", title: `Moved to ${STATUS_LABEL[payload.application.status]}`, body: `${app.job.title} at ${app.job.company}` }, 3500);
    }
  };

  const drop = (status: ApplicationStatus) => (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData("text/plain");
    const app = apps?.find((a) => a.id === id);
    setDragging(null);
    if (!app || app.status === status) return; // dropped back where it was
    // Even a move the card does not allow goes to the server: its refusal explains why.
    void move(app, status);
  };

  const open = apps?.find((a) => a.id === openId) ?? null;

  return (
    <Page
      {...FRAMES.board}
      actions={
        <Link to="/jobs" className="button">
          Find jobs to add
        </Link>
      }
    >
      <LoadError error={query.error} onRetry={query.refetch} />
      {apps?.length === 0 ? (
        <EmptyState
          title="Your board is empty"
          actions={
            <>
              <Link to="/jobs?new=1" className="button button-primary">
                Add a job
              </Link>
              <Link to="/discover" className="button">
                Browse matches
              </Link>
            </>
          }
        >
          Add a job, then track it here as you apply.
        </EmptyState>
      ) : null}
      {apps == null ? (
        query.error ? null : <Spinner label="Loading your board…" />
      ) : (
        <div className={styles.board}>
          {STATUSES.map((status) => {
            const cards = apps.filter((a) => a.status === status);
            const allowed = dragging ? dragging.allowedTransitions.includes(status) : false;
            const classes = [
              styles.column,
              dragging && allowed ? styles.columnAllowed : "",
              dragging && !allowed && dragging.status !== status ? styles.columnBlocked : "",
              over === status ? styles.columnOver : "",
            ];
            return (
              <section
                key={status}
                className={classes.filter(Boolean).join(" ")}
                aria-labelledby={`col-${status}`}
                data-status={status}
                data-testid={`column-${status}`}
                onDragOver={(e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = "move";
                  if (over !== status) setOver(status);
                }}
                onDragLeave={(e) => {
                  if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === status ? null : o));
                }}
                onDrop={drop(status)}
              >
                <h2 id={`col-${status}`} className={styles.columnTitle}>
                  <span className={`${styles.dot} ${styles[`dot-${status.toLowerCase()}`]}`} aria-hidden="true" />
                  {STATUS_LABEL[status]}
                  <span className="count">
                    <span aria-hidden="true">{cards.length}</span>
                    <span className="visually-hidden">, {cards.length === 1 ? "1 card" : `${cards.length} cards`}</span>
                  </span>
                </h2>
                <ul className={styles.columnCards}>
                  {cards.map((app) => (
                    <li key={app.id}>
                      <BoardCard
                        app={app}
                        busy={moving === app.id}
                        onMove={(s) => void move(app, s)}
                        onOpen={() => setOpenId(app.id)}
                        onDragStart={() => setDragging(app)}
                        onDragEnd={() => {
                          setDragging(null);
                          setOver(null);
                        }}
                      />
                    </li>
                  ))}
                  {cards.length === 0 ? <li className={`muted ${styles.columnEmpty}`}>No cards</li> : null}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      {open ? <ApplicationDrawer app={open} onClose={() => setOpenId(null)} onSaved={replace} /> : null}
    </Page>
  );
}

interface CardProps {
  app: ApplicationFieldsFragment;
  busy: boolean;
  onMove: (status: ApplicationStatus) => void;
  onOpen: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}

function Dates({ app, className = "" }: { app: ApplicationFieldsFragment; className?: string }) {
  const rows: [string, string | null][] = [
    ["Applied", app.appliedAt],
    ["Interview", app.interviewAt],
    ["Offer", app.offerAt],
    ["Decided", app.decidedAt],
  ];
  const shown = rows.filter(([, v]) => v);
  if (!shown.length) return null;
  return (
    <dl className={`${styles.dates} ${className}`.trim()}>
      {shown.map(([label, value]) => (
        <div key={label} data-testid={`date-${label.toLowerCase()}`}>
          <dt>{label}</dt>
          <dd>
            <time dateTime={value ?? undefined}>{formatDate(value)}</time>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** On the card: the follow-up date (marked when due) and the next interview. */
function Upcoming({ app }: { app: ApplicationFieldsFragment }) {
  const { viewer } = useViewer();
  const zone = viewer?.timezone || browserTimeZone() || "UTC";
  const now = new Date().toISOString();
  const next = app.interviews.filter((i) => i.startsAt >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (!app.followUpOn && !next) return null;
  const due = app.followUpOn != null && app.followUpOn <= today(zone);
  return (
    <ul className={styles.upcoming} aria-label="Coming up">
      {app.followUpOn ? (
        <li className={due ? styles.due : undefined} data-testid="card-follow-up">
          {due ? "Follow up now" : "Follow up"} · <time dateTime={app.followUpOn}>{formatDay(app.followUpOn)}</time>
        </li>
      ) : null}
      {next ? (
        <li data-testid="card-interview">
          Interview · <time dateTime={next.startsAt}>{formatInZone(next.startsAt, zone)}</time>
        </li>
      ) : null}
    </ul>
  );
}

function BoardCard({ app, busy, onMove, onOpen, onDragStart, onDragEnd }: CardProps) {
  const titleId = useId();
  const selectId = useId();
  const label = `${app.job.title} at ${app.job.company}`;
  return (
    <article
      className={`card ${styles.boardCard}${busy ? ` ${styles.isBusy}` : ""}`}
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
      data-testid="board-card"
      draggable={!busy}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, app.id);
        e.dataTransfer.setData("text/plain", app.id);
        e.dataTransfer.effectAllowed = "move";
        onDragStart();
      }}
      onDragEnd={onDragEnd}
    >
      <div className={styles.boardCardHead}>
        <div>
          <p className={styles.boardCardCompany}>{app.job.company}</p>
          <h3 id={titleId} className={styles.boardCardTitle}>
            <Link to={jobPath(app.job.id)}>{app.job.title}</Link>
          </h3>
        </div>
        <ScoreBadge score={app.job.matchScore} />
      </div>
      <Dates app={app} />
      <Upcoming app={app} />
      {app.notes ? <p className={styles.boardCardNotes}>{excerpt(app.notes, 90)}</p> : null}
      <div className={styles.boardCardActions}>
        <label htmlFor={selectId} className="visually-hidden">
          Move {label} to
        </label>
        {app.allowedTransitions.length ? (
          <select
            id={selectId}
            className="select-small"
            value=""
            disabled={busy}
            onChange={(e) => {
              if (e.target.value) onMove(e.target.value as ApplicationStatus);
            }}
          >
            <option value="">Move to…</option>
            {app.allowedTransitions.map((s) => (
              <option key={s} value={s}>
                {s === app.status ? `${STATUS_LABEL[s]} (next round)` : STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted small">Final</span>
        )}
        <button type="button" className="button button-small" onClick={onOpen} aria-label={`Details for ${label}`}>
          Details
        </button>
      </div>
    </article>
  );
}

function ApplicationDrawer({ app, onClose, onSaved }: { app: ApplicationFieldsFragment; onClose: () => void; onSaved: (a: ApplicationFieldsFragment) => void }) {
  return (
    <Dialog title={`${app.job.title} · ${app.job.company}`} onClose={onClose} variant="drawer">
      <div className={styles.drawerSummary}>
        <span className={`pill pill-${app.status.toLowerCase()}`}>{STATUS_LABEL[app.status]}</span>
        <ScoreBadge score={app.job.matchScore} />
        {app.job.location ? <span className="muted">{app.job.location}</span> : null}
        <Link to={jobPath(app.job.id)}>The job&apos;s page</Link>
      </div>
      <Dates app={app} className={styles.drawerDates} />
      <ApplicationSchedule app={app} onSaved={onSaved} />
      <ApplicationNotes app={app} onSaved={onSaved} />
      <h3 className="section-title">History</h3>
      <ol className={styles.timeline} aria-label="Status history">
        {app.history.map((h, i) => (
          <li key={i}>
            <span className={`${styles.dot} ${styles[`dot-${h.toStatus.toLowerCase()}`]}`} aria-hidden="true" />
            <div>
              <strong>{h.fromStatus ? `${STATUS_LABEL[h.fromStatus]} → ${STATUS_LABEL[h.toStatus]}` : `Added as ${STATUS_LABEL[h.toStatus]}`}</strong>
              <time className="muted" dateTime={h.changedAt}>
                {formatDateTime(h.changedAt)}
              </time>
            </div>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
