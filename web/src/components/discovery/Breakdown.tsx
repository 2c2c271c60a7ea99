/** A score explained part by part: each part's score and weight, matched and missing skills, and what
 * would raise it; and the thumbs that tune the person's weights. Shown on Discover and on a job's page. */
import type { BreakdownFieldsFragment } from "../../gql/graphql";
import styles from "../../pages/DiscoverPage.module.css";

const PART_LABEL: Record<string, string> = { skills: "Skills", location: "Location", experience: "Experience" };
export const pct = (weight: number) => `${Math.round(weight * 1000) / 10}%`;

export function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false" style={down ? { transform: "rotate(180deg)" } : undefined}>
      <path
        d="M7 9l3-6c1.1 0 2 .9 2 2v3h4.2c.9 0 1.6.8 1.4 1.7l-1.2 6c-.1.7-.7 1.3-1.4 1.3H7V9zM3 9h2.5v9H3z"
        fill="currentColor"
      />
    </svg>
  );
}

export function Breakdown({ breakdown, title }: { breakdown: BreakdownFieldsFragment; title: string }) {
  return (
    <div className={styles.breakdown} data-testid="score-breakdown">
      <ul className={styles.parts} aria-label={`Score parts of ${title}`}>
        {breakdown.parts.map((part) => (
          <li key={part.name} className={styles.part}>
            <span className={styles.partName}>
              {PART_LABEL[part.name] ?? part.name} <span className="muted small">× {pct(part.weight)}</span>
            </span>
            <span
              className={styles.partTrack}
              role="meter"
              aria-label={`${PART_LABEL[part.name] ?? part.name} score`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={part.score}
            >
              <span className={`${styles.partFill} ${part.score >= 75 ? "tone-good" : part.score >= 50 ? "tone-warn" : "tone-bad"}`} style={{ width: `${part.score}%` }} />
            </span>
            <span className={styles.partScore}>{part.score}</span>
            <span className={`small muted ${styles.partDetail}`}>{part.detail}</span>
          </li>
        ))}
      </ul>
      <ul className={styles.skillChips} aria-label="Skills">
        {breakdown.matched.map((s) => (
          <li key={`m-${s}`} className={`${styles.skillChip} ${styles.chipMatched}`} title="You have it">
            ✓ {s}
          </li>
        ))}
        {breakdown.missingMustHave.map((s) => (
          <li key={`r-${s}`} className={`${styles.skillChip} ${styles.chipMissing}`} title="Must-have you lack">
            ✗ {s}
          </li>
        ))}
        {breakdown.missingNiceToHave.map((s) => (
          <li key={`n-${s}`} className={`${styles.skillChip} ${styles.chipNice}`} title="Nice-to-have you lack">
            ○ {s}
          </li>
        ))}
      </ul>
      {breakdown.whatWouldRaiseIt.length ? (
        <p className="small">
          <strong>What would raise it:</strong> {breakdown.whatWouldRaiseIt.join(", ")}
        </p>
      ) : null}
    </div>
  );
}
