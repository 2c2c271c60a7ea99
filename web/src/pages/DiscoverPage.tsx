/** Discover: recommendations (open jobs you have not applied to, best first) with the score
 * explained part by part, thumbs that tune your weights (and say why), and importing a job. */
import { useCallback, useEffect, useState } from "react";
import { MatchFeedbackGiveDocument, RecommendationsDocument } from "../api/discovery";
import { ApplicationCreateDocument } from "../api/operations";
import { ImportDialog } from "../components/discovery/ImportDialog";
import { ScoreBadge, Spinner } from "../components/ui";
import type { BreakdownFieldsFragment, MatchWeightsFieldsFragment, RecommendationsQuery } from "../gql/graphql";
import { formatSalary } from "../lib/format";
import { errorMessage, request } from "../lib/graphql";
import { useOnNotification } from "../lib/notifications";
import { Link } from "../lib/router";
import { useToast } from "../lib/toast";
import "../discovery.css";

type Recommendation = RecommendationsQuery["recommendations"]["edges"][number]["node"];

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
    <div className="card weights" data-testid="match-weights">
      <p>
        <strong>Your weights:</strong> skills {pct(weights.skills)} · location {pct(weights.location)} · experience {pct(weights.experience)}
      </p>
      <p className={changed ? "weights-reason weights-changed" : "weights-reason muted small"} role={changed ? "status" : undefined}>
        {weights.reason}
      </p>
    </div>
  );
}

function Breakdown({ breakdown, title }: { breakdown: BreakdownFieldsFragment; title: string }) {
  return (
    <div className="breakdown" data-testid="score-breakdown">
      <ul className="parts" aria-label={`Score parts of ${title}`}>
        {breakdown.parts.map((part) => (
          <li key={part.name} className="part">
            <span className="part-name">
              {PART_LABEL[part.name] ?? part.name} <span className="muted small">× {pct(part.weight)}</span>
            </span>
            <span
              className="part-track"
              role="meter"
              aria-label={`${PART_LABEL[part.name] ?? part.name} score`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={part.score}
            >
              <span className={`part-fill ${part.score >= 75 ? "tone-good" : part.score >= 50 ? "tone-warn" : "tone-bad"}`} style={{ width: `${part.score}%` }} />
            </span>
            <span className="part-score">{part.score}</span>
            <span className="part-detail small muted">{part.detail}</span>
          </li>
        ))}
      </ul>
      <ul className="skill-chips" aria-label="Skills">
        {breakdown.matched.map((s) => (
          <li key={`m-${s}`} className="skill-chip chip-matched" title="You have it">
            ✓ {s}
          </li>
        ))}
        {breakdown.missingMustHave.map((s) => (
          <li key={`r-${s}`} className="skill-chip chip-missing" title="Must-have you lack">
            ✗ {s}
          </li>
        ))}
        {breakdown.missingNiceToHave.map((s) => (
          <li key={`n-${s}`} className="skill-chip chip-nice" title="Nice-to-have you lack">
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
  const toast = useToast();
  const [items, setItems] = useState<Recommendation[] | null>(null);
  const [total, setTotal] = useState(0);
  const [weights, setWeights] = useState<MatchWeightsFieldsFragment | null>(null);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    try {
      const data = await request(RecommendationsDocument, { first: 20 });
      setItems(data.recommendations.edges.map((e) => e.node));
      setTotal(data.recommendations.totalCount);
      if (data.viewer) setWeights(data.viewer.matchWeights);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useOnNotification(() => void load());
  const scoring = items?.some((j) => j.scoreBreakdown == null) ?? false;
  useEffect(() => {
    if (!scoring) return;
    const timer = window.setInterval(() => void load(), 1500);
    return () => window.clearInterval(timer);
  }, [scoring, load]);

  const thumbs = async (job: Recommendation, rating: 1 | -1) => {
    setBusy(job.id);
    try {
      const payload = (await request(MatchFeedbackGiveDocument, { input: { jobId: job.id, rating } })).matchFeedbackGive;
      if (payload.errors.length || !payload.weights) {
        toast.show({ kind: "error", title: "Feedback not saved", body: payload.errors.map((e) => e.message).join(" ") });
        return;
      }
      setWeights(payload.weights);
      setChanged(true);
      toast.show({ kind: "success", title: rating > 0 ? "Thanks — more like this" : "Thanks — less like this", body: payload.weights.reason });
      window.setTimeout(() => void load(), 1200); // scores are recomputed by the worker
    } catch (e) {
      toast.show({ kind: "error", title: "Feedback not saved", body: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  const addToBoard = async (job: Recommendation) => {
    setBusy(job.id);
    try {
      const payload = (await request(ApplicationCreateDocument, { input: { jobId: job.id, status: "INTERESTED" } })).applicationCreate;
      if (payload.errors.length) {
        toast.show({ kind: "error", title: "Could not add to board", body: payload.errors.map((e) => e.message).join(" ") });
        return;
      }
      toast.show({ kind: "success", title: "Added to board", body: `${job.title} at ${job.company} is now in Interested.` });
      setItems((list) => list?.filter((j) => j.id !== job.id) ?? null);
      setTotal((t) => Math.max(0, t - 1));
    } catch (e) {
      toast.show({ kind: "error", title: "Could not add to board", body: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page" aria-labelledby="discover-title">
      <header className="page-header">
        <div>
          <h1 id="discover-title">Discover</h1>
          <p className="muted">Open jobs you have not applied to, best match first — each score explained.</p>
        </div>
        <div className="dc-actions">
          <Link to="/sources" className="button">
            Manage sources
          </Link>
          <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
            Import a job
          </button>
        </div>
      </header>
      {weights ? <WeightsSummary weights={weights} changed={changed} /> : null}
      {error ? (
        <div className="form-errors" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {items == null ? (
        error ? null : <Spinner label="Loading recommendations…" />
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
          <ul className="reco-list">
            {items.map((job) => (
              <li key={job.id}>
                <article className="card reco" aria-label={job.title}>
                  <header className="reco-head">
                    <div>
                      <h2 className="job-title">{job.title}</h2>
                      <p className="job-company">
                        {job.company}
                        {job.location ? ` · ${job.location}` : ""}
                        {formatSalary(job.salary) ? ` · ${formatSalary(job.salary)}` : ""}
                      </p>
                    </div>
                    <div className="reco-score">
                      <ScoreBadge score={job.scoreBreakdown ? job.scoreBreakdown.total : null} />
                      {job.scoreBreakdown ? (
                        <span className={`dc-band dc-band-${job.scoreBreakdown.band.toLowerCase()}`} data-testid="band">
                          {job.scoreBreakdown.band.toLowerCase()}
                        </span>
                      ) : null}
                      {job.scoreBreakdown?.provisional ? (
                        <span className="pill pill-provisional" title="The posting is thin, so this score may change">
                          Provisional
                        </span>
                      ) : null}
                      {job.isRepost ? <span className="pill">Repost</span> : null}
                    </div>
                  </header>
                  {job.scoreBreakdown ? <Breakdown breakdown={job.scoreBreakdown} title={job.title} /> : <p className="muted">Scoring…</p>}
                  <footer className="reco-actions">
                    <div className="thumbs" role="group" aria-label={`Feedback on ${job.title}`}>
                      <button type="button" className="button button-small" aria-label="Thumbs up" title="More like this" disabled={busy === job.id} onClick={() => void thumbs(job, 1)}>
                        <Thumb />
                      </button>
                      <button type="button" className="button button-small" aria-label="Thumbs down" title="Less like this" disabled={busy === job.id} onClick={() => void thumbs(job, -1)}>
                        <Thumb down />
                      </button>
                    </div>
                    {job.sourceUrl ? (
                      <a className="button button-small" href={job.sourceUrl} target="_blank" rel="noopener noreferrer">
                        Visit posting
                      </a>
                    ) : null}
                    <button type="button" className="button button-small button-primary" disabled={busy === job.id} onClick={() => void addToBoard(job)}>
                      Add to board
                    </button>
                  </footer>
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
      {importing ? <ImportDialog onClose={() => setImporting(false)} onSaved={() => void load()} /> : null}
    </section>
  );
}
