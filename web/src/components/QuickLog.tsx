/** "Log progress" in seconds from any page: a button in the shell and its dialog. */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { GOAL_QUERIES } from "../api/affects";
import { GoalProgressLogDocument, OpenGoalsDocument } from "../api/career";
import type { LearningFormat } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { FORMATS, scale } from "../lib/career";
import { useGql } from "../lib/data";
import { errorMessage } from "../lib/graphql";
import { Dialog, DialogActions, FormErrors, PlusIcon, SelectField, Spinner, TextArea, TextField } from "./ui";


const FIELDS = ["goalId", "amount", "stepId", "minutes", "learningFormat", "note", "mood", "energy"];
const SCALE = scale("low", "high");

export function QuickLogButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        <PlusIcon size={14} />
        <span className="quicklog-label">Log progress</span>
      </button>
      {open ? <QuickLogDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function QuickLogDialog({ goalId, onClose }: { goalId?: string; onClose: () => void }) {
  const query = useGql(OpenGoalsDocument, {});
  const goals = query.data ? (query.data.viewer?.goals.edges.map((e) => e.node) ?? []) : null;
  const loadError = query.error ? errorMessage(query.error) : null;
  const [chosen, setChosen] = useState(goalId ?? "");
  const selected = chosen || goals?.[0]?.id || "";
  const [amount, setAmount] = useState("");
  const [stepId, setStepId] = useState("");
  const [minutes, setMinutes] = useState("");
  const [format, setFormat] = useState<LearningFormat | "">("");
  const [note, setNote] = useState("");
  const [mood, setMood] = useState("");
  const [energy, setEnergy] = useState("");
  const form = useMutationForm(GoalProgressLogDocument, {
    fields: FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.goal,
    invalidates: GOAL_QUERIES, // open pages show the progress at once
    successToast: ({ goal: logged }) => ({
      title: "Progress logged",
      body: logged!.status === "COMPLETED" ? `${logged!.title} is complete — well done!` : `${logged!.title}: ${logged!.progress}%`,
    }),
    onSuccess: onClose,
  });
  const fieldErrors = form.fieldErrors;

  const goal = goals?.find((g) => g.id === selected) ?? null;
  const openSteps = goal?.steps.filter((s) => !s.done) ?? [];
  const stepped = (goal?.steps.length ?? 0) > 0;

  useEffect(() => {
    setStepId("");
    setAmount("");
    setFormat(goal?.learningFormat ?? "");
  }, [goal?.id, goal?.learningFormat]);

  const input = () => {
    if (!goal) return undefined;
    const number = (text: string) => (text.trim() === "" ? null : Number(text));
    return {
      input: {
        goalId: goal.id,
        amount: stepped ? null : number(amount),
        stepId: stepId || null,
        minutes: number(minutes),
        learningFormat: format || null,
        note: note.trim() || null,
        mood: number(mood),
        energy: number(energy),
      },
    };
  };

  return (
    <Dialog
      title="Log progress"
      onClose={onClose}
      footer={<DialogActions formId="quick-log-form" busy={form.busy} disabled={!goal} label="Log progress" busyLabel="Logging…" onCancel={onClose} />}
    >
      {goals == null ? (
        loadError ? <FormErrors messages={[loadError]} /> : <Spinner label="Loading your goals…" />
      ) : goals.length === 0 ? (
        <div className="empty" data-testid="empty-state">
          <p className="muted">Progress counts toward a goal, and you have no active goal yet.</p>
          <Link to="/goals?new=1" className="button button-primary" onClick={onClose}>
            Create a goal
          </Link>
        </div>
      ) : (
        <form id="quick-log-form" className="form" onSubmit={form.handle(input)} noValidate aria-label="Log progress">
          <FormErrors messages={form.general} />
          <SelectField
            label="Goal"
            value={selected}
            onChange={(e) => setChosen(e.target.value)}
            options={goals.map((g) => ({ value: g.id, label: `${g.title} (${g.progress}%)` }))}
            error={fieldErrors.goalId}
          />
          {stepped ? (
            <SelectField
              label="Step finished"
              value={stepId}
              onChange={(e) => setStepId(e.target.value)}
              options={[{ value: "", label: "None — just log the time" }, ...openSteps.map((s) => ({ value: s.id, label: s.title }))]}
              error={fieldErrors.stepId}
              hint="This goal's progress comes from its steps."
            />
          ) : (
            <TextField label="Progress points" type="number" min={0} max={100} inputMode="numeric" placeholder="e.g. 10" value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldErrors.amount} hint="Added to the goal's progress (0–100)." />
          )}
          <div className="form-row row-top">
            <TextField label="Minutes" type="number" min={0} max={1440} inputMode="numeric" placeholder="e.g. 30" value={minutes} onChange={(e) => setMinutes(e.target.value)} error={fieldErrors.minutes} />
            <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value as LearningFormat | "")} options={[{ value: "", label: "—" }, ...FORMATS]} error={fieldErrors.learningFormat} />
          </div>
          <TextArea label="Note" rows={2} placeholder="What did you do? Anything in the way?" value={note} onChange={(e) => setNote(e.target.value)} error={fieldErrors.note} />
          <div className="form-row row-top">
            <SelectField label="Mood" value={mood} onChange={(e) => setMood(e.target.value)} options={SCALE} error={fieldErrors.mood} />
            <SelectField label="Energy" value={energy} onChange={(e) => setEnergy(e.target.value)} options={SCALE} error={fieldErrors.energy} />
          </div>
        </form>
      )}
    </Dialog>
  );
}
