/** Why a job scored what it did: the breakdown's sentences (skills, skill years, languages, location,
 * experience) and what would raise it. Loaded when the person opens it. */
import { JobScoreDocument } from "../api/operations";
import type { JobScoreQuery } from "../gql/graphql";
import { nodeAs, useGql } from "../lib/data";
import { Spinner } from "./ui";

type ScoredJob = Extract<NonNullable<JobScoreQuery["node"]>, { matchScore?: unknown }>;

export function ScoreExplanation({ jobId, title }: { jobId: string; title: string }) {
  const query = useGql(JobScoreDocument, { id: jobId }, {
    // the worker scores in the background: ask again until the breakdown is there
    refetchInterval: ({ state }) => (nodeAs<ScoredJob>(state.data?.node, "matchScore")?.scoreBreakdown ? false : 1500),
  });
  const job = nodeAs<ScoredJob>(query.data?.node, "matchScore");
  const breakdown = job?.scoreBreakdown;
  return (
    <section aria-label={`Score explanation of ${title}`} data-testid="score-explanation">
      {!breakdown ? (
        <Spinner label="Scoring…" />
      ) : (
        <>
          <ul className="small">
            {breakdown.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {breakdown.whatWouldRaiseIt.length ? (
            <p className="small">
              <strong>What would raise it:</strong> {breakdown.whatWouldRaiseIt.join(", ")}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
