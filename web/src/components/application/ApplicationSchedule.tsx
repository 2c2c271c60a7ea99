/**
 * An application's follow-up date (set, change, clear; only while it is Applied, as the API
 * requires) and its interview appointments (add, edit,
 * delete; the date-time is entered on the clock of the viewer's time zone). Shown in the board's
 * details drawer and on the job page; every change refetches what shows the application.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { APPLICATION_QUERIES } from "../../api/affects";
import { InterviewAppointmentCreateDocument, InterviewAppointmentDeleteDocument, InterviewAppointmentUpdateDocument } from "../../api/delivery";
import { ApplicationUpdateDocument } from "../../api/operations";
import type { AppointmentKind, ApplicationFieldsFragment, InterviewFieldsFragment } from "../../gql/graphql";
import { useMutationForm } from "../../hooks/useMutationForm";
import { formatDay, today } from "../../lib/career";
import { invalidate, mutation } from "../../lib/data";
import { APPOINTMENT_KINDS, formatInZone, fromLocalInput, toLocalInput } from "../../lib/delivery";
import { browserTimeZone, labelOf } from "../../lib/format";
import { useViewer } from "../../lib/viewer";
import { FormErrors, SelectField, SubmitButton, TextArea, TextField } from "../ui";
import styles from "./ApplicationSchedule.module.css";

const SCHEDULE_QUERIES = APPLICATION_QUERIES;

function useViewerZone(): string {
  const { viewer } = useViewer();
  return viewer?.timezone || browserTimeZone() || "UTC";
}

export function ApplicationSchedule({ app, onSaved }: { app: ApplicationFieldsFragment; onSaved?: (app: ApplicationFieldsFragment) => void }) {
  // Kept here: the form starts afresh (keyed by the date) whenever the date changes, here or elsewhere.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className={styles.schedule}>
      {app.status === "APPLIED" ? (
        <FollowUpForm key={`${app.id}:${app.followUpOn ?? ""}`} app={app} onSaved={onSaved} saved={saved} setSaved={setSaved} />
      ) : (
        <p className="muted small" data-testid="follow-up-note">
          A follow-up date is for applications waiting for an answer (Applied): it is set a week after you apply.
        </p>
      )}
      <Interviews app={app} />
    </div>
  );
}

interface FollowUpProps {
  app: ApplicationFieldsFragment;
  onSaved?: (app: ApplicationFieldsFragment) => void;
  saved: string | null;
  setSaved: (message: string | null) => void;
}

function FollowUpForm({ app, onSaved, saved, setSaved }: FollowUpProps) {
  const client = useQueryClient();
  const zone = useViewerZone();
  const [day, setDay] = useState(app.followUpOn ?? "");
  const form = useMutationForm(ApplicationUpdateDocument, {
    fields: ["followUpOn"],
    accepted: (payload) => !payload.errors.length && !!payload.application,
    onSuccess: (payload) => {
      setSaved(payload.application!.followUpOn ? "Follow-up saved" : "Follow-up cleared");
      onSaved?.(payload.application!);
      void invalidate(client, SCHEDULE_QUERIES);
    },
  });
  const due = app.followUpOn != null && app.followUpOn <= today(zone);
  const label = `${app.job.title} at ${app.job.company}`;
  return (
    <form className={styles.followUp} aria-label="Follow-up" noValidate onSubmit={form.handle({ input: { id: app.id, followUpOn: day || null } })}>
      <FormErrors messages={form.general} />
      <div className={styles.inline}>
        <TextField
          label="Follow up on"
          type="date"
          value={day}
          onChange={(e) => {
            setDay(e.target.value);
            setSaved(null);
          }}
          error={form.fieldErrors.followUpOn}
          hint={
            app.followUpOn
              ? due
                ? `Due: it was set for ${formatDay(app.followUpOn)}.`
                : `A reminder comes on ${formatDay(app.followUpOn)}.`
              : "No follow-up set."
          }
        />
        <SubmitButton busy={form.busy} label="Save date" primary={false} disabled={day === (app.followUpOn ?? "")} />
        <button
          type="button"
          className="button"
          disabled={form.busy || !app.followUpOn}
          onClick={() => {
            setDay("");
            void form.submit({ input: { id: app.id, followUpOn: null } });
          }}
          aria-label={`Clear the follow-up of ${label}`}
        >
          Clear
        </button>
      </div>
      <span className="save-state" role="status">
        {saved ? <span className="saved">{saved}</span> : null}
      </span>
    </form>
  );
}

function Interviews({ app }: { app: ApplicationFieldsFragment }) {
  const zone = useViewerZone();
  const [editing, setEditing] = useState<InterviewFieldsFragment | "new" | null>(null);
  const remove = useMutationForm(InterviewAppointmentDeleteDocument, {
    errorToast: "Could not delete the interview",
    invalidates: SCHEDULE_QUERIES,
    successToast: () => ({ title: "Interview deleted" }),
  });
  const sorted = [...app.interviews].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <section className={styles.interviews} aria-label="Interviews">
      <div className={styles.head}>
        <h3 className="section-title">Interviews</h3>
        {editing !== "new" ? (
          <button type="button" className="button button-small" onClick={() => setEditing("new")}>
            Add interview
          </button>
        ) : null}
      </div>
      {editing === "new" ? <InterviewForm applicationId={app.id} interview={null} zone={zone} onDone={() => setEditing(null)} /> : null}
      {sorted.length === 0 && editing !== "new" ? <p className="muted small">No interview scheduled.</p> : null}
      <ul className={styles.list} aria-label={`Interviews for ${app.job.title}`}>
        {sorted.map((interview) => (
          <li key={interview.id} data-testid="interview">
            {editing !== "new" && editing?.id === interview.id ? (
              <InterviewForm applicationId={app.id} interview={interview} zone={zone} onDone={() => setEditing(null)} />
            ) : (
              <InterviewCard
                interview={interview}
                zone={zone}
                busy={remove.pending?.input.id === interview.id}
                onEdit={() => setEditing(interview)}
                onDelete={() => void remove.submit({ input: { id: interview.id } })}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InterviewCard({ interview, zone, busy, onEdit, onDelete }: { interview: InterviewFieldsFragment; zone: string; busy: boolean; onEdit: () => void; onDelete: () => void }) {
  const kind = labelOf(APPOINTMENT_KINDS, interview.kind);
  const when = formatInZone(interview.startsAt, zone);
  const theirs = interview.timezone && interview.timezone !== zone ? formatInZone(interview.startsAt, interview.timezone) : null;
  return (
    <article className={styles.card} aria-label={`${kind} interview on ${when}`}>
      <p className={styles.when}>
        <strong>{when}</strong> · {interview.durationMinutes} min · <span className="pill pill-interview">{kind}</span>
      </p>
      {theirs ? (
        <p className="muted small">
          {theirs} in {interview.timezone}
        </p>
      ) : null}
      {interview.location ? <p className="small">Where: {interview.location}</p> : null}
      {interview.link ? (
        <p className="small">
          <a href={interview.link} target="_blank" rel="noreferrer noopener">
            Join link<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      ) : null}
      {interview.notes ? <p className={`small ${styles.notes}`}>{interview.notes}</p> : null}
      <div className={styles.actions}>
        <button type="button" className="button button-small" onClick={onEdit} aria-label={`Edit the ${kind.toLowerCase()} interview on ${when}`}>
          Edit
        </button>
        <button type="button" className="button button-small button-ghost-danger" onClick={onDelete} disabled={busy} aria-label={`Delete the ${kind.toLowerCase()} interview on ${when}`}>
          Delete
        </button>
      </div>
    </article>
  );
}

const INTERVIEW_FIELDS = ["startsAt", "timezone", "durationMinutes", "kind", "location", "link", "notes"];

interface InterviewDraft {
  startsAt: string;
  durationMinutes: number;
  kind: AppointmentKind;
  location: string;
  link: string;
  notes: string;
  timezone: string;
}

function InterviewForm({ applicationId, interview, zone, onDone }: { applicationId: string; interview: InterviewFieldsFragment | null; zone: string; onDone: () => void }) {
  const client = useQueryClient();
  const formId = useId();
  const [local, setLocal] = useState(interview ? toLocalInput(interview.startsAt, zone) : "");
  const [duration, setDuration] = useState(String(interview?.durationMinutes ?? 60));
  const [kind, setKind] = useState<AppointmentKind>(interview?.kind ?? "OTHER");
  const [location, setLocation] = useState(interview?.location ?? "");
  const [link, setLink] = useState(interview?.link ?? "");
  const [notes, setNotes] = useState(interview?.notes ?? "");
  const form = useMutationForm(
    (draft: InterviewDraft) =>
      interview
        ? mutation(InterviewAppointmentUpdateDocument)({ input: { id: interview.id, ...draft } })
        : mutation(InterviewAppointmentCreateDocument)({ input: { applicationId, ...draft } }),
    {
      fields: INTERVIEW_FIELDS,
      accepted: (payload) => !payload.errors.length && !!payload.interview,
      onSuccess: () => {
        void invalidate(client, SCHEDULE_QUERIES);
        onDone();
      },
      successToast: () => ({ title: interview ? "Interview saved" : "Interview added" }),
    },
  );
  const build = (): InterviewDraft | undefined => {
    const startsAt = local ? fromLocalInput(local, zone) : null;
    const minutes = Number(duration);
    const bad: Record<string, string> = {};
    if (!startsAt) bad.startsAt = "Enter a date and time.";
    if (!Number.isInteger(minutes) || minutes <= 0) bad.durationMinutes = "Enter the length in whole minutes.";
    if (Object.keys(bad).length) {
      form.setFieldErrors(bad);
      return undefined;
    }
    return { startsAt: startsAt!, timezone: zone, durationMinutes: minutes, kind, location: location.trim(), link: link.trim(), notes };
  };
  const errors = form.fieldErrors;
  return (
    <form id={formId} className={`form ${styles.form}`} aria-label={interview ? "Edit interview" : "Add interview"} noValidate onSubmit={form.handle(build)}>
      <FormErrors messages={form.general} />
      <div className="form-row row-top">
        <TextField
          label="Date and time"
          type="datetime-local"
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          error={errors.startsAt ?? errors.timezone}
          hint={`On the clock of ${zone} (your time zone).`}
          required
          autoFocus
        />
        <TextField label="Length (minutes)" type="number" min={5} max={1440} step={5} inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value)} error={errors.durationMinutes} />
      </div>
      <div className="form-row row-top">
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as AppointmentKind)} options={APPOINTMENT_KINDS} error={errors.kind} />
        <TextField label="Location" value={location} onChange={(e) => setLocation(e.target.value)} error={errors.location} placeholder="Office address, or “Phone”" />
      </div>
      <TextField label="Link" type="url" value={link} onChange={(e) => setLink(e.target.value)} error={errors.link} placeholder="https://meet.example.com/…" />
      <TextArea label="Notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} error={errors.notes} placeholder="Who you meet, what to prepare…" />
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <SubmitButton busy={form.busy} label={interview ? "Save interview" : "Add interview"} />
      </div>
    </form>
  );
}
