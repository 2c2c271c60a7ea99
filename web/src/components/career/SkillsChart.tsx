/** Skills over time from the snapshots: one line per skill, proficiency 0–1 on the y axis. */
import { dayTime, formatDay } from "../../lib/career";
import { ChartTable, useChartWidth } from "../discovery/charts";
import styles from "./SkillsChart.module.css";
import { plural } from "../../lib/format";

export interface ChartSnapshot {
  id: string;
  takenOn: string;
  skills: { skill: string; proficiency: number }[];
}

const HEIGHT = 260;
const LEFT = 48;
const RIGHT = 24;
const TOP = 16;
const BOTTOM = 34;
const MAX_SKILLS = 8;
const COLORS = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#a855f7", "#14b8a6", "#64748b"];

/** The skills drawn: the strongest in the latest snapshot, at most eight. */
function chosenSkills(snapshots: ChartSnapshot[]): string[] {
  const latest = snapshots[snapshots.length - 1];
  const seen = new Map<string, number>();
  for (const s of latest?.skills ?? []) seen.set(s.skill, s.proficiency);
  for (const snap of snapshots) for (const s of snap.skills) if (!seen.has(s.skill)) seen.set(s.skill, -1);
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_SKILLS).map(([skill]) => skill);
}

export function SkillsChart({ snapshots }: { snapshots: ChartSnapshot[] }) {
  const [frame, WIDTH, scrolls] = useChartWidth(280);
  const ordered = [...snapshots].sort((a, b) => dayTime(a.takenOn) - dayTime(b.takenOn));
  const skills = chosenSkills(ordered);
  const times = ordered.map((s) => dayTime(s.takenOn));
  const from = Math.min(...times);
  const to = Math.max(...times);
  const span = to - from;
  const x = (time: number) => (span ? LEFT + ((time - from) / span) * (WIDTH - LEFT - RIGHT) : (LEFT + WIDTH - RIGHT) / 2);
  const y = (level: number) => TOP + (1 - level) * (HEIGHT - TOP - BOTTOM);
  const summary = `Skills over time: ${plural(skills.length, "skill")} across ${plural(ordered.length, "snapshot")}.`;

  return (
    <figure className={styles.skillsFigure}>
      <div ref={frame} className={styles.skillsFrame} tabIndex={scrolls ? 0 : undefined}>
      <svg className={styles.skillsChart} data-testid="skills-chart" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        {[0, 0.25, 0.5, 0.75, 1].map((level) => (
          <g key={level}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(level)} y2={y(level)} className={styles.gridLine} />
            <text x={LEFT - 8} y={y(level) + 4} textAnchor="end" className={styles.tickLabel}>
              {level.toFixed(2)}
            </text>
          </g>
        ))}
        {ordered.map((snap) => (
          <text key={snap.id} x={x(dayTime(snap.takenOn))} y={HEIGHT - 10} textAnchor="middle" className={styles.tickLabel}>
            {formatDay(snap.takenOn, "short")}
          </text>
        ))}
        {skills.map((skill, i) => {
          const points = ordered
            .map((snap) => ({ snap, level: snap.skills.find((s) => s.skill === skill)?.proficiency }))
            .filter((p): p is { snap: ChartSnapshot; level: number } => p.level != null);
          const color = COLORS[i % COLORS.length];
          return (
            <g key={skill} data-skill={skill}>
              {points.length > 1 ? (
                <polyline
                  points={points.map((p) => `${x(dayTime(p.snap.takenOn))},${y(p.level)}`).join(" ")}
                  fill="none"
                  stroke={color}
                  strokeWidth={2.5}
                  strokeLinejoin="round"
                />
              ) : null}
              {points.map((p) => (
                <circle key={p.snap.id} cx={x(dayTime(p.snap.takenOn))} cy={y(p.level)} r={4.5} fill={color}>
                  <title>{`${skill}: ${p.level.toFixed(2)} on ${formatDay(p.snap.takenOn)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      </div>
      <ChartTable
        caption={summary}
        columns={["Snapshot", ...skills]}
        rows={ordered.map((snap) => [formatDay(snap.takenOn), ...skills.map((skill) => snap.skills.find((s) => s.skill === skill)?.proficiency.toFixed(2) ?? "–")])}
      />
      <figcaption>
        <ul className={styles.chartLegend} aria-label="Skills">
          {skills.map((skill, i) => (
            <li key={skill}>
              <span className={styles.legendSwatch} style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />
              {skill}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
