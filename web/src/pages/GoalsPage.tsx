/** Goals: create with steps, tick steps, progress bars and streaks, suggestions with their why,
 * and difficulty adaptation. `/goals/:goalId` selects that goal (its tab, in view, marked). */
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { GOAL_QUERIES } from "../api/affects";
import {
  GoalCreateDocument,
  GoalDifficultyAdaptDocument,
  GoalsDocument,
  GoalStepToggleDocument,
  GoalSuggestionAcceptDocument,
  GoalSuggestionsGenerateDocument,
  GoalUpdateDocument,
} from "../api/career";
import { EmptyState } from "../components/EmptyState";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { QuickLogDialog } from "../components/QuickLog";
import { Dialog, FormDialog, FormErrors, SelectField, Spinner, TextArea, TextField } from "../components/ui";
import type { GoalDifficulty, GoalDifficultyAdaptMutation, GoalFieldsFragment, GoalsQuery, GoalStatus, GoalSuggestionsGenerateMutation, LearningFormat } from "../gql/graphql";
import { useAddressFlag } from "../hooks/useAddressFlag";
import { useMutationForm } from "../hooks/useMutationForm";
import { DIFFICULTIES, FORMATS, formatDay, GOAL_STATUSES, plural, today } from "../lib/career";
import { labelOf } from "../lib/format";
import { FRAMES } from "../lib/frames";
import { invalidate, updateCached, useGql } from "../lib/data";
import { useToast } from "../lib/toast";
import { useViewer } from "../lib/viewer";
import styles from "./GoalsPage.module.css";

type Suggestion = GoalSuggestionsGenerateMutation["goalSuggestionsGenerate"]["suggestions"][number];
type Adaptation = NonNullable<GoalDifficultyAdaptMutation["goalDifficultyAdapt"]["adaptation"]>;
type Tab = "OPEN" | "DONE" | "ALL";

const TABS: { value: Tab; label: string; statuses: GoalStatus[] | null }[] = [
  { value: "OPEN", label: "Active", statuses: ["ACTIVE", "PAUSED"] },
  { value: "DONE", label: "Finished", statuses: ["COMPLETED", "ABANDONED"] },
  { value: "ALL", label: "All", statuses: null },
];

export function GoalsPage() {
  const toast = useToast();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { goalId } = useParams();
  const [tab, setTab] = useState<Tab>("OPEN");
  const [creating, setCreating] = useAddressFlag("new");
  const [logging, setLogging] = useState<string | null>(null);
  const [adapting, setAdapting] = useState<{ goal: GoalFieldsFragment; adaptation: Adaptation } | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const statuses = TABS.find((t) => t.value === tab)?.statuses ?? null;
  const query = useGql(GoalsDocument, { first: 100, filter: statuses ? { statuses } : null }, { placeholderData: keepPreviousData });
  const goals = query.data?.viewer?.goals.edges.map((e) => e.node) ?? null;
  const streak = query.data?.viewer?.progressStreak ?? null;
  const changed = () => void invalidate(client, GOAL_QUERIES);
  const replace = (goal: GoalFieldsFragment) =>
    updateCached(client, GoalsDocument, (data: GoalsQuery) =>
      data.viewer ? { ...data, viewer: { ...data.viewer, goals: { ...data.viewer.goals, edges: data.viewer.goals.edges.map((e) => (e.node.id === goal.id ? { node: goal } : e)) } } } : data,
    );

  // The goal of the address: in the open tab, or else among all goals; otherwise not there.
  const shown = query.isPlaceholderData ? null : goals;
  const sought = useRef<string | null>(null);
  useEffect(() => {
    if (!goalId || !shown) return;
    if (shown.some((g) => g.id === goalId)) sought.current = goalId;
    else if (tab !== "ALL" && sought.current !== goalId) {
      sought.current = goalId;
      setTab("ALL");
    } else if (tab === "ALL") {
      toast.show({ kind: "error", title: "Could not open the goal", body: "There is no such goal." });
      navigate("/goals", { replace: true });
    }
  }, [goalId, shown, tab, toast, navigate]);

  const toggleStep = useMutationForm(GoalStepToggleDocument, { errorToast: "Could not update the step" });
  const setStatus = useMutationForm(GoalUpdateDocument, { errorToast: "Could not change the goal", onSuccess: changed });
  const adapt = useMutationForm(GoalDifficultyAdaptDocument, { errorToast: "Could not adapt the goal" });
  const applyAdaptation = useMutationForm(GoalUpdateDocument, {
    errorToast: "Could not apply the change",
    onSuccess: ({ goal }) => {
      setAdapting(null);
      replace(goal!);
      changed();
    },
    successToast: ({ goal }) => ({ title: "Goal adapted", body: goal!.title }),
  });
  const suggest = useMutationForm(GoalSuggestionsGenerateDocument, {
    errorToast: "Could not suggest goals",
    onSuccess: (payload) => setSuggestions(payload.suggestions),
  });
  const accept = useMutationForm(GoalSuggestionAcceptDocument, {
    errorToast: "Could not accept the suggestion",
    onSuccess: (_, { input }) => {
      setSuggestions((list) => list?.filter((x) => x.title !== input.title) ?? null);
      changed();
    },
    successToast: (_, { input }) => ({ title: "Goal set", body: `${input.title} — recorded as a decision in your journal.` }),
  });
  const busy =
    toggleStep.pending?.input.id ??
    setStatus.pending?.input.id ??
    adapt.pending?.input.id ??
    (applyAdaptation.busy ? "adapt" : suggest.busy ? "suggest" : accept.pending ? `accept-${accept.pending.input.title}` : null);

  const toggle = async (goal: GoalFieldsFragment, stepId: string, done: boolean) => {
    // Optimistic: the box follows the click at once; the server's answer (or a reload) settles it.
    replace({ ...goal, steps: goal.steps.map((s) => (s.id === stepId ? { ...s, done } : s)) });
    const payload = await toggleStep.submit({ input: { id: stepId, done } });
    if (payload?.goal) {
      replace(payload.goal);
      if (payload.goal.status === "COMPLETED" && goal.status !== "COMPLETED") toast.show({ kind: "success", title: "Goal completed", body: goal.title });
    }
    changed();
  };

  const startAdapting = async (goal: GoalFieldsFragment) => {
    const payload = await adapt.submit({ input: { id: goal.id } });
    if (payload?.adaptation) setAdapting({ goal, adaptation: payload.adaptation });
  };

  const acceptSuggestion = (s: Suggestion) =>
    void accept.submit({ input: { title: s.title, why: s.why, difficulty: s.difficulty, targetDate: s.targetDate, learningFormat: s.learningFormat, steps: s.steps } });

  return (
    <Page
      {...FRAMES.goals}
      actions={
        <div className="header-actions">
          <button type="button" className="button" onClick={() => void suggest.submit({ input: { limit: 3 } })} disabled={busy === "suggest"}>
            {busy === "suggest" ? "Thinking…" : "Suggest goals"}
          </button>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New goal
          </button>
        </div>
      }
    >
      {streak ? (
        <p>
          <span className={styles.streak} data-testid="progress-streak">
            Streak: {plural(streak.current, "day")}
            {streak.longest > streak.current ? ` (best ${streak.longest})` : ""}
          </span>
        </p>
      ) : null}

      {suggestions ? (
        <section className={`card ${styles.suggestions}`} aria-labelledby="suggestions-title">
          <header className={styles.sectionHead}>
            <h2 id="suggestions-title">Suggested for you</h2>
            <button type="button" className="link-button" onClick={() => setSuggestions(null)}>
              Hide
            </button>
          </header>
          {suggestions.length === 0 ? <p className="muted">No suggestions right now.</p> : null}
          <ul className={styles.suggestionList}>
            {suggestions.map((s) => (
              <li key={s.title} className="suggestion">
                <div>
                  <h3>{s.title}</h3>
                  <p className={styles.why}>{s.why}</p>
                  <p className="muted small">
                    {labelOf(DIFFICULTIES, s.difficulty)} · {labelOf(FORMATS, s.learningFormat)} · {plural(s.weeks, "week")} · by {formatDay(s.targetDate)}
                  </p>
                  <ol className={styles.suggestionSteps}>
                    {s.steps.map((step) => (
                      <li key={step}>{step}</li>
                    ))}
                  </ol>
                </div>
                <button type="button" className="button button-primary button-small" disabled={busy === `accept-${s.title}`} onClick={() => acceptSuggestion(s)}>
                  Accept
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className={styles.tabs} role="tablist" aria-label="Which goals">
        {TABS.map((t) => (
          <button key={t.value} type="button" role="tab" aria-selected={tab === t.value} className={tab === t.value ? `${styles.tab} ${styles.active}` : styles.tab} onClick={() => setTab(t.value)}>
            {t.label}
          </button>
        ))}
      </div>

      <LoadError error={query.error} onRetry={query.refetch} />

      {goals == null ? (
        query.error ? null : <Spinner label="Loading goals…" />
      ) : goals.length === 0 ? (
        <EmptyState
          title={tab === "DONE" ? "Nothing finished yet" : "No goals yet"}
          actions={
            <>
              <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                Create a goal
              </button>
              <button type="button" className="button" onClick={() => void suggest.submit({ input: { limit: 3 } })} disabled={busy === "suggest"}>
                Suggest goals for me
              </button>
            </>
          }
        >
          Create a goal, or ask for suggestions.
        </EmptyState>
      ) : (
        <ul className={styles.goalList} aria-label="Goals">
          {goals.map((goal) => (
            <li key={goal.id}>
              <GoalCard
                goal={goal}
                busy={busy}
                selected={goal.id === goalId}
                onToggle={(stepId, done) => void toggle(goal, stepId, done)}
                onLog={() => setLogging(goal.id)}
                onAdapt={() => void startAdapting(goal)}
                onStatus={(status) => void setStatus.submit({ input: { id: goal.id, status } })}
              />
            </li>
          ))}
        </ul>
      )}

      {creating ? (
        <GoalCreateDialog
          onClose={() => setCreating(false)}
          onCreated={(goal) => {
            setCreating(false);
            toast.show({ kind: "success", title: "Goal created", body: goal.title });
            setTab("OPEN");
          }}
        />
      ) : null}
      {logging ? <QuickLogDialog goalId={logging} onClose={() => setLogging(null)} /> : null}
      {adapting ? (
        <Dialog
          title="Adapt this goal?"
          onClose={() => setAdapting(null)}
          footer={
            adapting.adaptation.kind === "KEEP" ? (
              <button type="button" className="button button-primary" onClick={() => setAdapting(null)}>
                Keep as is
              </button>
            ) : (
              <>
                <button type="button" className="button" onClick={() => setAdapting(null)}>
                  Keep as is
                </button>
                <button type="button" className="button button-primary" disabled={busy === "adapt"}
                  onClick={() =>
                    void applyAdaptation.submit({
                      input: {
                        id: adapting.goal.id,
                        openSteps: adapting.adaptation.suggestedSteps,
                        targetDate: adapting.adaptation.suggestedTargetDate,
                        difficulty: adapting.adaptation.suggestedDifficulty,
                      },
                    })
                  }
                >
                  Apply
                </button>
              </>
            )
          }
        >
          <p className={styles.why}>{adapting.adaptation.why}</p>
          {adapting.adaptation.kind !== "KEEP" ? (
            <dl className="facts">
              <dt>Difficulty</dt>
              <dd>
                {labelOf(DIFFICULTIES, adapting.goal.difficulty)} → {labelOf(DIFFICULTIES, adapting.adaptation.suggestedDifficulty)}
              </dd>
              <dt>Target date</dt>
              <dd>
                {formatDay(adapting.goal.targetDate) || "none"} → {formatDay(adapting.adaptation.suggestedTargetDate) || "none"}
              </dd>
              <dt>Open steps</dt>
              <dd>
                <ol>
                  {adapting.adaptation.suggestedSteps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ol>
              </dd>
            </dl>
          ) : null}
        </Dialog>
      ) : null}
    </Page>
  );
}

interface CardProps {
  goal: GoalFieldsFragment;
  busy: string | null;
  /** The goal of the address: scrolled into view and marked. */
  selected: boolean;
  onToggle: (stepId: string, done: boolean) => void;
  onLog: () => void;
  onAdapt: () => void;
  onStatus: (status: GoalStatus) => void;
}

function GoalCard({ goal, busy, selected, onToggle, onLog, onAdapt, onStatus }: CardProps) {
  const open = goal.status === "ACTIVE" || goal.status === "PAUSED";
  const minutes = goal.recentProgress.reduce((sum, e) => sum + e.minutes, 0);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (selected) card.current?.scrollIntoView({ block: "center" });
  }, [selected]);
  return (
    <article
      ref={card}
      className={`card ${styles.goalCard} ${styles[`goal-${goal.status.toLowerCase()}`] ?? ""}${selected ? ` ${styles.goalSelected}` : ""}`}
      aria-labelledby={`goal-${goal.id}`}
      aria-current={selected ? "true" : undefined}
      data-testid="goal-card"
    >
      <header className={styles.goalHead}>
        <div>
          <h2 id={`goal-${goal.id}`} className={styles.goalTitle}>
            <Link to={`/goals/${encodeURIComponent(goal.id)}`} className={styles.goalLink} preventScrollReset>
              {goal.title}
            </Link>
          </h2>
          <p className="muted small">
            <span className="pill">{labelOf(GOAL_STATUSES, goal.status)}</span> {labelOf(DIFFICULTIES, goal.difficulty)}
            {goal.learningFormat ? ` · ${labelOf(FORMATS, goal.learningFormat)}` : ""}
            {goal.targetDate ? ` · target ${formatDay(goal.targetDate)}` : ""}
            {goal.completedOn ? ` · completed ${formatDay(goal.completedOn)}` : ""}
          </p>
        </div>
        {goal.streak.current > 0 ? <span className={styles.streakBadge} title={`Best: ${plural(goal.streak.longest, "day")}`}>{plural(goal.streak.current, "day")} in a row</span> : null}
      </header>
      {goal.why ? <p className={styles.why}>{goal.why}</p> : null}
      <div className={styles.progressRow}>
        <div className={styles.progress} role="progressbar" aria-label={`${goal.title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={goal.progress}>
          <span style={{ width: `${goal.progress}%` }} />
        </div>
        <span className={styles.progressValue}>{goal.progress}%</span>
      </div>
      {goal.steps.length ? (
        <ul className={styles.steps} aria-label={`Steps of ${goal.title}`}>
          {goal.steps.map((step) => (
            <li key={step.id}>
              <label className={step.done ? `${styles.step} ${styles.stepDone}` : styles.step}>
                <input type="checkbox" className="check" checked={step.done} disabled={busy === step.id || goal.status === "ABANDONED"} onChange={(e) => onToggle(step.id, e.target.checked)} />
                <span>{step.title}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <footer className={styles.goalFoot}>
        <span className="muted small">
          {goal.recentProgress.length ? `${goal.recentProgress.length} recent ${goal.recentProgress.length === 1 ? "entry" : "entries"}, ${minutes} min` : "No progress logged yet"}
        </span>
        <div className={styles.goalActions}>
          {open ? (
            <>
              <button type="button" className="button button-small" onClick={onLog}>
                Log progress
              </button>
              {/* aria-disabled, not disabled: the button keeps focus while the suggestion loads, so the
                  dialog gives it back on close. */}
              <button type="button" className="button button-small" aria-disabled={busy === goal.id} onClick={busy === goal.id ? undefined : onAdapt}>
                Adapt difficulty
              </button>
            </>
          ) : null}
          <select
            className="select-small"
            aria-label={`Change status of ${goal.title}`}
            value=""
            disabled={busy === goal.id}
            onChange={(e) => e.target.value && onStatus(e.target.value as GoalStatus)}
          >
            <option value="">Move to…</option>
            {GOAL_STATUSES.filter((s) => s.value !== goal.status).map((s) => (
              <option key={s.value} value={s.value}>
                {s.value === "ACTIVE" && !open ? "Reopen" : s.label}
              </option>
            ))}
          </select>
        </div>
      </footer>
    </article>
  );
}

const CREATE_FIELDS = ["title", "why", "targetDate", "difficulty", "learningFormat", "steps"];

function GoalCreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (goal: GoalFieldsFragment) => void }) {
  const { viewer } = useViewer();
  const [title, setTitle] = useState("");
  const [why, setWhy] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [difficulty, setDifficulty] = useState<GoalDifficulty>("MEDIUM");
  const [format, setFormat] = useState<LearningFormat | "">("");
  const [steps, setSteps] = useState<string[]>(["", ""]);
  const form = useMutationForm(GoalCreateDocument, {
    fields: CREATE_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.goal,
    invalidates: GOAL_QUERIES,
    onSuccess: (payload) => onCreated(payload.goal!),
  });
  const fieldErrors = form.fieldErrors;
  const input = {
    title,
    why,
    targetDate: targetDate || null,
    difficulty,
    learningFormat: format || null,
    steps: steps.map((s) => s.trim()).filter(Boolean),
  };

  return (
    <FormDialog
      title="New goal"
      label="Create goal"
      busyLabel="Creating…"
      busy={form.busy}
      onSubmit={form.handle({ input })}
      onClose={onClose}
    >
      <FormErrors messages={form.general} />
      <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={fieldErrors.title} placeholder="Get comfortable with system design" autoFocus />
      <TextArea label="Why" rows={2} value={why} onChange={(e) => setWhy(e.target.value)} error={fieldErrors.why} placeholder="What it unlocks for you" />
      <div className="form-row row-top">
        <TextField label="Target date" type="date" min={today(viewer?.timezone)} value={targetDate} onChange={(e) => setTargetDate(e.target.value)} error={fieldErrors.targetDate} />
        <SelectField label="Difficulty" value={difficulty} onChange={(e) => setDifficulty(e.target.value as GoalDifficulty)} options={DIFFICULTIES} error={fieldErrors.difficulty} />
        <SelectField label="Learning format" value={format} onChange={(e) => setFormat(e.target.value as LearningFormat | "")} options={[{ value: "", label: "—" }, ...FORMATS]} error={fieldErrors.learningFormat} />
      </div>
      <fieldset className={styles.stepsEditor}>
        <legend>Steps</legend>
        {steps.map((step, i) => (
          <div key={i} className={styles.stepInput}>
            <TextField
              label={`Step ${i + 1}`}
              value={step}
              onChange={(e) => setSteps((list) => list.map((s, j) => (j === i ? e.target.value : s)))}
              placeholder={i === 0 ? "Read the first two chapters" : ""}
            />
            {steps.length > 1 ? (
              <button type="button" className="icon-button" aria-label={`Remove step ${i + 1}`} onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}>
                ×
              </button>
            ) : null}
          </div>
        ))}
        {fieldErrors.steps ? (
          <p className="field-error" role="alert">
            {fieldErrors.steps}
          </p>
        ) : null}
        <button type="button" className="link-button" onClick={() => setSteps((list) => [...list, ""])}>
          + Add step
        </button>
      </fieldset>
    </FormDialog>
  );
}
