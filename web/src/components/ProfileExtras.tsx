/** Profile rows scored against what postings ask: spoken languages with a level, years per skill. */
import { useState } from "react";
import type { LanguageLevel } from "../gql/graphql";
import { options } from "../lib/format";
import styles from "./ProfileExtras.module.css";

export const LANGUAGE_LEVELS = options<LanguageLevel>({
  A1: "A1 · beginner",
  A2: "A2 · elementary",
  B1: "B1 · intermediate",
  B2: "B2 · upper intermediate",
  C1: "C1 · advanced / fluent",
  C2: "C2 · proficient",
  NATIVE: "Native",
});

export type LanguageRow = { language: string; level: LanguageLevel };
export type SkillYearsRow = { skill: string; years: number };

function Problem({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id} role="alert" data-field-error>
      {message}
    </p>
  ) : null;
}

export function LanguagesEditor({ rows, onChange, error }: { rows: LanguageRow[]; onChange: (rows: LanguageRow[]) => void; error?: string }) {
  const [name, setName] = useState("");
  const [level, setLevel] = useState<LanguageLevel>("B2" as LanguageLevel);
  const add = () => {
    const language = name.trim();
    if (!language) return;
    onChange([...rows.filter((r) => r.language.toLowerCase() !== language.toLowerCase()), { language, level }]);
    setName("");
  };
  return (
    <fieldset className={`field ${styles.group}`} aria-describedby={error ? "profile-languages-error" : undefined}>
      <legend>Languages you speak</legend>
      <ul className={styles.rows} aria-label="Languages">
        {rows.map((r, i) => (
          <li key={r.language} className={styles.row}>
            <span className={styles.name}>{r.language}</span>
            <select
              aria-label={`Level of ${r.language}`}
              value={r.level}
              onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, level: e.target.value as LanguageLevel } : x)))}
            >
              {LANGUAGE_LEVELS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="button" className="button button-small button-ghost-danger" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove {r.language}
            </button>
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        <input
          id="profile-language-name"
          aria-label="Language"
          placeholder="German"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <select id="profile-language-level" aria-label="Level" value={level} onChange={(e) => setLevel(e.target.value as LanguageLevel)}>
          {LANGUAGE_LEVELS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" onClick={add}>
          Add language
        </button>
      </div>
      <p className="field-hint">Postings that ask for “fluent German” count B2 and above.</p>
      <Problem id="profile-languages-error" message={error} />
    </fieldset>
  );
}

export function SkillYearsEditor({
  rows,
  skills,
  onChange,
  error,
}: {
  rows: SkillYearsRow[];
  skills: string[];
  onChange: (rows: SkillYearsRow[]) => void;
  error?: string;
}) {
  const [skill, setSkill] = useState("");
  const [years, setYears] = useState("");
  const add = () => {
    const name = skill.trim();
    const value = Number(years);
    if (!name || years.trim() === "" || Number.isNaN(value)) return;
    onChange([...rows.filter((r) => r.skill.toLowerCase() !== name.toLowerCase()), { skill: name, years: value }]);
    setSkill("");
    setYears("");
  };
  return (
    <fieldset className={`field ${styles.group}`} aria-describedby={error ? "profile-skill-years-error" : undefined}>
      <legend>Years per skill</legend>
      <ul className={styles.rows} aria-label="Years per skill">
        {rows.map((r, i) => (
          <li key={r.skill} className={styles.row}>
            <span className={styles.name}>{r.skill}</span>
            <input
              type="number"
              className={styles.years}
              min={0}
              max={60}
              step={0.5}
              aria-label={`Years of ${r.skill}`}
              value={r.years}
              onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, years: Number(e.target.value) } : x)))}
            />
            <button type="button" className="button button-small button-ghost-danger" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove years of {r.skill}
            </button>
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        <input id="profile-years-skill" aria-label="Skill" list="profile-skill-names" placeholder="Python" value={skill} onChange={(e) => setSkill(e.target.value)} />
        <datalist id="profile-skill-names">
          {skills.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <input id="profile-years-value" aria-label="Years" className={styles.years} type="number" min={0} max={60} step={0.5} placeholder="5" value={years} onChange={(e) => setYears(e.target.value)} />
        <button type="button" className="button button-small" onClick={add}>
          Add years
        </button>
      </div>
      <p className="field-hint">Scored against asks like “5+ years of Python”. A skill given here joins your skills.</p>
      <Problem id="profile-skill-years-error" message={error} />
    </fieldset>
  );
}
