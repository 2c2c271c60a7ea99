/** Journey: the timeline of roles, milestones and decisions with the predicted next milestone
 * ahead of today; skills over time; goal completion history; what the history says. */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { JourneyPageDocument, MilestoneAddDocument } from "../api/career";
import { SkillsChart } from "../components/career/SkillsChart";
import { Timeline } from "../components/career/Timeline";
import { EmptyState } from "../components/EmptyState";
import { Page, Section } from "../components/Page";
import { FormDialog, FormErrors, SelectField, Spinner, TextArea, TextField } from "../components/ui";
import type { JourneyPageQuery, MilestoneKind } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { dayTime, DIFFICULTIES, formatDay, MILESTONE_KINDS, plural, STAGES, today } from "../lib/career";
import { labelOf } from "../lib/format";
import { FRAMES } from "../lib/frames";
import { keyOf, operationName, useDeferredReady, useGql } from "../lib/data";
import { errorMessage } from "../lib/graphql";
import { useToast } from "../lib/toast";
import { useViewer } from "../lib/viewer";
import styles from "./JourneyPage.module.css";

type Viewer = NonNullable<JourneyPageQuery["viewer"]>;
const POLL_MS = 2000;
const MAX_POLLS = 30;

function waitingFor(data: Viewer | null | undefined): boolean {
  // The worker computes the prediction and patterns after each change.
  const hasHistory = !!data && (!!data.journey || data.milestones.totalCount + data.decisions.totalCount + data.skillSnapshots.totalCount > 0);
  return hasHistory && (!data?.nextMilestonePrediction || !data?.learningPatterns);
}

export function JourneyPage() {
  const toast = useToast();
  const client = useQueryClient();
  const { viewer: profile } = useViewer();
  const [adding, setAdding] = useState(false);
  // Poll until the worker's results arrive, at most MAX_POLLS times after each change.
  const pollsFrom = useRef(0);
  const query = useGql(JourneyPageDocument, {}, {
    refetchInterval: ({ state }) => (waitingFor(state.data?.viewer) && state.dataUpdateCount - pollsFrom.current < MAX_POLLS ? POLL_MS : false),
  });
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        // A change anywhere (a milestone here, progress logged in the shell) invalidates the page.
        if (event.type === "updated" && event.action.type === "invalidate" && event.query.queryKey[0] === operationName(JourneyPageDocument)) {
          pollsFrom.current = event.query.state.dataUpdateCount;
        }
      }),
    [client],
  );
  const ready = useDeferredReady(!!query.data?.viewer);
  const data = ready ? (query.data?.viewer ?? null) : null;
  const error = query.error ? errorMessage(query.error) : null;
  const waiting = waitingFor(data);
  const polls = (client.getQueryState(keyOf(JourneyPageDocument, {}))?.dataUpdateCount ?? 0) - pollsFrom.current;

  const now = today(profile?.timezone);
  const header = {
    ...FRAMES.journey,
    actions: (
      <div className="header-actions">
        <Link to="/context" className="button">
          Role &amp; context
        </Link>
        <Link to="/skills" className="button">
          Skill snapshot
        </Link>
        <Link to="/decisions" className="button">
          Decisions
        </Link>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          Add milestone
        </button>
      </div>
    ),
  };
  const dialog = adding ? (
    <MilestoneDialog
      today={now}
      onClose={() => setAdding(false)}
      onAdded={(title) => {
        setAdding(false);
        toast.show({ kind: "success", title: "Milestone added", body: title });
      }}
    />
  ) : null;

  // The header shows at once; the sections once the journey has loaded.
  if (!data) {
    return (
      <Page {...header}>
        {error ? <FormErrors messages={[error]} /> : <Spinner label="Loading your journey…" />}
        {dialog}
      </Page>
    );
  }

  const journey = data.journey;
  const milestones = data.milestones.edges.map((e) => e.node);
  const decisions = data.decisions.edges.map((e) => e.node);
  const snapshots = data.skillSnapshots.edges.map((e) => e.node);
  const finished = data.goals.edges.map((e) => e.node);
  const prediction = data.nextMilestonePrediction;

  return (
    <Page {...header}>
      <Section title="Timeline" heading="section-title">
        {journey?.currentRole ? (
          <p>
            <strong>{journey.currentRole}</strong>
            {journey.currentCompany ? ` at ${journey.currentCompany}` : ""} · {labelOf(STAGES, journey.careerStage)} stage
            {journey.targetRole ? ` · aiming for ${journey.targetRole}` : ""}
          </p>
        ) : milestones.length || decisions.length ? (
          <p>
            Tell the companion your <Link to="/context">current role</Link> to see where it usually leads.
          </p>
        ) : null}
        {!milestones.length && !decisions.length && !journey?.currentRole ? (
          <EmptyState
            plain
            title="Your journey starts here"
            actions={
              <>
                <Link to="/context" className="button button-primary">
                  Set your role
                </Link>
                <button type="button" className="button" onClick={() => setAdding(true)}>
                  Add a milestone
                </button>
              </>
            }
          >
            Set your role and add what you achieved.
          </EmptyState>
        ) : (
          <Timeline
            milestones={milestones}
            decisions={decisions}
            currentRole={journey?.currentRole || null}
            roleStartedOn={journey?.roleStartedOn ?? null}
            prediction={prediction}
            today={now}
          />
        )}
        <p className="muted small">
          {plural(milestones.length, "milestone")}, {plural(decisions.length, "decision")}. <Link to="/decisions">Open the decisions journal</Link>
        </p>
      </Section>

      <div className={styles.journeyGrid}>
        <Section title="Next milestone" heading="section-title" data-testid="prediction">
          {prediction ? (
            <>
              <p className={styles.predictionTitle}>
                <strong>{prediction.title}</strong> around {formatDay(prediction.expectedDate)}
              </p>
              <p className="muted small">
                {prediction.readiness != null ? `Readiness ${Math.round(prediction.readiness * 100)}% · ` : ""}
                Confidence {Math.round(prediction.confidence * 100)}% · based on {plural(prediction.basedOn.milestones, "milestone")} and {plural(prediction.basedOn.snapshots, "snapshot")}
                {prediction.basedOn.peerUsers ? ` and ${prediction.basedOn.peerUsers} anonymised peers` : ""}
              </p>
              <ul className={styles.reasons}>
                {prediction.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              {prediction.keySkills.length ? <KeySkills prediction={prediction} /> : null}
            </>
          ) : (
            <p className="muted">{waiting && polls < MAX_POLLS ? "Working it out…" : "No prediction yet: set your role or add a milestone."}</p>
          )}
        </Section>

        <Section title="How you learn" heading="section-title">
          <Patterns data={data} />
        </Section>
      </div>

      <Section title="Skills over time" heading="section-title">
        {snapshots.length ? (
          <SkillsChart snapshots={snapshots} />
        ) : (
          <p className="muted">
            No snapshots yet. <Link to="/skills">Take your first skill snapshot</Link>.
          </p>
        )}
      </Section>

      <Section title="Goal completion history" heading="section-title">
        {finished.length ? <GoalHistory goals={finished} /> : <p className="muted">Finished goals show here, with how long they took.</p>}
      </Section>

      {dialog}
    </Page>
  );
}

/** The target role's key skills: met or not, and which of the person's rated skills counted. */
function KeySkills({ prediction }: { prediction: NonNullable<Viewer["nextMilestonePrediction"]> }) {
  const met = prediction.keySkills.filter((k) => k.gap === 0).length;
  return (
    <>
      <h3 className={styles.keySkillsTitle}>
        Key skills for {prediction.targetRole}: {met} of {prediction.keySkills.length} met
      </h3>
      <ul className={styles.keySkills} aria-label={`Key skill levels for ${prediction.targetRole}`} data-testid="key-skills">
        {prediction.keySkills.map((k) => (
          <li key={k.skill} className={k.gap === 0 ? styles.keySkillMet : undefined}>
            <span>
              {k.gap === 0 ? "✓ " : ""}
              {k.skill}
            </span>{" "}
            <span className="muted small">
              {k.have.toFixed(2)} of {k.need.toFixed(2)}
              {k.matchedBy && k.matchedBy.toLowerCase() !== k.skill ? ` · from ${k.matchedBy}` : ""}
              {!k.matchedBy ? " · not rated yet" : ""}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Patterns({ data }: { data: Viewer }) {
  const patterns = data.learningPatterns;
  const velocity = data.journey?.velocity;
  if (!patterns && !velocity) return <p className="muted">Patterns appear once you log progress on goals.</p>;
  const rows = [
    ...(patterns
      ? [
          ["Format", patterns.formatByMinutes],
          ["Completion", patterns.formatByCompletion],
          ["Cadence", patterns.cadence],
          ["Rhythm", patterns.rhythm],
          ["Goal length", patterns.goalLength],
          ["Acceleration", patterns.acceleration],
          ["Obstacles", patterns.obstacles],
          ["Difficulty", patterns.successByDifficulty],
          ["Finishing", patterns.finishTiming],
        ]
      : []),
    ...(velocity
      ? [
          ["Milestones", velocity.milestones],
          ["Role moves", velocity.roleMoves],
          ["Skill growth", velocity.skillGrowth],
        ]
      : []),
  ] as [string, { sufficient: boolean; basedOn: number; message: string }][];
  return (
    <dl className={styles.patterns}>
      {rows.map(([name, p]) => (
        <div key={name} className={p.sufficient ? styles.pattern : `${styles.pattern} ${styles.patternThin}`}>
          <dt>{name}</dt>
          <dd>
            {p.message} <span className="muted small">(based on {p.basedOn})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function GoalHistory({ goals }: { goals: Viewer["goals"]["edges"][number]["node"][] }) {
  const rows = goals
    .map((g) => {
      const end = g.completedOn ?? g.abandonedOn;
      const days = end ? Math.max(1, Math.round((dayTime(end) - dayTime(g.startedOn)) / 86_400_000)) : 0;
      return { ...g, end, days };
    })
    .sort((a, b) => dayTime(b.end ?? b.startedOn) - dayTime(a.end ?? a.startedOn));
  const longest = Math.max(...rows.map((r) => r.days), 7);
  const completed = rows.filter((r) => r.status === "COMPLETED").length;
  return (
    <>
      <p className="muted small">
        {completed} of {rows.length} finished goals completed.
      </p>
      <ul className={styles.goalHistory} aria-label="Finished goals">
        {rows.map((g) => (
          <li key={g.id} className={`${styles.historyRow} ${styles[`history-${g.status.toLowerCase()}`] ?? ""}`}>
            <span>{g.title}</span>
            <span className={styles.historyBar} aria-hidden="true">
              <span style={{ width: `${(100 * g.days) / longest}%` }} />
            </span>
            <span className="muted small">
              {g.status === "COMPLETED" ? "Completed" : "Abandoned"} {formatDay(g.end)} · {plural(Math.max(1, Math.ceil(g.days / 7)), "week")} · {labelOf(DIFFICULTIES, g.difficulty)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

const MILESTONE_FIELDS = ["kind", "title", "description", "impactScore", "marketValueNote", "role", "achievedOn"];

function MilestoneDialog({ today: now, onClose, onAdded }: { today: string; onClose: () => void; onAdded: (title: string) => void }) {
  const [kind, setKind] = useState<MilestoneKind>("CERTIFICATION");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [impact, setImpact] = useState("");
  const [note, setNote] = useState("");
  const [role, setRole] = useState("");
  const [achievedOn, setAchievedOn] = useState(now);
  const roleMove = kind === "PROMOTION" || kind === "NEW_ROLE";
  const form = useMutationForm(MilestoneAddDocument, {
    fields: MILESTONE_FIELDS,
    accepted: (payload) => !payload.errors.length && !!payload.milestone,
    invalidates: [JourneyPageDocument],
    onSuccess: (payload) => onAdded(payload.milestone!.title),
  });
  const fieldErrors = form.fieldErrors;
  const input = {
    kind,
    title,
    description,
    impactScore: impact ? Number(impact) : null,
    marketValueNote: note,
    role: roleMove && role.trim() ? role : null,
    achievedOn: achievedOn || null,
  };

  return (
    <FormDialog
      title="Add a milestone"
      label="Add milestone"
      busyLabel="Adding…"
      busy={form.busy}
      onSubmit={form.handle({ input })}
      onClose={onClose}
    >
      <FormErrors messages={form.general} />
      <div className="form-row row-top">
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as MilestoneKind)} options={MILESTONE_KINDS} error={fieldErrors.kind} />
        <TextField label="Achieved on" type="date" max={now} value={achievedOn} onChange={(e) => setAchievedOn(e.target.value)} error={fieldErrors.achievedOn} />
      </div>
      <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={fieldErrors.title} placeholder="Certified Kubernetes Administrator" />
      {roleMove ? <TextField label="Role reached" value={role} onChange={(e) => setRole(e.target.value)} error={fieldErrors.role} hint="Becomes your current role." /> : null}
      <TextArea label="Description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldErrors.description} />
      <div className="form-row row-top">
        <TextField label="Impact (1–10)" type="number" min={1} max={10} value={impact} onChange={(e) => setImpact(e.target.value)} error={fieldErrors.impactScore} />
        <TextField label="Market value note" value={note} onChange={(e) => setNote(e.target.value)} error={fieldErrors.marketValueNote} placeholder="Opens senior roles" />
      </div>
    </FormDialog>
  );
}
