/** The career timeline as SVG: roles as bars, milestones and decisions as marks, today as a
 * line, and the predicted next milestone drawn ahead of today. */
import { dayTime, formatDay, MILESTONE_KINDS, DECISION_KINDS } from "../../lib/career";
import { labelOf, plural } from "../../lib/format";
import type { DecisionKind, MilestoneKind } from "../../gql/graphql";
import { ChartTable, useChartWidth } from "../discovery/charts";
import styles from "./Timeline.module.css";

export interface TimelineMilestone {
  id: string;
  kind: MilestoneKind;
  title: string;
  role: string | null;
  achievedOn: string;
}

export interface TimelineDecision {
  id: string;
  kind: DecisionKind;
  choice: string;
  decidedAt: string;
  isOpen: boolean;
}

export interface TimelinePrediction {
  title: string;
  expectedDate: string;
  confidence: number;
}

interface Props {
  milestones: TimelineMilestone[];
  decisions: TimelineDecision[];
  currentRole: string | null;
  roleStartedOn: string | null;
  prediction: TimelinePrediction | null;
  today: string;
}

const HEIGHT = 250;
const LEFT = 90;
const RIGHT = 30;
const LANES = { roles: 46, milestones: 112, decisions: 178 };
const DAY = 86_400_000;

interface RoleBar {
  role: string;
  start: number; // NaN: unknown, drawn from the left edge
  end: number;
  known: boolean;
}

function roleBars(milestones: TimelineMilestone[], currentRole: string | null, roleStartedOn: string | null, now: number): RoleBar[] {
  const moves = milestones
    .filter((m) => m.role && (m.kind === "NEW_ROLE" || m.kind === "PROMOTION"))
    .map((m) => ({ role: m.role as string, start: dayTime(m.achievedOn) }))
    .sort((a, b) => a.start - b.start);
  if (currentRole && roleStartedOn) {
    const start = dayTime(roleStartedOn);
    if (!moves.some((m) => m.start === start && m.role === currentRole)) moves.push({ role: currentRole, start });
    moves.sort((a, b) => a.start - b.start);
  }
  const bars = moves.map((m, i) => ({ role: m.role, start: m.start, end: i + 1 < moves.length ? moves[i + 1].start : now, known: true }));
  if (currentRole && !roleStartedOn && !moves.some((m) => m.role === currentRole)) {
    // The current role without a known start: drawn faintly up to today.
    bars.push({ role: currentRole, start: NaN, end: now, known: false });
  }
  return bars;
}

let tickFormat: Intl.DateTimeFormat | null = null;
/** "Mar 25": one formatter for every tick of every render (making one costs far more than using it). */
const tickLabel = (time: number) => (tickFormat ??= new Intl.DateTimeFormat(undefined, { month: "short", year: "2-digit", timeZone: "UTC" })).format(time);

function ticks(from: number, to: number): { time: number; label: string }[] {
  const years = (to - from) / (365 * DAY);
  const out: { time: number; label: string }[] = [];
  const start = new Date(from);
  if (years > 3) {
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= to; y++) out.push({ time: Date.UTC(y, 0, 1), label: String(y) });
  } else {
    const step = years > 1.5 ? 6 : years > 0.75 ? 3 : 1;
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth() + 1;
    for (;;) {
      if (m >= 12) {
        y += Math.floor(m / 12);
        m %= 12;
      }
      const time = Date.UTC(y, m, 1);
      if (time > to) break;
      if (m % step === 0) out.push({ time, label: tickLabel(time) });
      m += 1;
    }
  }
  return out;
}

function clip(text: string, max = 26): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function Timeline({ milestones, decisions, currentRole, roleStartedOn, prediction, today }: Props) {
  // Drawn at its frame's width (text at its CSS size); narrower than 640 px it scrolls in its frame.
  const [frame, WIDTH, scrolls] = useChartWidth(640);
  const now = dayTime(today);
  const predicted = prediction ? dayTime(prediction.expectedDate) : null;
  const bars = roleBars(milestones, currentRole, roleStartedOn, now);
  const times = [
    now - 365 * DAY,
    ...milestones.map((m) => dayTime(m.achievedOn)),
    ...decisions.map((d) => Date.parse(d.decidedAt)),
    ...bars.map((b) => b.start),
  ].filter((t) => Number.isFinite(t));
  const barStart = (bar: RoleBar) => (bar.known ? bar.start : from);
  const from = Math.min(...times) - 20 * DAY;
  const to = Math.max(now + 90 * DAY, predicted ?? 0) + 45 * DAY;
  const x = (time: number) => LEFT + ((time - from) / (to - from)) * (WIDTH - LEFT - RIGHT);
  const tickMarks = ticks(from, to);
  const summary = `Career timeline: ${plural(bars.length, "role")}, ${plural(milestones.length, "milestone")}, ${plural(decisions.length, "decision")}${
    prediction ? `; next milestone predicted ${formatDay(prediction.expectedDate)}` : ""
  }.`;

  const events = [
    ...bars.map((bar) => [bar.known ? formatDay(new Date(bar.start).toISOString().slice(0, 10)) : "–", "Role", bar.role]),
    ...milestones.map((m) => [formatDay(m.achievedOn), labelOf(MILESTONE_KINDS, m.kind), m.title]),
    ...decisions.map((d) => [formatDay(d.decidedAt.slice(0, 10)), labelOf(DECISION_KINDS, d.kind), d.choice]),
    ...(prediction ? [[formatDay(prediction.expectedDate), "Predicted", `${prediction.title} (confidence ${Math.round(prediction.confidence * 100)}%)`]] : []),
  ];

  return (
    <div ref={frame} className={styles.timelineFrame} tabIndex={scrolls ? 0 : undefined}>
    <ChartTable caption={summary} columns={["Date", "Kind", "What"]} rows={events} />
    <svg className={styles.timelineChart} data-testid="timeline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
      <title>{summary}</title>
      {(["roles", "milestones", "decisions"] as const).map((lane) => (
        <g key={lane}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={LANES[lane]} y2={LANES[lane]} className={styles.laneLine} />
          <text x={8} y={LANES[lane] + 4} className={styles.laneLabel}>
            {lane === "roles" ? "Roles" : lane === "milestones" ? "Milestones" : "Decisions"}
          </text>
        </g>
      ))}
      {tickMarks.map((t) => (
        <g key={t.time}>
          <line x1={x(t.time)} x2={x(t.time)} y1={20} y2={HEIGHT - 28} className={styles.tickLine} />
          <text x={x(t.time)} y={HEIGHT - 10} className={styles.tickLabel} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {bars.map((bar, i) => (
        <g key={`${bar.role}-${bar.start}`} data-kind="role">
          <rect
            x={x(barStart(bar))}
            y={LANES.roles - 11}
            width={Math.max(4, x(bar.end) - x(barStart(bar)))}
            height={22}
            rx={6}
            className={`${styles.roleBar} ${styles[`role-bar-${i % 3}`] ?? ""}${bar.known ? "" : ` ${styles.roleBarOpen}`}`}
          >
            <title>{bar.known ? `${bar.role} since ${new Date(bar.start).toISOString().slice(0, 10)}` : `${bar.role} (start not set)`}</title>
          </rect>
          <text x={x(barStart(bar)) + 6} y={LANES.roles + 4} className={styles.roleLabel}>
            {clip(bar.role, Math.max(6, Math.floor((x(bar.end) - x(barStart(bar))) / 7)))}
          </text>
        </g>
      ))}
      {milestones.map((m, i) => {
        const cx = x(dayTime(m.achievedOn));
        const above = i % 2 === 0;
        return (
          <g key={m.id} data-kind="milestone" data-id={m.id}>
            <circle cx={cx} cy={LANES.milestones} r={7} className={`${styles.markMilestone} ${styles[`mark-${m.kind.toLowerCase()}`] ?? ""}`}>
              <title>{`${labelOf(MILESTONE_KINDS, m.kind)}: ${m.title} (${formatDay(m.achievedOn)})`}</title>
            </circle>
            <text x={cx} y={LANES.milestones + (above ? -14 : 24)} textAnchor="middle" className={styles.markLabel}>
              {clip(m.title)}
            </text>
          </g>
        );
      })}
      {decisions.map((d, i) => {
        const cx = x(Date.parse(d.decidedAt));
        const cy = LANES.decisions;
        const above = i % 2 === 0;
        return (
          <g key={d.id} data-kind="decision" data-id={d.id}>
            <path d={`M ${cx} ${cy - 8} L ${cx + 8} ${cy} L ${cx} ${cy + 8} L ${cx - 8} ${cy} Z`} className={d.isOpen ? `${styles.markDecision} ${styles.markOpen}` : styles.markDecision}>
              <title>{`${labelOf(DECISION_KINDS, d.kind)}: ${d.choice}${d.isOpen ? " (outcome open)" : ""}`}</title>
            </path>
            <text x={cx} y={cy + (above ? -13 : 23)} textAnchor="middle" className={styles.markLabel}>
              {clip(d.choice)}
            </text>
          </g>
        );
      })}
      <g data-kind="today">
        <line x1={x(now)} x2={x(now)} y1={16} y2={HEIGHT - 28} className={styles.todayLine} />
        <text x={x(now)} y={13} textAnchor="middle" className={styles.todayLabel}>
          Today
        </text>
      </g>
      {prediction && predicted != null ? (
        <g data-kind="prediction" data-testid="predicted-milestone">
          <line x1={x(now)} x2={x(predicted)} y1={LANES.milestones} y2={LANES.milestones} className={styles.predictionPath} />
          <circle cx={x(predicted)} cy={LANES.milestones} r={10} className={styles.markPrediction}>
            <title>{`Predicted: ${prediction.title} around ${formatDay(prediction.expectedDate)} (confidence ${Math.round(prediction.confidence * 100)}%)`}</title>
          </circle>
          <text x={x(predicted)} y={LANES.milestones + 28} textAnchor={x(predicted) > WIDTH - 140 ? "end" : "middle"} className={`${styles.markLabel} ${styles.predictionLabel}`}>
            {`Next: ${clip(prediction.title, 30)}`}
          </text>
        </g>
      ) : null}
    </svg>
    </div>
  );
}
