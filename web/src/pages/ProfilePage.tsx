/** Profile: what jobs are scored against. */
import { useEffect, useMemo, useState } from "react";
import { JOB_QUERIES } from "../api/affects";
import { ProfileUpdateDocument } from "../api/operations";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { LanguagesEditor, SkillYearsEditor, type LanguageRow, type SkillYearsRow } from "../components/ProfileExtras";
import { ResumeCard } from "../components/ResumeCard";
import { ChipInput, commitChips, FormErrors, SelectField, Spinner, SubmitButton, TextField } from "../components/ui";
import type { ExperienceLevel, ViewerFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { browserTimeZone, LEVELS, timeZones } from "../lib/format";
import { FRAMES } from "../lib/frames";
import { useViewer } from "../lib/viewer";

const FIELDS = ["skills", "preferredLocations", "experienceLevel", "timezone", "languages", "skillYears", "yearsExperience"];

const languageRows = (v: ViewerFieldsFragment): LanguageRow[] => v.languages.map(({ language, level }) => ({ language, level }));
const yearRows = (v: ViewerFieldsFragment): SkillYearsRow[] => v.skillYears.map(({ skill, years }) => ({ skill, years }));
const yearsText = (v: ViewerFieldsFragment): string => (v.yearsExperience == null ? "" : String(v.yearsExperience));

export function ProfilePage() {
  const { viewer, error, reload } = useViewer();
  // The header shows at once; who is signed in and the form once the profile has loaded.
  return (
    <Page {...FRAMES.profile}>
      {viewer ? <ProfileForm viewer={viewer} /> : error ? <LoadError error={error} onRetry={reload} /> : <Spinner label="Loading your profile…" />}
    </Page>
  );
}

function ProfileForm({ viewer }: { viewer: ViewerFieldsFragment }) {
  const { setViewer } = useViewer();
  const detected = browserTimeZone() || "UTC";
  // A profile still on the default UTC gets the browser's zone preselected.
  const suggestZone = viewer.timezone === "UTC" && detected !== "UTC";
  const [skills, setSkills] = useState(viewer.skills);
  const [skillText, setSkillText] = useState("");
  const [locations, setLocations] = useState(viewer.preferredLocations);
  const [locationText, setLocationText] = useState("");
  const [level, setLevel] = useState<ExperienceLevel>(viewer.experienceLevel);
  const [timezone, setTimezone] = useState(suggestZone ? detected : viewer.timezone);
  const [languages, setLanguages] = useState(languageRows(viewer));
  const [skillYears, setSkillYears] = useState(yearRows(viewer));
  const [years, setYears] = useState(yearsText(viewer));
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const zones = useMemo(() => timeZones(viewer.timezone, detected), [viewer.timezone, detected]);

  const pendingSkills = commitChips(skills, skillText);
  const pendingLocations = commitChips(locations, locationText);
  const dirty =
    JSON.stringify(pendingSkills) !== JSON.stringify(viewer.skills) ||
    JSON.stringify(pendingLocations) !== JSON.stringify(viewer.preferredLocations) ||
    level !== viewer.experienceLevel ||
    timezone !== viewer.timezone ||
    JSON.stringify(languages) !== JSON.stringify(languageRows(viewer)) ||
    JSON.stringify(skillYears) !== JSON.stringify(yearRows(viewer)) ||
    years !== yearsText(viewer);

  useEffect(() => {
    if (dirty) setSavedAt(null);
  }, [dirty]);

  const form = useMutationForm(ProfileUpdateDocument, {
    fields: FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.user,
    invalidates: JOB_QUERIES, // saving re-scores every job
    onSuccess: ({ user }) => {
      setViewer(user!);
      setSkills(user!.skills);
      setLocations(user!.preferredLocations);
      setLevel(user!.experienceLevel);
      setTimezone(user!.timezone);
      setLanguages(languageRows(user!));
      setSkillYears(yearRows(user!));
      setYears(yearsText(user!));
      setSavedAt(new Date());
    },
  });
  const fieldErrors = form.fieldErrors;

  const input = () => {
    setSkills(pendingSkills);
    setSkillText("");
    setLocations(pendingLocations);
    setLocationText("");
    const total = years.trim() === "" ? undefined : Number(years);
    return {
      input: {
        skills: pendingSkills,
        preferredLocations: pendingLocations,
        experienceLevel: level,
        timezone,
        languages,
        skillYears,
        ...(total === undefined ? {} : { yearsExperience: total }),
      },
    };
  };

  return (
    <>
      <p className="muted">
        Signed in as <strong>{viewer.username}</strong> · {viewer.email}.
      </p>
      <form className="card form" onSubmit={form.handle(input)} noValidate aria-label="Profile">
        <FormErrors messages={form.general} />
        <ChipInput
          id="profile-skills"
          label="Skills"
          values={skills}
          onChange={setSkills}
          pending={skillText}
          onPendingChange={setSkillText}
          error={fieldErrors.skills}
          hint="Press Enter or type a comma after each skill, e.g. Python, PostgreSQL, Kubernetes."
          placeholder="Python, PostgreSQL, Kubernetes"
        />
        <ChipInput
          id="profile-locations"
          label="Preferred locations"
          values={locations}
          onChange={setLocations}
          pending={locationText}
          onPendingChange={setLocationText}
          error={fieldErrors.preferredLocations}
          hint="Cities or regions you would work in. Remote jobs always match."
          placeholder="Berlin, Amsterdam"
        />
        <div className="form-row">
          <SelectField
            id="profile-level"
            label="Experience level"
            value={level}
            onChange={(e) => setLevel(e.target.value as ExperienceLevel)}
            options={LEVELS}
            error={fieldErrors.experienceLevel}
          />
          <SelectField
            id="profile-timezone"
            label="Time zone"
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            options={zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
            error={fieldErrors.timezone}
            hint={suggestZone ? `Detected from your browser (${detected}). Save to keep it.` : undefined}
          />
        </div>
        <LanguagesEditor rows={languages} onChange={setLanguages} error={fieldErrors.languages} />
        <SkillYearsEditor rows={skillYears} skills={pendingSkills} onChange={setSkillYears} error={fieldErrors.skillYears} />
        <TextField
          id="profile-years-experience"
          label="Total years of experience"
          type="number"
          min={0}
          max={60}
          step={0.5}
          value={years}
          onChange={(e) => setYears(e.target.value)}
          error={fieldErrors.yearsExperience}
          hint="Scored against asks like “5+ years of experience”; a résumé can fill it in."
        />
        <div className="form-actions">
          <SubmitButton busy={form.busy} label="Save profile" />
          <span className="save-state" role="status" aria-live="polite">
            {savedAt && !dirty ? <span className="saved">✓ Saved — your jobs are being re-scored.</span> : dirty ? <span className="muted">Unsaved changes</span> : null}
          </span>
        </div>
      </form>
      <ResumeCard
        onAccepted={(user, kind, value) => {
          // Saved by the server already: keep the form (and any unsaved edits) in step with it.
          setViewer(user);
          if (kind === "SKILL_ADD") setSkills((current) => commitChips(current, value));
          else if (kind === "LOCATION") setLocations(user.preferredLocations);
          else if (kind === "LANGUAGE") setLanguages(languageRows(user));
          else if (kind === "SKILL_YEARS") {
            setSkillYears(yearRows(user));
            setSkills(user.skills);
          } else if (kind === "YEARS_EXPERIENCE") setYears(yearsText(user));
          else setLevel(user.experienceLevel);
        }}
      />
    </>
  );
}
