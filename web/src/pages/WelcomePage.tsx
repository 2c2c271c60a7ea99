/**
 * The setup a new account starts on (sign-up leads here; returning people never are): three short
 * steps, each skippable — profile basics, the résumé and its suggestions, a first saved search or
 * job — with the progress shown, ending on the board. What is done comes from the first-run
 * checklist (the same source as Today's "Get started"); the step is in the address (`?step=2`).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { JOB_QUERIES } from "../api/affects";
import { CareerSettingsDocument, JourneyPageDocument, JourneyUpdateDocument } from "../api/career";
import { FirstRunChecklistDocument, TodayDocument } from "../api/guidance";
import { ProfileUpdateDocument } from "../api/operations";
import { Page } from "../components/Page";
import { ResumeCard } from "../components/ResumeCard";
import { ChipInput, commitChips, FormErrors, SelectField, Spinner, SubmitButton, TextField } from "../components/ui";
import type { ExperienceLevel, ViewerFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, mutation, useGql } from "../lib/data";
import { LEVELS } from "../lib/format";
import { useViewer } from "../lib/viewer";
import { JobFormDialog } from "./JobForm";
import { SearchForm } from "./SourcesPage";
import styles from "./WelcomePage.module.css";
import { FRAMES } from "../lib/frames";

/** The steps, and the checklist items each one completes. */
const STEPS = [
  { title: "Profile basics", done: ["profile"] },
  { title: "Your résumé", done: ["resume"] },
  { title: "First search or job", done: ["saved_search", "job"] },
] as const;

const PROGRESS = [FirstRunChecklistDocument, TodayDocument];

export function WelcomePage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const step = Math.min(Math.max(Number(params.get("step")) || 1, 1), STEPS.length);
  const checklist = useGql(FirstRunChecklistDocument, {});
  const done = new Set(checklist.data?.viewer?.firstRunChecklist.items.filter((i) => i.done).map((i) => i.key) ?? []);
  const stepDone = (index: number) => STEPS[index].done.some((key) => done.has(key));

  const go = (next: number) => {
    void invalidate(client, PROGRESS);
    if (next > STEPS.length) navigate("/board");
    else setParams({ step: String(next) });
  };
  const finish = () => go(STEPS.length + 1);

  return (
    <Page {...FRAMES.welcome}>
      <ol className={styles.progress} aria-label="Setup progress">
        {STEPS.map((s, index) => (
          <li
            key={s.title}
            className={`${styles.step} ${index + 1 === step ? styles.current : ""} ${stepDone(index) ? styles.done : ""}`}
            aria-current={index + 1 === step ? "step" : undefined}
            data-testid={`setup-step-${index + 1}`}
            data-done={stepDone(index)}
          >
            <span className={styles.marker} aria-hidden="true">
              {stepDone(index) ? "✓" : index + 1}
            </span>
            <span>
              {s.title}
              {stepDone(index) ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        ))}
      </ol>
      <p className={`muted small ${styles.counter}`} role="status">
        Step {step} of {STEPS.length}: {STEPS[step - 1].title}
      </p>

      {step === 1 ? <ProfileStep onDone={() => go(2)} /> : null}
      {step === 2 ? <ResumeStep /> : null}
      {step === 3 ? <FirstSourceStep onDone={finish} /> : null}

      <div className={styles.footer}>
        {step > 1 ? (
          <button type="button" className="button" onClick={() => go(step - 1)}>
            Back
          </button>
        ) : (
          <span />
        )}
        <div className={styles.footerEnd}>
          {step < STEPS.length ? (
            <button type="button" className={step === 2 ? "button button-primary" : "button"} onClick={() => go(step + 1)}>
              {step === 2 ? "Continue" : "Skip this step"}
            </button>
          ) : (
            <button type="button" className="button" onClick={finish}>
              Skip and go to my board
            </button>
          )}
        </div>
      </div>
    </Page>
  );
}

const PROFILE_FIELDS = ["skills", "preferredLocations", "experienceLevel", "yearsExperience", "currentRole", "targetRole"];

interface ProfileBasics {
  profile: { skills: string[]; preferredLocations: string[]; experienceLevel: ExperienceLevel; yearsExperience?: number };
  journey: { currentRole?: string; targetRole?: string } | null;
}

/** The profile, then (when a role is given) the journey: one form, the errors of both on their fields. */
async function saveBasics({ profile, journey }: ProfileBasics) {
  const saved = await mutation(ProfileUpdateDocument)({ input: profile });
  if (saved.errors.length || !journey) return saved;
  const role = await mutation(JourneyUpdateDocument)({ input: journey });
  return { user: saved.user, errors: role.errors };
}

function ProfileStep({ onDone }: { onDone: () => void }) {
  const { viewer } = useViewer();
  if (!viewer) return <Spinner label="Loading your profile…" />;
  return <ProfileBasicsForm viewer={viewer} onDone={onDone} />;
}

function ProfileBasicsForm({ viewer, onDone }: { viewer: ViewerFieldsFragment; onDone: () => void }) {
  const { setViewer } = useViewer();
  const [role, setRole] = useState("");
  const [target, setTarget] = useState("");
  const [skills, setSkills] = useState(viewer.skills);
  const [skillText, setSkillText] = useState("");
  const [locations, setLocations] = useState(viewer.preferredLocations);
  const [locationText, setLocationText] = useState("");
  const [level, setLevel] = useState<ExperienceLevel>(viewer.experienceLevel);
  const [years, setYears] = useState(viewer.yearsExperience == null ? "" : String(viewer.yearsExperience));
  const form = useMutationForm(saveBasics, {
    fields: PROFILE_FIELDS,
    invalidates: [...JOB_QUERIES, CareerSettingsDocument, JourneyPageDocument],
    onSuccess: ({ user }) => {
      if (user) setViewer(user);
      onDone();
    },
  });
  const fieldErrors = form.fieldErrors;

  const input = (): ProfileBasics => {
    const pendingSkills = commitChips(skills, skillText);
    const pendingLocations = commitChips(locations, locationText);
    setSkills(pendingSkills);
    setSkillText("");
    setLocations(pendingLocations);
    setLocationText("");
    const total = years.trim() === "" ? undefined : Number(years);
    const journey = { ...(role.trim() ? { currentRole: role.trim() } : {}), ...(target.trim() ? { targetRole: target.trim() } : {}) };
    return {
      profile: { skills: pendingSkills, preferredLocations: pendingLocations, experienceLevel: level, ...(total === undefined ? {} : { yearsExperience: total }) },
      journey: Object.keys(journey).length ? journey : null,
    };
  };

  return (
    <form className="card form" onSubmit={form.handle(input)} noValidate aria-label="Profile basics">
      <h2 className="section-title">Profile basics</h2>
      <p className="muted small">Jobs are scored against these; goals and advice use your role.</p>
      <FormErrors messages={form.general} />
      <div className="form-row row-top">
        <TextField label="Current role" value={role} onChange={(e) => setRole(e.target.value)} error={fieldErrors.currentRole} placeholder="Software Engineer" />
        <TextField label="Target role" value={target} onChange={(e) => setTarget(e.target.value)} error={fieldErrors.targetRole} placeholder="Senior Software Engineer" />
      </div>
      <ChipInput
        id="setup-skills"
        label="Skills"
        values={skills}
        onChange={setSkills}
        pending={skillText}
        onPendingChange={setSkillText}
        error={fieldErrors.skills}
        hint="Press Enter or type a comma after each skill."
        placeholder="Python, PostgreSQL, Kubernetes"
      />
      <ChipInput
        id="setup-locations"
        label="Preferred locations"
        values={locations}
        onChange={setLocations}
        pending={locationText}
        onPendingChange={setLocationText}
        error={fieldErrors.preferredLocations}
        hint="Cities or regions you would work in. Remote jobs always match."
        placeholder="Berlin, Amsterdam"
      />
      <div className="form-row row-top">
        <SelectField id="setup-level" label="Experience level" value={level} onChange={(e) => setLevel(e.target.value as ExperienceLevel)} options={LEVELS} error={fieldErrors.experienceLevel} />
        <TextField
          id="setup-years"
          label="Years of experience"
          type="number"
          min={0}
          max={60}
          step={0.5}
          value={years}
          onChange={(e) => setYears(e.target.value)}
          error={fieldErrors.yearsExperience}
        />
      </div>
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Save and continue" />
      </div>
    </form>
  );
}

function ResumeStep() {
  const { setViewer } = useViewer();
  return <ResumeCard onAccepted={(user) => setViewer(user)} />;
}

function FirstSourceStep({ onDone }: { onDone: () => void }) {
  const [addingJob, setAddingJob] = useState(false);
  return (
    <div className="card">
      <h2 className="section-title">Your first search or job</h2>
      <p className="muted small">Save a search and new postings are fetched and scored every day — or add a job you already found.</p>
      <SearchForm onSaved={onDone} />
      <p className={styles.or}>
        <span className="muted">or</span>{" "}
        <button type="button" className="button" onClick={() => setAddingJob(true)}>
          Add a job you found
        </button>
      </p>
      {addingJob ? <JobFormDialog job={null} onClose={() => setAddingJob(false)} onSaved={() => onDone()} /> : null}
    </div>
  );
}
