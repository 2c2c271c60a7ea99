/** Discover: recommendations (open jobs you have not applied to, best first) with the score
 * explained part by part, thumbs that tune your weights (and say why), and importing a job. */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { APPLICATION_QUERIES } from "../api/affects";
import { MatchFeedbackGiveDocument, RecommendationsDocument } from "../api/discovery";
import { ApplicationCreateDocument } from "../api/operations";
import { Breakdown, pct, Thumb } from "../components/discovery/Breakdown";
import { ImportDialog } from "../components/discovery/ImportDialog";
import { EmptyState } from "../components/EmptyState";
import { Page } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { LoadMore } from "../components/LoadMore";
import { ScoreBadge, Spinner } from "../components/ui";
import type { MatchWeightsFieldsFragment, RecommendationsQuery } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { invalidate, updateCached, useDeferredReady, useGqlPages } from "../lib/data";
import { formatSalary } from "../lib/format";
import { jobPath } from "../lib/links";
import styles from "./DiscoverPage.module.css";
import { FRAMES } from "../lib/frames";


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

export function DiscoverPage() {
  const client = useQueryClient();
  // Scores come from the worker: poll while any recommendation is still being scored.
  // 20 at a time, "Load more" for the next ones.
  const list = useGqlPages(RecommendationsDocument, { first: 20, after: null }, (data) => data.recommendations, (data) =>
    data?.recommendations.edges.some((e) => e.node.scoreBreakdown == null) ? 1500 : false,
  );
  const query = list.pages[0];
  const [changed, setChanged] = useState(false);
  const [importing, setImporting] = useState(false);
  const ready = useDeferredReady(query.data != null);
  const items = query.data && ready ? list.pages.flatMap((p) => p.data?.recommendations.edges.map((e) => e.node) ?? []) : null;
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
      {...FRAMES.discover}
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
        <EmptyState
          title="No recommendations yet"
          actions={
            <Link to="/sources" className="button button-primary">
              Save a search
            </Link>
          }
        >
          Save a search or watch a company on the Sources page and new postings are fetched and scored here every day — or import one job from its link with Import a job above.
        </EmptyState>
      ) : (
        <>
          <p className="result-count muted" aria-live="polite">
            {total === 1 ? "1 recommendation" : `${total} recommendations`}
            {total > items.length ? ` — showing ${items.length}` : ""}
          </p>
          <ul className={styles.recoList}>
            {items.map((job) => (
              <li key={job.id}>
                <article className={`card ${styles.reco}`} aria-label={job.title}>
                  <header className={styles.recoHead}>
                    <div>
                      <h2 className={styles.jobTitle}>
                        <Link to={jobPath(job.id)}>{job.title}</Link>
                      </h2>
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
          <LoadMore list={list} left={total - items.length} />
        </>
      )}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Page>
  );
}
