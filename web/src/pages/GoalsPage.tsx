/** Goals: create with steps, tick steps, progress bars and streaks, suggestions with their why,
 * and difficulty adaptation. */
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import {
  GoalCreateDocument,
  GoalDifficultyAdaptDocument,
  GoalsDocument,
  GoalStepToggleDocument,
  GoalSuggestionAcceptDocument,
  GoalSuggestionsGenerateDocument,
  GoalUpdateDocument,
} from "../api/career";
import { QuickLogDialog } from "../components/QuickLog";
import { Dialog, DialogActions, FormErrors, SelectField, Spinner, TextArea, TextField } from "../components/ui";
import type { GoalDifficulty, GoalDifficultyAdaptMutation, GoalFieldsFragment, GoalStatus, GoalSuggestionsGenerateMutation, LearningFormat } from "../gql/graphql";
import { DIFFICULTIES, FORMATS, formatDay, GOAL_STATUSES, labelFor, plural, PROGRESS_EVENT, today } from "../lib/career";
import { errorMessage, request, splitErrors } from "../lib/graphql";
import { useToast } from "../lib/toast";
import { useViewer } from "../lib/viewer";
import "../career.css";

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
  const [tab, setTab] = useState<Tab>("OPEN");
  const [goals, setGoals] = useState<GoalFieldsFragment[] | null>(null);
  const [streak, setStreak] = useState<{ current: number; longest: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [logging, setLogging] = useState<string | null>(null);
  const [adapting, setAdapting] = useState<{ goal: GoalFieldsFragment; adaptation: Adaptation } | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const statuses = TABS.find((t) => t.value === tab)?.statuses ?? null;
      const data = await request(GoalsDocument, { first: 100, filter: statuses ? { statuses } : null });
      if (mine !== generation.current || !data.viewer) return;
      setGoals(data.viewer.goals.edges.map((e) => e.node));
      setStreak(data.viewer.progressStreak);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(errorMessage(e));
    }
  }, [tab]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const reload = () => void load();
    window.addEventListener(PROGRESS_EVENT, reload);
    return () => window.removeEventListener(PROGRESS_EVENT, reload);
  }, [load]);

  const replace = (goal: GoalFieldsFragment) => setGoals((list) => list?.map((g) => (g.id === goal.id ? goal : g)) ?? null);

  const run = async <T,>(key: string, title: string, action: () => Promise<{ errors: readonly { message: string }[] } & T>): Promise<T | null> => {
    setBusy(key);
    try {
      const payload = await action();
      if (payload.errors.length) {
        toast.show({ kind: "error", title, body: payload.errors.map((e) => e.message).join(" ") });
        return null;
      }
      return payload;
    } catch (e) {
      toast.show({ kind: "error", title, body: errorMessage(e) });
      return null;
    } finally {
      setBusy(null);
    }
  };

  const toggle = async (goal: GoalFieldsFragment, stepId: string, done: boolean) => {
    // Optimistic: the box follows the click at once; the server's answer (or a reload) settles it.
    replace({ ...goal, steps: goal.steps.map((s) => (s.id === stepId ? { ...s, done } : s)) });
    const payload = await run(stepId, "Could not update the step", async () => (await request(GoalStepToggleDocument, { input: { id: stepId, done } })).goalStepToggle);
    if (payload?.goal) {
      replace(payload.goal);
      if (payload.goal.status === "COMPLETED" && goal.status !== "COMPLETED") toast.show({ kind: "success", title: "Goal completed", body: goal.title });
      void load();
    } else {
      void load();
    }
  };

  const setStatus = async (goal: GoalFieldsFragment, status: GoalStatus) => {
    const payload = await run(goal.id, "Could not change the goal", async () => (await request(GoalUpdateDocument, { input: { id: goal.id, status } })).goalUpdate);
    if (payload?.goal) void load();
  };

  const adapt = async (goal: GoalFieldsFragment) => {
    const payload = await run(goal.id, "Could not adapt the goal", async () => (await request(GoalDifficultyAdaptDocument, { input: { id: goal.id } })).goalDifficultyAdapt);
    if (payload?.adaptation) setAdapting({ goal, adaptation: payload.adaptation });
  };

  const applyAdaptation = async () => {
    if (!adapting) return;
    const { goal, adaptation } = adapting;
    const payload = await run("adapt", "Could not apply the change", async () =>
      (
        await request(GoalUpdateDocument, {
          input: { id: goal.id, openSteps: adaptation.suggestedSteps, targetDate: adaptation.suggestedTargetDate, difficulty: adaptation.suggestedDifficulty },
        })
      ).goalUpdate,
    );
    if (payload?.goal) {
      setAdapting(null);
      replace(payload.goal);
      toast.show({ kind: "success", title: "Goal adapted", body: goal.title });
    }
  };

  const suggest = async () => {
    const payload = await run("suggest", "Could not suggest goals", async () => (await request(GoalSuggestionsGenerateDocument, { input: { limit: 3 } })).goalSuggestionsGenerate);
    if (payload) setSuggestions(payload.suggestions);
  };

  const accept = async (s: Suggestion) => {
    const payload = await run(`accept-${s.title}`, "Could not accept the suggestion", async () =>
      (
        await request(GoalSuggestionAcceptDocument, {
          input: { title: s.title, why: s.why, difficulty: s.difficulty, targetDate: s.targetDate, learningFormat: s.learningFormat, steps: s.steps },
        })
      ).goalSuggestionAccept,
    );
    if (payload?.goal) {
      setSuggestions((list) => list?.filter((x) => x !== s) ?? null);
      toast.show({ kind: "success", title: "Goal set", body: `${s.title} — recorded as a decision in your journal.` });
      void load();
    }
  };

  return (
    <section className="page" aria-labelledby="goals-title">
      <header className="page-header">
        <div>
          <h1 id="goals-title">Goals</h1>
          <p className="muted">
            Small goals with clear steps. Progress comes from the steps you tick or the points you log.
            {streak ? (
              <>
                {" "}
                <span className="streak" data-testid="progress-streak">
                  Streak: {plural(streak.current, "day")}
                  {streak.longest > streak.current ? ` (best ${streak.longest})` : ""}
                </span>
              </>
            ) : null}
          </p>
        </div>
        <div className="header-actions">
          <button type="button" className="button" onClick={() => void suggest()} disabled={busy === "suggest"}>
            {busy === "suggest" ? "Thinking…" : "Suggest goals"}
          </button>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New goal
          </button>
        </div>
      </header>

      {suggestions ? (
        <section className="card suggestions" aria-labelledby="suggestions-title">
          <header className="section-head">
            <h2 id="suggestions-title">Suggested for you</h2>
            <button type="button" className="link-button" onClick={() => setSuggestions(null)}>
              Hide
            </button>
          </header>
          {suggestions.length === 0 ? <p className="muted">No suggestions right now.</p> : null}
          <ul className="suggestion-list">
            {suggestions.map((s) => (
              <li key={s.title} className="suggestion">
                <div>
                  <h3>{s.title}</h3>
                  <p className="why">{s.why}</p>
                  <p className="muted small">
                    {labelFor(DIFFICULTIES, s.difficulty)} · {labelFor(FORMATS, s.learningFormat)} · {plural(s.weeks, "week")} · by {formatDay(s.targetDate)}
                  </p>
                  <ol className="suggestion-steps">
                    {s.steps.map((step) => (
                      <li key={step}>{step}</li>
                    ))}
                  </ol>
                </div>
                <button type="button" className="button button-primary button-small" disabled={busy === `accept-${s.title}`} onClick={() => void accept(s)}>
                  Accept
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="tabs" role="tablist" aria-label="Which goals">
        {TABS.map((t) => (
          <button key={t.value} type="button" role="tab" aria-selected={tab === t.value} className={tab === t.value ? "tab active" : "tab"} onClick={() => setTab(t.value)}>
            {t.label}
          </button>
        ))}
      </div>

      {error ? (
        <div className="form-errors" role="alert">
          <p>
            {error}{" "}
            <button type="button" className="link-button" onClick={() => void load()}>
              Retry
            </button>
          </p>
        </div>
      ) : null}

      {goals == null ? (
        error ? null : <Spinner label="Loading goals…" />
      ) : goals.length === 0 ? (
        <div className="empty card">
          <h2>{tab === "DONE" ? "Nothing finished yet" : "No goals yet"}</h2>
          <p className="muted">Set a goal with a few steps, or let the companion suggest one that fits your time and history.</p>
        </div>
      ) : (
        <ul className="goal-list" aria-label="Goals">
          {goals.map((goal) => (
            <li key={goal.id}>
              <GoalCard
                goal={goal}
                busy={busy}
                onToggle={(stepId, done) => void toggle(goal, stepId, done)}
                onLog={() => setLogging(goal.id)}
                onAdapt={() => void adapt(goal)}
                onStatus={(status) => void setStatus(goal, status)}
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
            void load();
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
                <button type="button" className="button button-primary" disabled={busy === "adapt"} onClick={() => void applyAdaptation()}>
                  Apply
                </button>
              </>
            )
          }
        >
          <p className="why">{adapting.adaptation.why}</p>
          {adapting.adaptation.kind !== "KEEP" ? (
            <dl className="facts">
              <dt>Difficulty</dt>
              <dd>
                {labelFor(DIFFICULTIES, adapting.goal.difficulty)} → {labelFor(DIFFICULTIES, adapting.adaptation.suggestedDifficulty)}
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
    </section>
  );
}

interface CardProps {
  goal: GoalFieldsFragment;
  busy: string | null;
  onToggle: (stepId: string, done: boolean) => void;
  onLog: () => void;
  onAdapt: () => void;
  onStatus: (status: GoalStatus) => void;
}

function GoalCard({ goal, busy, onToggle, onLog, onAdapt, onStatus }: CardProps) {
  const open = goal.status === "ACTIVE" || goal.status === "PAUSED";
  const minutes = goal.recentProgress.reduce((sum, e) => sum + e.minutes, 0);
  return (
    <article className={`card goal-card goal-${goal.status.toLowerCase()}`} aria-labelledby={`goal-${goal.id}`} data-testid="goal-card">
      <header className="goal-head">
        <div>
          <h2 id={`goal-${goal.id}`} className="goal-title">
            {goal.title}
          </h2>
          <p className="muted small">
            <span className={`pill pill-goal-${goal.status.toLowerCase()}`}>{labelFor(GOAL_STATUSES, goal.status)}</span> {labelFor(DIFFICULTIES, goal.difficulty)}
            {goal.learningFormat ? ` · ${labelFor(FORMATS, goal.learningFormat)}` : ""}
            {goal.targetDate ? ` · target ${formatDay(goal.targetDate)}` : ""}
            {goal.completedOn ? ` · completed ${formatDay(goal.completedOn)}` : ""}
          </p>
        </div>
        {goal.streak.current > 0 ? <span className="streak-badge" title={`Best: ${plural(goal.streak.longest, "day")}`}>{plural(goal.streak.current, "day")} in a row</span> : null}
      </header>
      {goal.why ? <p className="why">{goal.why}</p> : null}
      <div className="progress-row">
        <div className="progress" role="progressbar" aria-label={`${goal.title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={goal.progress}>
          <span style={{ width: `${goal.progress}%` }} />
        </div>
        <span className="progress-value">{goal.progress}%</span>
      </div>
      {goal.steps.length ? (
        <ul className="steps" aria-label={`Steps of ${goal.title}`}>
          {goal.steps.map((step) => (
            <li key={step.id}>
              <label className={step.done ? "step step-done" : "step"}>
                <input type="checkbox" checked={step.done} disabled={busy === step.id || goal.status === "ABANDONED"} onChange={(e) => onToggle(step.id, e.target.checked)} />
                <span>{step.title}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <footer className="goal-foot">
        <span className="muted small">
          {goal.recentProgress.length ? `${goal.recentProgress.length} recent ${goal.recentProgress.length === 1 ? "entry" : "entries"}, ${minutes} min` : "No progress logged yet"}
        </span>
        <div className="goal-actions">
          {open ? (
            <>
              <button type="button" className="button button-small" onClick={onLog}>
                Log progress
              </button>
              <button type="button" className="button button-small" disabled={busy === goal.id} onClick={onAdapt}>
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
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFieldErrors({});
    setGeneral([]);
    try {
      const data = await request(GoalCreateDocument, {
        input: {
          title,
          why,
          targetDate: targetDate || null,
          difficulty,
          learningFormat: format || null,
          steps: steps.map((s) => s.trim()).filter(Boolean),
        },
      });
      const payload = data.goalCreate;
      if (payload.errors.length || !payload.goal) {
        const split = splitErrors(payload.errors, CREATE_FIELDS);
        setFieldErrors(split.byField);
        setGeneral(split.general);
        return;
      }
      onCreated(payload.goal);
    } catch (e) {
      setGeneral([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New goal"
      onClose={onClose}
      footer={<DialogActions formId="goal-create-form" busy={busy} label="Create goal" busyLabel="Creating…" onCancel={onClose} />}
    >
      <form id="goal-create-form" className="form" onSubmit={submit} noValidate aria-label="New goal">
        <FormErrors messages={general} />
        <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={fieldErrors.title} placeholder="Get comfortable with system design" autoFocus />
        <TextArea label="Why" rows={2} value={why} onChange={(e) => setWhy(e.target.value)} error={fieldErrors.why} placeholder="What it unlocks for you" />
        <div className="form-row row-top">
          <TextField label="Target date" type="date" min={today(viewer?.timezone)} value={targetDate} onChange={(e) => setTargetDate(e.target.value)} error={fieldErrors.targetDate} />
          <SelectField label="Difficulty" value={difficulty} onChange={(e) => setDifficulty(e.target.value as GoalDifficulty)} options={DIFFICULTIES} error={fieldErrors.difficulty} />
          <SelectField label="Learning format" value={format} onChange={(e) => setFormat(e.target.value as LearningFormat | "")} options={[{ value: "", label: "—" }, ...FORMATS]} error={fieldErrors.learningFormat} />
        </div>
        <fieldset className="steps-editor">
          <legend>Steps</legend>
          {steps.map((step, i) => (
            <div key={i} className="step-input">
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
      </form>
    </Dialog>
  );
}
