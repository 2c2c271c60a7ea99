/** Discover: recommendations (open jobs you have not applied to, best first) with the score
 * explained part by part, thumbs that tune your weights (and say why), and importing a job. */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { APPLICATION_QUERIES } from "../api/affects";
import { MatchFeedbackGiveDocument, RecommendationsDocument } from "../api/discovery";
import { ApplicationCreateDocument } from "../api/operations";
import { ImportDialog } from "../components/discovery/ImportDialog";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { ScoreBadge, Spinner } from "../components/ui";
import type { BreakdownFieldsFragment, MatchWeightsFieldsFragment, RecommendationsQuery } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, updateCached, useGql } from "../lib/data";
import { formatSalary } from "../lib/format";
import styles from "./DiscoverPage.module.css";


const PART_LABEL: Record<string, string> = { skills: "Skills", location: "Location", experience: "Experience" };
const pct = (weight: number) => `${Math.round(weight * 1000) / 10}%`;

function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false" style={down ? { transform: "rotate(180deg)" } : undefined}>
      <path
        d="M7 9l3-6c1.1 0 2 .9 2 2v3h4.2c.9 0 1.6.8 1.4 1.7l-1.2 6c-.1.7-.7 1.3-1.4 1.3H7V9zM3 9h2.5v9H3z"
        fill="currentColor"
      />
    </svg>
  );
}

export function WeightsSummary({ weights, changed }: { weights: MatchWeightsFieldsFragment; changed: boolean }) {
  return (
    <div className={`card ${styles.weights}`} data-testid="match-weights">
      <p>
        <strong>Your weights:</strong> skills {pct(weights.skills)} · location {pct(weights.location)} · experience {pct(weights.experience)}
      </p>
      <p className={changed ? `${styles.weightsReason} ${styles.weightsChanged}` : `muted small ${styles.weightsReason}`} role={changed ? "status" : undefined}>
        {weights.reason}
      </p>
    </div>
  );
}

function Breakdown({ breakdown, title }: { breakdown: BreakdownFieldsFragment; title: string }) {
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

export function DiscoverPage() {
  const client = useQueryClient();
  // Scores come from the worker: poll while any recommendation is still being scored.
  const query = useGql(RecommendationsDocument, { first: 20 }, {
    refetchInterval: ({ state }) => (state.data?.recommendations.edges.some((e) => e.node.scoreBreakdown == null) ? 1500 : false),
  });
  const [changed, setChanged] = useState(false);
  const [importing, setImporting] = useState(false);
  const items = query.data?.recommendations.edges.map((e) => e.node) ?? null;
  const total = query.data?.recommendations.totalCount ?? 0;
  const weights = query.data?.viewer?.matchWeights ?? null;

  const thumbs = useMutationForm(MatchFeedbackGiveDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.weights,
    errorToast: "Feedback not saved",
    onSuccess: ({ weights: next }) => {
      updateCached(client, RecommendationsDocument, (data: RecommendationsQuery) => ({ ...data, viewer: data.viewer && { ...data.viewer, matchWeights: next! } }));
      setChanged(true);
      window.setTimeout(() => void invalidate(client, [RecommendationsDocument]), 1200); // scores are recomputed by the worker
    },
    successToast: ({ weights: next }, { input }) => ({ title: input.rating > 0 ? "Thanks — more like this" : "Thanks — less like this", body: next!.reason }),
  });
  const addToBoard = useMutationForm(ApplicationCreateDocument, {
    errorToast: "Could not add to board",
    onSuccess: (_, { input }) => {
      updateCached(client, RecommendationsDocument, (data: RecommendationsQuery) => ({
        ...data,
        recommendations: {
          ...data.recommendations,
          totalCount: Math.max(0, data.recommendations.totalCount - 1),
          edges: data.recommendations.edges.filter((e) => e.node.id !== input.jobId),
        },
      }));
      void invalidate(client, APPLICATION_QUERIES.filter((d) => d !== RecommendationsDocument));
    },
    successToast: (_, { input }) => {
      const job = items?.find((j) => j.id === input.jobId);
      return { title: "Added to board", body: `${job?.title} at ${job?.company} is now in Interested.` };
    },
  });
  const busy = thumbs.pending?.input.jobId ?? addToBoard.pending?.input.jobId ?? null;

  return (
    <Page
      title="Discover"
      intro="Open jobs you have not applied to, best match first — each score explained."
      actions={
        <div className={styles.dcActions}>
          <Link to="/sources" className="button">
            Manage sources
          </Link>
          <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
            Import a job
          </button>
        </div>
      }
    >
      {weights ? <WeightsSummary weights={weights} changed={changed} /> : null}
      <LoadError error={query.error} />
      {items == null ? (
        query.error ? null : <Spinner label="Loading recommendations…" />
      ) : items.length === 0 ? (
        <div className="empty card">
          <p>No recommendations yet.</p>
          <p className="muted">
            Watch a company or save a search on the <Link to="/sources">Sources</Link> page, or import a job.
          </p>
        </div>
      ) : (
        <>
          <p className="result-count muted">{total === 1 ? "1 recommendation" : `${total} recommendations`}</p>
          <ul className={styles.recoList}>
            {items.map((job) => (
              <li key={job.id}>
                <article className={`card ${styles.reco}`} aria-label={job.title}>
                  <header className={styles.recoHead}>
                    <div>
                      <h2 className={styles.jobTitle}>{job.title}</h2>
                      <p className={styles.jobCompany}>
                        {job.company}
                        {job.location ? ` · ${job.location}` : ""}
                        {formatSalary(job.salary) ? ` · ${formatSalary(job.salary)}` : ""}
                      </p>
                    </div>
                    <div className={styles.recoScore}>
                      <ScoreBadge score={job.scoreBreakdown ? job.scoreBreakdown.total : null} />
                      {job.scoreBreakdown ? (
                        <span className={`${styles.dcBand} ${styles[`dc-band-${job.scoreBreakdown.band.toLowerCase()}`] ?? ""}`} data-testid="band">
                          {job.scoreBreakdown.band.toLowerCase()}
                        </span>
                      ) : null}
                      {job.scoreBreakdown?.provisional ? (
                        <span className="pill" title="The posting is thin, so this score may change">
                          Provisional
                        </span>
                      ) : null}
                      {job.isRepost ? <span className="pill">Repost</span> : null}
                    </div>
                  </header>
                  {job.scoreBreakdown ? <Breakdown breakdown={job.scoreBreakdown} title={job.title} /> : <p className="muted">Scoring…</p>}
                  <footer className={styles.recoActions}>
                    <div className={styles.thumbs} role="group" aria-label={`Feedback on ${job.title}`}>
                      <button type="button" className="button button-small" aria-label="Thumbs up" title="More like this" disabled={busy === job.id} onClick={() => void thumbs.submit({ input: { jobId: job.id, rating: 1 } })}>
                        <Thumb />
                      </button>
                      <button type="button" className="button button-small" aria-label="Thumbs down" title="Less like this" disabled={busy === job.id} onClick={() => void thumbs.submit({ input: { jobId: job.id, rating: -1 } })}>
                        <Thumb down />
                      </button>
                    </div>
                    {job.sourceUrl ? (
                      <a className="button button-small" href={job.sourceUrl} target="_blank" rel="noopener noreferrer">
                        Visit posting
                      </a>
                    ) : null}
                    <button type="button" className="button button-small button-primary" disabled={busy === job.id} onClick={() => void addToBoard.submit({ input: { jobId: job.id, status: "INTERESTED" } })}>
                      Add to board
                    </button>
                  </footer>
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Page>
  );
}
