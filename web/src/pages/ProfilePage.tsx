/** Profile: what jobs are scored against. */
import { useEffect, useMemo, useState } from "react";
import { JOB_QUERIES } from "../api/affects";
import { ProfileUpdateDocument } from "../api/operations";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { ResumeCard } from "../components/ResumeCard";
import { ChipInput, commitChips, FormErrors, SelectField, Spinner, SubmitButton } from "../components/ui";
import type { ExperienceLevel, ViewerFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { LEVELS } from "../lib/format";
import { useViewer } from "../lib/viewer";

const FIELDS = ["skills", "preferredLocations", "experienceLevel", "timezone"];

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

function timeZones(...extra: string[]): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const all = new Set([...zones, ...extra.filter(Boolean)]);
  if (!all.has("UTC")) all.add("UTC");
  return [...all].sort((a, b) => a.localeCompare(b));
}

export function ProfilePage() {
  const { viewer, error, reload } = useViewer();
  if (!viewer) {
    if (!error) return <Spinner label="Loading your profile…" />;
    return (
      <section className="page page-narrow">
        <LoadError error={error} onRetry={reload} />
      </section>
    );
  }
  return <ProfileForm viewer={viewer} />;
}

function ProfileForm({ viewer }: { viewer: ViewerFieldsFragment }) {
  const { setViewer } = useViewer();
  const detected = browserTimeZone();
  // A profile still on the default UTC gets the browser's zone preselected.
  const suggestZone = viewer.timezone === "UTC" && detected !== "UTC";
  const [skills, setSkills] = useState(viewer.skills);
  const [skillText, setSkillText] = useState("");
  const [locations, setLocations] = useState(viewer.preferredLocations);
  const [locationText, setLocationText] = useState("");
  const [level, setLevel] = useState<ExperienceLevel>(viewer.experienceLevel);
  const [timezone, setTimezone] = useState(suggestZone ? detected : viewer.timezone);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const zones = useMemo(() => timeZones(viewer.timezone, detected), [viewer.timezone, detected]);

  const pendingSkills = commitChips(skills, skillText);
  const pendingLocations = commitChips(locations, locationText);
  const dirty =
    JSON.stringify(pendingSkills) !== JSON.stringify(viewer.skills) ||
    JSON.stringify(pendingLocations) !== JSON.stringify(viewer.preferredLocations) ||
    level !== viewer.experienceLevel ||
    timezone !== viewer.timezone;

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
      setSavedAt(new Date());
    },
  });
  const fieldErrors = form.fieldErrors;

  const input = () => {
    setSkills(pendingSkills);
    setSkillText("");
    setLocations(pendingLocations);
    setLocationText("");
    return { input: { skills: pendingSkills, preferredLocations: pendingLocations, experienceLevel: level, timezone } };
  };

  return (
    <Page
      title="Profile"
      width="narrow"
      intro={<>            Signed in as <strong>{viewer.username}</strong> · {viewer.email}. Jobs are scored against this profile; saving re-scores all of them.</>}
    >
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
          else setLevel(user.experienceLevel);
        }}
      />
    </Page>
  );
}
