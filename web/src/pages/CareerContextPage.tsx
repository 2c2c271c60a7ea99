/** Where you are (role, stage, target) and your career context (time, budget, stress,
 * how you like to learn): what goals are suggested and adapted against. */
import { useState } from "react";
import { Link } from "react-router";
import { CareerContextUpdateDocument, CareerSettingsDocument, JourneyPageDocument, JourneyUpdateDocument } from "../api/career";
import { Page } from "../components/Page";
import { ChipInput, commitChips, FormErrors, SelectField, Spinner, SubmitButton, TextArea, TextField } from "../components/ui";
import type { CareerContextFieldsFragment, CareerStage, JourneyFieldsFragment, LearningFormat } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { FORMATS, formatDay, scale, STAGES, today } from "../lib/career";
import { useGql } from "../lib/data";
import { errorMessage } from "../lib/graphql";
import { useViewer } from "../lib/viewer";
import styles from "./CareerContextPage.module.css";

const STAGE_FROM_LEVEL: Record<string, CareerStage> = { JUNIOR: "ENTRY", MID: "MID", SENIOR: "SENIOR", LEAD: "LEAD" };

export function CareerContextPage() {
  const query = useGql(CareerSettingsDocument, {});
  const data = query.data?.viewer ?? null;
  const error = query.error ? errorMessage(query.error) : null;

  return (
    <Page
      title="Career context"
      width="narrow"
      intro={<>            Where you are and what you can give right now. Goal suggestions and adaptations use this; see the <Link to="/journey">journey</Link> for where it leads.</>}
    >
      {error ? <FormErrors messages={[error]} /> : null}
      {data == null ? (
        error ? null : <Spinner label="Loading your context…" />
      ) : (
        <>
          <JourneyForm journey={data.journey} defaultStage={STAGE_FROM_LEVEL[data.experienceLevel] ?? "MID"} />
          <ContextForm context={data.careerContext} />
        </>
      )}
    </Page>
  );
}

const JOURNEY_FIELDS = ["currentRole", "currentCompany", "careerStage", "targetRole", "roleStartedOn"];

function JourneyForm({ journey, defaultStage }: { journey: JourneyFieldsFragment | null; defaultStage: CareerStage }) {
  const { viewer } = useViewer();
  const [role, setRole] = useState(journey?.currentRole ?? "");
  const [company, setCompany] = useState(journey?.currentCompany ?? "");
  const [stage, setStage] = useState<CareerStage>(journey?.careerStage ?? defaultStage);
  const [target, setTarget] = useState(journey?.targetRole ?? "");
  const [since, setSince] = useState<string>(journey?.roleStartedOn ?? "");
  const [saved, setSaved] = useState(false);
  const form = useMutationForm(JourneyUpdateDocument, {
    fields: JOURNEY_FIELDS,
    invalidates: [CareerSettingsDocument, JourneyPageDocument],
    onSuccess: () => setSaved(true),
  });
  const fieldErrors = form.fieldErrors;
  const input = () => {
    setSaved(false);
    return { input: { currentRole: role, currentCompany: company, careerStage: stage, targetRole: target || null, roleStartedOn: since || null } };
  };

  return (
    <form className="card form" onSubmit={form.handle(input)} noValidate aria-label="Where you are">
      <h2 className="section-title">Where you are</h2>
      <FormErrors messages={form.general} />
      <div className="form-row row-top">
        <TextField label="Current role" value={role} onChange={(e) => setRole(e.target.value)} error={fieldErrors.currentRole} placeholder="Software Engineer" />
        <TextField label="Company" value={company} onChange={(e) => setCompany(e.target.value)} error={fieldErrors.currentCompany} />
      </div>
      <div className="form-row row-top">
        <SelectField label="Career stage" value={stage} onChange={(e) => setStage(e.target.value as CareerStage)} options={STAGES} error={fieldErrors.careerStage} />
        <TextField label="In this role since" type="date" max={today(viewer?.timezone)} value={since} onChange={(e) => setSince(e.target.value)} error={fieldErrors.roleStartedOn} />
      </div>
      <TextField label="Next target role" value={target} onChange={(e) => setTarget(e.target.value)} error={fieldErrors.targetRole} placeholder="Senior Software Engineer" hint="Leave empty for the usual next step." />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save role" />
        <span className="save-state" role="status" aria-live="polite">
          {saved ? <span className="saved">✓ Saved</span> : null}
        </span>
      </div>
    </form>
  );
}

const CONTEXT_FIELDS = [
  "currentSituation", "shortTermGoals", "longTermVision", "learningPreferences", "hoursPerWeek", "budget",
  "commitments", "motivationFactors", "stressFactors", "stressLevel", "lastAssessedOn",
];
const STRESS = scale("calm", "overloaded");

function ContextForm({ context }: { context: CareerContextFieldsFragment | null }) {
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
  const [saved, setSaved] = useState(false);
  const form = useMutationForm(CareerContextUpdateDocument, {
    fields: CONTEXT_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.careerContext,
    invalidates: [CareerSettingsDocument],
    onSuccess: ({ careerContext }) => {
      setAssessed(careerContext!.lastAssessedOn);
      setSaved(true);
    },
  });
  const fieldErrors = form.fieldErrors;

  const number = (text: string) => (text.trim() === "" ? null : Number(text));
  const toggleFormat = (value: LearningFormat, on: boolean) => setFormats((list) => (on ? [...list, value] : list.filter((f) => f !== value)));

  const input = () => {
    setSaved(false);
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

  return (
    <form className="card form" onSubmit={form.handle(input)} noValidate aria-label="Career context">
      <h2 className="section-title">Your context</h2>
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
        <TextField label="Learning budget" type="number" min={0} value={budget} onChange={(e) => setBudget(e.target.value)} error={fieldErrors.budget} hint="0 means free resources only." />
        <SelectField label="Stress level" value={stress} onChange={(e) => setStress(e.target.value)} options={STRESS} error={fieldErrors.stressLevel} />
      </div>
      <ChipInput label="Commitments" values={commitments} onChange={setCommitments} pending={commitmentText} onPendingChange={setCommitmentText} error={fieldErrors.commitments} placeholder="Two kids, evening classes" />
      <ChipInput label="What motivates you" values={motivation} onChange={setMotivation} pending={motivationText} onPendingChange={setMotivationText} error={fieldErrors.motivationFactors} placeholder="Building things, mentoring" />
      <ChipInput label="Stress factors" values={stressors} onChange={setStressors} pending={stressText} onPendingChange={setStressText} error={fieldErrors.stressFactors} placeholder="On-call, deadlines" />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save context" />
        <span className="save-state" role="status" aria-live="polite">
          {saved ? <span className="saved">✓ Saved</span> : null}
        </span>
      </div>
    </form>
  );
}
