/** An application's notes, edited in place (applicationUpdate): on the board's drawer and on a job's page. */
import { useState } from "react";
import { ApplicationUpdateDocument } from "../../api/operations";
import type { ApplicationFieldsFragment, TypedDocumentString } from "../../gql/graphql";
import { useMutationForm } from "../../hooks/useMutationForm";
import { FormErrors, SubmitButton, TextArea } from "../ui";

export function ApplicationNotes({ app, rows = 7, label = "Application notes", onSaved, invalidates }: {
  app: ApplicationFieldsFragment;
  rows?: number;
  label?: string;
  onSaved?: (app: ApplicationFieldsFragment) => void;
  invalidates?: readonly TypedDocumentString<unknown, never>[];
}) {
  const [notes, setNotes] = useState(app.notes);
  const [saved, setSaved] = useState(false);
  const dirty = notes !== app.notes;
  const form = useMutationForm(ApplicationUpdateDocument, {
    fields: ["notes"],
    accepted: (payload) => !payload.errors.length && !!payload.application,
    invalidates,
    onSuccess: (payload) => {
      onSaved?.(payload.application!);
      setSaved(true);
    },
  });

  return (
    <form className="form" id="notes" aria-label={label} onSubmit={form.handle({ input: { id: app.id, notes } })}>
      <FormErrors messages={form.general} />
      <TextArea
        label="Notes"
        name="notes"
        rows={rows}
        value={notes}
        onChange={(e) => {
          setNotes(e.target.value);
          setSaved(false);
        }}
        error={form.fieldErrors.notes}
        placeholder="Contacts, salary talks, next steps…"
      />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save notes" disabled={!dirty} />
        <span className="save-state" role="status">
          {saved && !dirty ? <span className="saved">✓ Notes saved</span> : null}
        </span>
      </div>
    </form>
  );
}
