/** Small SVG charts (no library): lines over weeks, bars, horizontal bars and a funnel.
 *
 * Each chart is drawn at the width its frame has on screen (one SVG unit = one CSS pixel), so
 * its text keeps its CSS size on a phone and a laptop alike; a chart that needs more room than a
 * phone gives scrolls inside its own frame. A visually hidden table gives screen readers the figures. */
import { useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import styles from "./charts.module.css";

export const SERIES_COLORS = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#a855f7", "#14b8a6", "#64748b"];

export interface Series {
  name: string;
  values: (number | null)[];
}

interface LineChartProps {
  labels: string[];
  series: Series[];
  ariaLabel: string;
  testId: string;
  format?: (value: number) => string;
  height?: number;
  /** Draw each line through missing (null) values to the next point instead of breaking it. */
  connectGaps?: boolean;
  /** The top of the y axis (default: a round number above the largest value). */
  max?: number;
  /** A longer description read after the label (the chart's figures in words). */
  description?: string;
  /** The title of the y axis, written along it. */
  yLabel?: string;
}

const LEFT = 56;
const RIGHT = 20;
const TOP = 14;
const BOTTOM = 34;

/** The width of the chart's frame in CSS pixels (at least `min`), following resizes. */
export function useChartWidth(min = 300): [RefObject<HTMLDivElement | null>, number, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const measure = () => setWidth(Math.floor(frame.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);
  // the third value: the chart is wider than its frame, which then scrolls (and takes focus, so
  // a keyboard can scroll it too)
  return [ref, Math.max(min, width || 720), width > 0 && width < min];
}

/** The chart's figures as a table, read by screen readers and not shown (a table ignores the
 * hidden box's 1 px width, so the box around it hides it). */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <div className="visually-hidden">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={`${row[0]}-${i}`}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

/** One line per series over categorical x labels (e.g. ISO weeks); a legend below. */
export function LineChart({ labels, series, ariaLabel, testId, format = (v) => `${v}`, height = 240, connectGaps = false, max: fixedMax, description, yLabel }: LineChartProps) {
  const descId = useId();
  const [frame, W, scrolls] = useChartWidth(280);
  const max = fixedMax ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v != null))));
  const x = (i: number) => (labels.length > 1 ? LEFT + (i / (labels.length - 1)) * (W - LEFT - RIGHT) : (LEFT + W - RIGHT) / 2);
  const y = (v: number) => TOP + (1 - v / max) * (height - TOP - BOTTOM);
  const every = Math.max(1, Math.ceil(labels.length / Math.max(2, Math.floor(W / 90))));
  return (
    <figure className={styles.chartFigure}>
      <div ref={frame} className={styles.chartFrame} tabIndex={scrolls ? 0 : undefined}>
      <svg className={styles.chart} data-testid={testId} width={W} height={height} viewBox={`0 0 ${W} ${height}`} role="img" aria-label={ariaLabel} aria-describedby={description ? descId : undefined}>
        <title>{ariaLabel}</title>
        {description ? <desc id={descId}>{description}</desc> : null}
        {yLabel ? (
          <text x={12} y={(TOP + height - BOTTOM) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(TOP + height - BOTTOM) / 2})`} className={styles.tickLabel}>
            {yLabel}
          </text>
        ) : null}
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={LEFT} x2={W - RIGHT} y1={y(max * f)} y2={y(max * f)} className={styles.gridLine} />
            <text x={LEFT - 8} y={y(max * f) + 4} textAnchor="end" className={styles.tickLabel}>
              {format(max * f)}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % every === 0 || i === labels.length - 1 ? (
            <text key={label} x={x(i)} y={height - 10} textAnchor="middle" className={styles.tickLabel}>
              {label}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const color = SERIES_COLORS[si % SERIES_COLORS.length];
          const points = s.values.map((v, i) => (v == null ? null : { i, v })).filter((p): p is { i: number; v: number } => p != null);
          // a gap (no data that week) breaks the line, unless connectGaps draws through it
          const runs: { i: number; v: number }[][] = [];
          for (const p of points) {
            const last = runs[runs.length - 1];
            if (last && (connectGaps || last[last.length - 1].i === p.i - 1)) last.push(p);
            else runs.push([p]);
          }
          return (
            <g key={s.name} data-series={s.name}>
              {runs
                .filter((run) => run.length > 1)
                .map((run) => (
                  <polyline key={run[0].i} points={run.map((p) => `${x(p.i)},${y(p.v)}`).join(" ")} fill="none" stroke={color} strokeWidth={2.5} strokeLinejoin="round" />
                ))}
              {points.map((p) => (
                <circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={3.5} fill={color}>
                  <title>{`${s.name}, ${labels[p.i]}: ${format(p.v)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      </div>
      <ChartTable
        caption={ariaLabel}
        columns={["", ...series.map((s) => s.name)]}
        rows={labels.map((label, i) => [label, ...series.map((s) => (s.values[i] == null ? "–" : format(s.values[i] as number)))])}
      />
      <figcaption>
        <ul className={styles.dcLegend} aria-label="Series">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className={styles.dcSwatch} style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Vertical bars over categorical labels (e.g. applications per week); every bar has its label
 * (slanted when they do not fit side by side) and its value above it. */
export function BarChart({ bars, ariaLabel, testId, height = 220 }: { bars: { label: string; value: number }[]; ariaLabel: string; testId: string; height?: number }) {
  const [frame, W, scrolls] = useChartWidth(Math.max(280, bars.length * 22));
  const slot = (W - LEFT - RIGHT) / Math.max(1, bars.length);
  const longest = Math.max(1, ...bars.map((b) => b.label.length));
  const slanted = slot < longest * 7.5 + 8;
  const bottom = slanted ? Math.min(90, longest * 6.5 + 18) : BOTTOM;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const barWidth = Math.max(4, Math.min(56, slot * 0.7));
  const y = (v: number) => TOP + 16 + (1 - v / max) * (height - TOP - 16 - bottom);
  return (
    <figure className={styles.chartFigure}>
      <div ref={frame} className={styles.chartFrame} tabIndex={scrolls ? 0 : undefined}>
        <svg className={styles.chart} data-testid={testId} width={W} height={height} viewBox={`0 0 ${W} ${height}`} role="img" aria-label={ariaLabel}>
          <title>{ariaLabel}</title>
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={LEFT} x2={W - RIGHT} y1={y(max * f)} y2={y(max * f)} className={styles.gridLine} />
              <text x={LEFT - 8} y={y(max * f) + 4} textAnchor="end" className={styles.tickLabel}>
                {Math.round(max * f)}
              </text>
            </g>
          ))}
          {bars.map((b, i) => {
            const cx = LEFT + slot * (i + 0.5);
            const base = height - bottom + 16;
            return (
              <g key={b.label} data-bar={b.label}>
                <rect x={cx - barWidth / 2} y={y(b.value)} width={barWidth} height={Math.max(0, y(0) - y(b.value))} rx={3} className={styles.dcBar}>
                  <title>{`${b.label}: ${b.value}`}</title>
                </rect>
                <text x={cx} y={y(b.value) - 4} textAnchor="middle" className={styles.valueLabel}>
                  {b.value}
                </text>
                <text x={cx} y={base} textAnchor={slanted ? "end" : "middle"} transform={slanted ? `rotate(-50 ${cx} ${base})` : undefined} className={styles.tickLabel}>
                  {b.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <ChartTable caption={ariaLabel} columns={["", "Count"]} rows={bars.map((b) => [b.label, b.value])} />
    </figure>
  );
}

export interface HBar {
  label: string;
  value: number;
  max: number;
  text: ReactNode;
  tone?: "primary" | "good" | "warn" | "bad" | "muted";
}

/** Labelled horizontal bars; the text at the right says the figure in words. */
export function HBars({ rows, ariaLabel, testId }: { rows: HBar[]; ariaLabel: string; testId: string }) {
  return (
    <ul className={styles.hbars} aria-label={ariaLabel} data-testid={testId}>
      {rows.map((row) => (
        <li key={row.label} className={styles.hbar}>
          <span className={styles.hbarLabel}>{row.label}</span>
          <span className={styles.hbarTrack} aria-hidden="true">
            <span className={`${styles.hbarFill} tone-${row.tone ?? "primary"}`} style={{ width: `${row.max ? Math.max(0, Math.min(100, (100 * row.value) / row.max)) : 0}%` }} />
          </span>
          <span className={styles.hbarText}>{row.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** Funnel: one bar per stage, its width the stage's share of the first, with its label (stage,
 * count and conversion) above it, so even an empty stage is named. */
export function Funnel({ steps, testId }: { steps: { stage: string; count: number; conversion: number | null }[]; testId: string }) {
  const [frame, W, scrolls] = useChartWidth(260);
  const row = 58;
  const height = row * steps.length + 6;
  const top = Math.max(1, steps[0]?.count ?? 1);
  const summary = `Pipeline funnel: ${steps.map((s) => `${s.stage} ${s.count}`).join(", ")}`;
  const name = (stage: string) => `${stage[0].toUpperCase()}${stage.slice(1)}`;
  const conversion = (s: (typeof steps)[number], i: number) => (s.conversion == null ? "" : `${s.conversion}% from ${steps[i - 1]?.stage}`);
  return (
    <figure className={styles.chartFigure}>
      <div ref={frame} className={styles.chartFrame} tabIndex={scrolls ? 0 : undefined}>
        <svg className={`${styles.chart} ${styles.funnel}`} data-testid={testId} width={W} height={height} viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary}>
          <title>{summary}</title>
          {steps.map((s, i) => {
            const width = Math.max(6, ((W - 4) * s.count) / top);
            const y = 4 + i * row;
            return (
              <g key={s.stage} data-stage={s.stage}>
                <text x={0} y={y + 14} className={styles.funnelLabel}>
                  {`${name(s.stage)} · ${s.count}`}
                  {s.conversion == null ? null : <tspan className={styles.funnelConversion}>{`  (${conversion(s, i)})`}</tspan>}
                </text>
                <rect x={0} y={y + 22} width={width} height={26} rx={6} className={`${styles.funnelStep} ${styles[`funnel-${i}`] ?? ""}`} />
              </g>
            );
          })}
        </svg>
      </div>
      <ChartTable caption="Pipeline funnel" columns={["Stage", "Count", "Conversion"]} rows={steps.map((s, i) => [name(s.stage), s.count, conversion(s, i) || "–"])} />
    </figure>
  );
}
