/** Where you are (role, target; the level is the profile's) and your career context (time, budget,
 * stress, how you like to learn): what goals are suggested and adapted against. One form, one Save. */
import { useRef, useState, type FormEvent, type MutableRefObject } from "react";
import { Link } from "react-router";
import { CareerContextUpdateDocument, CareerSettingsDocument, JourneyPageDocument, JourneyUpdateDocument } from "../api/career";
import { Page } from "../components/Page";
import { ChipInput, commitChips, FormErrors, SelectField, Spinner, SubmitButton, TextArea, TextField } from "../components/ui";
import type { CareerContextFieldsFragment, CareerStage, ExperienceLevel, JourneyFieldsFragment, LearningFormat } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { FORMATS, formatDay, scale, today } from "../lib/career";
import { useGql } from "../lib/data";
import { labelOf, LEVELS } from "../lib/format";
import { errorMessage } from "../lib/graphql";
import { useViewer } from "../lib/viewer";
import styles from "./CareerContextPage.module.css";
import { framed } from "../components/framed";
import { FRAMES } from "../lib/frames";

const STAGE_FROM_LEVEL: Record<string, CareerStage> = { JUNIOR: "ENTRY", MID: "MID", SENIOR: "SENIOR", LEAD: "LEAD" };

/** Each part of the form saves itself and says whether it was saved. */
type Savers = MutableRefObject<Record<string, () => Promise<boolean>>>;

export function CareerContextPage() {
  const query = useGql(CareerSettingsDocument, {});
  const data = query.data?.viewer ?? null;
  const error = query.error ? errorMessage(query.error) : null;

  return (
    <Page {...framed(FRAMES.context)}>
      {error ? <FormErrors messages={[error]} /> : null}
      {data == null ? (
        error ? null : <Spinner label="Loading your context…" />
      ) : (
        <CareerForm level={data.experienceLevel} journey={data.journey} context={data.careerContext} />
      )}
    </Page>
  );
}

function CareerForm({ level, journey, context }: { level: ExperienceLevel; journey: JourneyFieldsFragment | null; context: CareerContextFieldsFragment | null }) {
  const savers: Savers = useRef({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setBusy(true);
    try {
      const results = [];
      for (const part of Object.values(savers.current)) results.push(await part());
      setSaved(results.every(Boolean));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.careerForm} onSubmit={save} noValidate aria-label="Career context">
      <JourneyForm journey={journey} level={level} savers={savers} />
      <ContextForm context={context} savers={savers} />
      <div className="form-actions">
        <SubmitButton busy={busy} label="Save" />
        <span className="save-state" role="status" aria-live="polite">
          {saved ? <span className="saved">✓ Saved</span> : null}
        </span>
      </div>
    </form>
  );
}

const JOURNEY_FIELDS = ["currentRole", "currentCompany", "careerStage", "targetRole", "roleStartedOn"];

function JourneyForm({ journey, level, savers }: { journey: JourneyFieldsFragment | null; level: ExperienceLevel; savers: Savers }) {
  const { viewer } = useViewer();
  const [role, setRole] = useState(journey?.currentRole ?? "");
  const [company, setCompany] = useState(journey?.currentCompany ?? "");
  const [target, setTarget] = useState(journey?.targetRole ?? "");
  const [since, setSince] = useState<string>(journey?.roleStartedOn ?? "");
  const form = useMutationForm(JourneyUpdateDocument, {
    fields: JOURNEY_FIELDS,
    invalidates: [CareerSettingsDocument, JourneyPageDocument],
  });
  const fieldErrors = form.fieldErrors;
  // the stage is the profile's level, set on the profile only
  const stage = STAGE_FROM_LEVEL[level] ?? "MID";
  savers.current.journey = async () =>
    !!(await form.submit({ input: { currentRole: role, currentCompany: company, careerStage: stage, targetRole: target || null, roleStartedOn: since || null } }));

  return (
    <section className="card form" aria-labelledby="where-you-are">
      <h2 className="section-title" id="where-you-are">
        Where you are
      </h2>
      <FormErrors messages={form.general} />
      <div className="form-row row-top">
        <TextField label="Current role" value={role} onChange={(e) => setRole(e.target.value)} error={fieldErrors.currentRole} placeholder="Software Engineer" />
        <TextField label="Company" value={company} onChange={(e) => setCompany(e.target.value)} error={fieldErrors.currentCompany} />
      </div>
      <div className="form-row row-top">
        <div className="field">
          <span className={styles.levelLabel}>Level</span>
          <p className={styles.level}>
            {labelOf(LEVELS, level) || "Not set"} · <Link to="/profile">set on your profile</Link>
          </p>
        </div>
        <TextField label="In this role since" type="date" max={today(viewer?.timezone)} value={since} onChange={(e) => setSince(e.target.value)} error={fieldErrors.roleStartedOn} />
      </div>
      <TextField label="Next target role" value={target} onChange={(e) => setTarget(e.target.value)} error={fieldErrors.targetRole} placeholder="Senior Software Engineer" hint="Leave empty for the usual next step." />
    </section>
  );
}

const CONTEXT_FIELDS = [
  "currentSituation", "shortTermGoals", "longTermVision", "learningPreferences", "hoursPerWeek", "budget",
  "commitments", "motivationFactors", "stressFactors", "stressLevel", "lastAssessedOn",
];
const STRESS = scale("calm", "overloaded");

function ContextForm({ context, savers }: { context: CareerContextFieldsFragment | null; savers: Savers }) {
  const [situation, setSituation] = useState(context?.currentSituation ?? "");
  const [shortTerm, setShortTerm] = useState(context?.shortTermGoals ?? "");
  const [vision, setVision] = useState(context?.longTermVision ?? "");
  const [formats, setFormats] = useState<LearningFormat[]>(context?.learningPreferences ?? []);
  const [hours, setHours] = useState(context?.hoursPerWeek != null ? String(context.hoursPerWeek) : "");
  const [budget, setBudget] = useState(context?.budget != null ? String(context.budget) : "");
  const [commitments, setCommitments] = useState(context?.commitments ?? []);
  const [commitmentText, setCommitmentText] = useState("");
  const [motivation, setMotivation] = useState(context?.motivationFactors ?? []);
  const [motivationText, setMotivationText] = useState("");
  const [stressors, setStressors] = useState(context?.stressFactors ?? []);
  const [stressText, setStressText] = useState("");
  const [stress, setStress] = useState(context?.stressLevel != null ? String(context.stressLevel) : "");
  const [assessed, setAssessed] = useState<string | null>(context?.lastAssessedOn ?? null);
  const form = useMutationForm(CareerContextUpdateDocument, {
    fields: CONTEXT_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.careerContext,
    invalidates: [CareerSettingsDocument],
    onSuccess: ({ careerContext }) => setAssessed(careerContext!.lastAssessedOn),
  });
  const fieldErrors = form.fieldErrors;

  const number = (text: string) => (text.trim() === "" ? null : Number(text));
  const toggleFormat = (value: LearningFormat, on: boolean) => setFormats((list) => (on ? [...list, value] : list.filter((f) => f !== value)));

  const input = () => {
    const allCommitments = commitChips(commitments, commitmentText);
    const allMotivation = commitChips(motivation, motivationText);
    const allStress = commitChips(stressors, stressText);
    setCommitments(allCommitments);
    setCommitmentText("");
    setMotivation(allMotivation);
    setMotivationText("");
    setStressors(allStress);
    setStressText("");
    return {
      input: {
        currentSituation: situation,
        shortTermGoals: shortTerm,
        longTermVision: vision,
        learningPreferences: formats,
        hoursPerWeek: number(hours),
        budget: number(budget),
        commitments: allCommitments,
        motivationFactors: allMotivation,
        stressFactors: allStress,
        stressLevel: number(stress),
      },
    };
  };

  savers.current.context = async () => !!(await form.submit(input()));

  return (
    <section className="card form" aria-labelledby="your-context">
      <h2 className="section-title" id="your-context">
        Your context
      </h2>
      {assessed ? <p className="muted small">Last assessed {formatDay(assessed)}.</p> : null}
      <FormErrors messages={form.general} />
      <TextArea label="Current situation" rows={2} value={situation} onChange={(e) => setSituation(e.target.value)} error={fieldErrors.currentSituation} />
      <div className="form-row row-top">
        <TextArea label="Short-term goals" rows={2} value={shortTerm} onChange={(e) => setShortTerm(e.target.value)} error={fieldErrors.shortTermGoals} />
        <TextArea label="Long-term vision" rows={2} value={vision} onChange={(e) => setVision(e.target.value)} error={fieldErrors.longTermVision} />
      </div>
      <fieldset className={styles.checkboxGroup}>
        <legend>How you like to learn</legend>
        {FORMATS.map((f) => (
          <label key={f.value} className={styles.checkbox}>
            <input type="checkbox" className="check" checked={formats.includes(f.value)} onChange={(e) => toggleFormat(f.value, e.target.checked)} />
            {f.label}
          </label>
        ))}
        {fieldErrors.learningPreferences ? <p className="field-error">{fieldErrors.learningPreferences}</p> : null}
      </fieldset>
      <div className="form-row row-top">
        <TextField label="Hours per week" type="number" min={0} max={168} step={0.5} value={hours} onChange={(e) => setHours(e.target.value)} error={fieldErrors.hoursPerWeek} />
        <TextField label="Learning budget" type="number" min={0} max={10000000} value={budget} onChange={(e) => setBudget(e.target.value)} error={fieldErrors.budget} hint="0 means free resources only." />
        <SelectField label="Stress level" value={stress} onChange={(e) => setStress(e.target.value)} options={STRESS} error={fieldErrors.stressLevel} />
      </div>
      <ChipInput label="Commitments" values={commitments} onChange={setCommitments} pending={commitmentText} onPendingChange={setCommitmentText} error={fieldErrors.commitments} placeholder="Two kids, evening classes" />
      <ChipInput label="What motivates you" values={motivation} onChange={setMotivation} pending={motivationText} onPendingChange={setMotivationText} error={fieldErrors.motivationFactors} placeholder="Building things, mentoring" />
      <ChipInput label="Stress factors" values={stressors} onChange={setStressors} pending={stressText} onPendingChange={setStressText} error={fieldErrors.stressFactors} placeholder="On-call, deadlines" />
    </section>
  );
}
