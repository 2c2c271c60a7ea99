/** Decisions journal: record a decision now, its outcome, lessons and satisfaction later;
 * decisions still open after 30 days are listed first. */
import { useState } from "react";
import { DecisionOutcomeRecordDocument, DecisionRecordDocument, DecisionsDocument, JourneyPageDocument } from "../api/career";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { FormDialog, FormErrors, SelectField, Spinner, SubmitButton, TextArea, TextField } from "../components/ui";
import type { DecisionFieldsFragment, DecisionKind } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { DECISION_KINDS } from "../lib/career";
import { useGql } from "../lib/data";
import { formatDate, labelOf } from "../lib/format";
import styles from "./DecisionsPage.module.css";
import { FRAMES } from "../lib/frames";

const RECORD_FIELDS = ["kind", "context", "choice", "decidedAt"];
const OUTCOME_FIELDS = ["outcome", "lessons", "satisfaction"];
/** What a decision shows up in: the journal and the journey's timeline. */
const DECISION_QUERIES = [DecisionsDocument, JourneyPageDocument];

export function DecisionsPage() {
  const query = useGql(DecisionsDocument, { first: 100, filter: null });
  const [closing, setClosing] = useState<DecisionFieldsFragment | null>(null);
  const decisions = query.data ? (query.data.viewer?.decisions.edges.map((e) => e.node) ?? null) : null;
  const total = query.data?.viewer?.decisions.totalCount ?? 0;

  const overdue = decisions?.filter((d) => d.isOverdue) ?? [];

  return (
    <Page {...FRAMES.decisions}>

      <DecisionForm />

      <LoadError error={query.error} onRetry={query.refetch} />

      {overdue.length ? (
        <section className={`card ${styles.noticeCard}`} aria-labelledby="overdue-title">
          <h2 id="overdue-title">Waiting for an outcome</h2>
          <p className="muted small">Decided more than 30 days ago and still open. How did they turn out?</p>
          <ul className={styles.decisionList} aria-label="Open decisions older than 30 days">
            {overdue.map((d) => (
              <li key={d.id}>
                <DecisionItem decision={d} onClose={() => setClosing(d)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="journal-title">
        <h2 id="journal-title" className="section-title">
          Journal {decisions ? <span className="count">{total}</span> : null}
        </h2>
        {decisions == null ? (
          query.error ? null : <Spinner label="Loading decisions…" />
        ) : decisions.length === 0 ? (
          <p className="muted empty card">No decisions yet. Accepted goal suggestions and offers land here too.</p>
        ) : (
          <ul className={styles.decisionList} aria-label="Decisions">
            {decisions.map((d) => (
              <li key={d.id}>
                <DecisionItem decision={d} onClose={() => setClosing(d)} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {closing ? (
        <OutcomeDialog decision={closing} onClose={() => setClosing(null)} />
      ) : null}
    </Page>
  );
}

function DecisionItem({ decision, onClose }: { decision: DecisionFieldsFragment; onClose: () => void }) {
  return (
    <article className={`card ${styles.decision}`} aria-label={decision.choice}>
      <header className={styles.decisionHead}>
        <span className="pill">{labelOf(DECISION_KINDS, decision.kind)}</span>
        <time className="muted small" dateTime={decision.decidedAt}>
          {formatDate(decision.decidedAt)}
        </time>
        {decision.isOverdue ? <span className={styles.overdueFlag}>Outcome open 30+ days</span> : null}
      </header>
      <p className={styles.decisionChoice}>{decision.choice}</p>
      {decision.context ? <p className="muted small">{decision.context}</p> : null}
      {decision.goal ? <p className="small">Goal: {decision.goal.title}</p> : null}
      {decision.isOpen ? (
        <button type="button" className="button button-small" onClick={onClose}>
          Record outcome
        </button>
      ) : (
        <dl className="facts">
          <dt>Outcome</dt>
          <dd>{decision.outcome}</dd>
          {decision.lessons ? (
            <>
              <dt>Lessons</dt>
              <dd>{decision.lessons}</dd>
            </>
          ) : null}
          {decision.satisfaction != null ? (
            <>
              <dt>Satisfaction</dt>
              <dd>
                <span data-testid="satisfaction">{decision.satisfaction}</span>/10
              </dd>
            </>
          ) : null}
        </dl>
      )}
    </article>
  );
}

function DecisionForm() {
  const [kind, setKind] = useState<DecisionKind>("SKILL_FOCUS");
  const [context, setContext] = useState("");
  const [choice, setChoice] = useState("");
  const form = useMutationForm(DecisionRecordDocument, {
    fields: RECORD_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.decision,
    invalidates: DECISION_QUERIES,
    onSuccess: () => {
      setContext("");
      setChoice("");
    },
    successToast: ({ decision }) => ({ title: "Decision recorded", body: decision!.choice }),
  });
  const fieldErrors = form.fieldErrors;

  return (
    <form className="card form" onSubmit={form.handle({ input: { kind, context, choice } })} noValidate aria-label="Record a decision">
      <h2 className="section-title">Record a decision</h2>
      <FormErrors messages={form.general} />
      <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as DecisionKind)} options={DECISION_KINDS} error={fieldErrors.kind} />
      <TextArea label="What led to it" rows={2} value={context} onChange={(e) => setContext(e.target.value)} error={fieldErrors.context} placeholder="The situation, the options you had" />
      <TextField label="Your choice" value={choice} onChange={(e) => setChoice(e.target.value)} error={fieldErrors.choice} placeholder="Focus on Kubernetes this quarter" />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Record decision" />
      </div>
    </form>
  );
}

function OutcomeDialog({ decision, onClose }: { decision: DecisionFieldsFragment; onClose: () => void }) {
  const [outcome, setOutcome] = useState("");
  const [lessons, setLessons] = useState("");
  const [satisfaction, setSatisfaction] = useState("7");
  const form = useMutationForm(DecisionOutcomeRecordDocument, {
    fields: OUTCOME_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.decision,
    invalidates: DECISION_QUERIES,
    onSuccess: onClose,
    successToast: () => ({ title: "Outcome recorded", body: decision.choice }),
  });
  const fieldErrors = form.fieldErrors;
  const input = { id: decision.id, outcome, lessons: lessons || null, satisfaction: satisfaction ? Number(satisfaction) : null };

  return (
    <FormDialog
      title="How did it turn out?"
      label="Save outcome"
      busyLabel="Saving…"
      busy={form.busy}
      onSubmit={form.handle({ input })}
      onClose={onClose}
      formLabel="Decision outcome"
    >
      <p className="muted">{decision.choice}</p>
      <FormErrors messages={form.general} />
      <TextArea label="Outcome" rows={2} value={outcome} onChange={(e) => setOutcome(e.target.value)} error={fieldErrors.outcome} autoFocus />
      <TextArea label="Lessons learned" rows={2} value={lessons} onChange={(e) => setLessons(e.target.value)} error={fieldErrors.lessons} />
      <TextField label="Satisfaction (1–10)" type="number" min={1} max={10} inputMode="numeric" value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)} error={fieldErrors.satisfaction} />
    </FormDialog>
  );
}
