/** "Log progress" in seconds from any page: a button in the shell and its dialog. */
import { useEffect, useState, type FormEvent } from "react";
import { GoalProgressLogDocument, OpenGoalsDocument } from "../api/career";
import type { LearningFormat, OpenGoalsQuery } from "../gql/graphql";
import { announceProgress, FORMATS } from "../lib/career";
import { errorMessage, request, splitErrors } from "../lib/graphql";
import { useToast } from "../lib/toast";
import { Dialog, DialogActions, FormErrors, SelectField, Spinner, TextArea, TextField } from "./ui";
import "../career.css";

type OpenGoal = NonNullable<OpenGoalsQuery["viewer"]>["goals"]["edges"][number]["node"];

const FIELDS = ["goalId", "amount", "stepId", "minutes", "learningFormat", "note", "mood", "energy"];
const SCALE = [
  { value: "", label: "—" },
  { value: "1", label: "1 · low" },
  { value: "2", label: "2" },
  { value: "3", label: "3" },
  { value: "4", label: "4" },
  { value: "5", label: "5 · high" },
];

export function QuickLogButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small quick-log-button" onClick={() => setOpen(true)}>
        <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
        Log progress
      </button>
      {open ? <QuickLogDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function QuickLogDialog({ goalId, onClose }: { goalId?: string; onClose: () => void }) {
  const toast = useToast();
  const [goals, setGoals] = useState<OpenGoal[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState(goalId ?? "");
  const [amount, setAmount] = useState("");
  const [stepId, setStepId] = useState("");
  const [minutes, setMinutes] = useState("");
  const [format, setFormat] = useState<LearningFormat | "">("");
  const [note, setNote] = useState("");
  const [mood, setMood] = useState("");
  const [energy, setEnergy] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    request(OpenGoalsDocument)
      .then((data) => {
        if (!live) return;
        const list = data.viewer?.goals.edges.map((e) => e.node) ?? [];
        setGoals(list);
        setSelected((current) => current || list[0]?.id || "");
      })
      .catch((e) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  const goal = goals?.find((g) => g.id === selected) ?? null;
  const openSteps = goal?.steps.filter((s) => !s.done) ?? [];
  const stepped = (goal?.steps.length ?? 0) > 0;

  useEffect(() => {
    setStepId("");
    setAmount("");
    setFormat(goal?.learningFormat ?? "");
  }, [goal?.id, goal?.learningFormat]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!goal) return;
    setBusy(true);
    setFieldErrors({});
    setGeneral([]);
    const number = (text: string) => (text.trim() === "" ? null : Number(text));
    try {
      const data = await request(GoalProgressLogDocument, {
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
      });
      const payload = data.goalProgressLog;
      if (payload.errors.length || !payload.goal) {
        const split = splitErrors(payload.errors, FIELDS);
        setFieldErrors(split.byField);
        setGeneral(split.general);
        return;
      }
      announceProgress();
      toast.show({
        kind: "success",
        title: "Progress logged",
        body: payload.goal.status === "COMPLETED" ? `${payload.goal.title} is complete — well done!` : `${payload.goal.title}: ${payload.goal.progress}%`,
      });
      onClose();
    } catch (e) {
      setGeneral([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Log progress"
      onClose={onClose}
      footer={<DialogActions formId="quick-log-form" busy={busy} disabled={!goal} label="Log progress" busyLabel="Logging…" onCancel={onClose} />}
    >
      {goals == null ? (
        loadError ? <FormErrors messages={[loadError]} /> : <Spinner label="Loading your goals…" />
      ) : goals.length === 0 ? (
        <p className="muted">You have no active goals yet. Create one on the Goals page first.</p>
      ) : (
        <form id="quick-log-form" className="form" onSubmit={submit} noValidate aria-label="Log progress">
          <FormErrors messages={general} />
          <SelectField
            label="Goal"
            value={selected}
            onChange={(e) => setSelected(e.target.value)}
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
