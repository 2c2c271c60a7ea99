/** Skill snapshot editor: today's proficiencies, pre-filled from the last snapshot and the profile. */
import { useState } from "react";
import { JourneyPageDocument, SkillSnapshotsDocument, SkillSnapshotTakeDocument } from "../api/career";
import { SkillsChart } from "../components/career/SkillsChart";
import { Page, Section } from "../components/Page";
import { FormErrors, Spinner, SubmitButton } from "../components/ui";
import type { SkillSnapshotsQuery } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { formatDay, plural } from "../lib/career";
import { useGql } from "../lib/data";
import { errorMessage } from "../lib/graphql";
import styles from "./SkillSnapshotPage.module.css";
import { framed } from "../components/framed";
import { FRAMES } from "../lib/frames";

interface Row {
  key: number;
  skill: string;
  proficiency: number;
  last: number | null;
  fixed: boolean; // from the draft: the name is not edited here
}

let nextKey = 1;

const draftRows = (data: SkillSnapshotsQuery | undefined): Row[] | null =>
  data?.viewer?.skillSnapshotDraft.map((d) => ({ key: nextKey++, skill: d.skill, proficiency: d.proficiency, last: d.lastProficiency, fixed: true })) ?? null;

export function SkillSnapshotPage() {
  const query = useGql(SkillSnapshotsDocument, {});
  const error = query.error ? errorMessage(query.error) : null;
  const history = query.data?.viewer?.skillSnapshots.edges.map((e) => e.node) ?? [];
  // The rows start from the draft each time it is (re)loaded, e.g. after a save.
  const [rows, setRows] = useState<Row[] | null>(() => draftRows(query.data));
  const [rowsFrom, setRowsFrom] = useState(query.data);
  if (rowsFrom !== query.data) {
    setRowsFrom(query.data);
    setRows(draftRows(query.data));
  }
  const form = useMutationForm(SkillSnapshotTakeDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.skillSnapshot,
    invalidates: [SkillSnapshotsDocument, JourneyPageDocument],
    successToast: ({ skillSnapshot }) => ({ title: "Snapshot saved", body: `${plural(skillSnapshot!.skills.length, "skill")} on ${formatDay(skillSnapshot!.takenOn)}` }),
  });

  const update = (key: number, change: Partial<Row>) => setRows((list) => list?.map((r) => (r.key === key ? { ...r, ...change } : r)) ?? null);
  const input = () => (rows ? { input: { skills: rows.filter((r) => r.skill.trim()).map((r) => ({ skill: r.skill.trim(), proficiency: r.proficiency })) } } : undefined);

  return (
    <Page {...framed(FRAMES.skills)}>
      {error ? <FormErrors messages={[error]} /> : null}
      {rows == null ? (
        error ? null : <Spinner label="Loading your skills…" />
      ) : (
        <form className="card form" onSubmit={form.handle(input)} noValidate aria-label="Skill snapshot">
          <FormErrors messages={form.messages} />
          {rows.length === 0 ? <p className="muted">No skills yet: add some below, or list them in your profile.</p> : null}
          <ul className={styles.skillRows}>
            {rows.map((row) => (
              <li key={row.key} className={styles.skillRow}>
                {row.fixed ? (
                  <span className={styles.skillName}>{row.skill}</span>
                ) : (
                  <input className={styles.skillNameInput} aria-label="Skill name" placeholder="Skill" value={row.skill} onChange={(e) => update(row.key, { skill: e.target.value })} />
                )}
                <input
                  type="range"
                  min={0}
                  max={1}
                  step={0.05}
                  value={row.proficiency}
                  aria-label={`Proficiency of ${row.skill || "new skill"}`}
                  onChange={(e) => update(row.key, { proficiency: Number(e.target.value) })}
                />
                <output className={styles.skillLevel}>{row.proficiency.toFixed(2)}</output>
                <span className="muted small">{row.last != null ? `last ${row.last.toFixed(2)}` : "unrated"}</span>
                <button type="button" className="icon-button" aria-label={`Remove ${row.skill || "skill"}`} onClick={() => setRows((list) => list?.filter((r) => r.key !== row.key) ?? null)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setRows((list) => [...(list ?? []), { key: nextKey++, skill: "", proficiency: 0.5, last: null, fixed: false }])}>
              Add skill
            </button>
            <SubmitButton busy={form.busy} label="Save snapshot" />
          </div>
        </form>
      )}
      {history.length ? (
        <Section title="Over time" heading="section-title">
          <SkillsChart snapshots={history} />
          <ul className={styles.snapshotList}>
            {history.map((s) => (
              <li key={s.id}>
                <strong>{formatDay(s.takenOn)}</strong> <span className="muted small">{plural(s.skills.length, "skill")}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </Page>
  );
}
