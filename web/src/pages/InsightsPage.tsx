/** Insights: everything the companion noticed, newest first, filtered by kind, state and priority;
 * each with its reasons, the rule that produced it, its state, feedback and dismiss. */
import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { InsightsDocument } from "../api/guidance";
import { InsightCard, useMarkRead } from "../components/guidance/InsightCard";
import { LoadError } from "../components/LoadError";
import { EmptyState } from "../components/EmptyState";
import { Page } from "../components/Page";
import { SelectField, Spinner } from "../components/ui";
import type { InsightKind, InsightPriority, InsightState } from "../gql/graphql";
import { useGql } from "../lib/data";
import { INSIGHT_KINDS, INSIGHT_STATES, PRIORITIES } from "../lib/guidance";
import styles from "./InsightsPage.module.css";
import { FRAMES } from "../lib/frames";

const PAGE_SIZE = 20;
const ANY = { value: "", label: "Any" };

export function InsightsPage() {
  const [kind, setKind] = useState<InsightKind | "">("");
  const [state, setState] = useState<InsightState | "">("");
  const [minPriority, setMinPriority] = useState<InsightPriority | "">("");
  const [pages, setPages] = useState(1);
  const filter = { kinds: kind ? [kind] : null, states: state ? [state] : null, minPriority: minPriority || null };
  // One growing page (first: 20 × pages) keeps every row in one cache entry that mutations update in place.
  const query = useGql(InsightsDocument, { first: PAGE_SIZE * pages, after: null, filter }, { placeholderData: keepPreviousData });
  const connection = query.data?.viewer?.insights ?? null;
  const insights = connection?.edges.map((e) => e.node) ?? null;
  useMarkRead(query.isPlaceholderData ? null : insights);
  const filtered = !!(kind || state || minPriority);
  const reset = (change: () => void) => {
    change();
    setPages(1);
  };

  return (
    <Page
      {...FRAMES.insights}
      actions={
        <Link to="/settings#guidance" className="button">
          Manage rules
        </Link>
      }
    >
      <form className={`toolbar ${styles.filters}`} aria-label="Filter insights" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Kind" value={kind} onChange={(e) => reset(() => setKind(e.target.value as InsightKind | ""))} options={[ANY, ...INSIGHT_KINDS]} />
        <SelectField label="State" value={state} onChange={(e) => reset(() => setState(e.target.value as InsightState | ""))} options={[ANY, ...INSIGHT_STATES]} />
        <SelectField
          label="Min priority"
          value={minPriority}
          onChange={(e) => reset(() => setMinPriority(e.target.value as InsightPriority | ""))}
          options={[ANY, ...PRIORITIES]}
        />
        {connection ? (
          <p className="result-count" role="status">
            {connection.totalCount} insight{connection.totalCount === 1 ? "" : "s"}
          </p>
        ) : null}
      </form>

      <LoadError error={query.error} onRetry={query.refetch} />
      {insights == null ? (
        query.error ? null : <Spinner label="Loading insights…" />
      ) : insights.length === 0 ? (
        <EmptyState
          title={filtered ? "No insight matches these filters" : "No insights yet"}
          actions={
            <>
              <Link to="/goals?new=1" className="button button-primary">
                Set a goal
              </Link>
              <Link to="/jobs?new=1" className="button">
                Track a job
              </Link>
            </>
          }
        >
          Set a goal or track a job: the companion speaks when they give it a reason.
        </EmptyState>
      ) : (
        <>
          <ul className={styles.list} aria-label="Insights">
            {insights.map((insight) => (
              <li key={insight.id}>
                <InsightCard insight={insight} detailed headingLevel={2} />
              </li>
            ))}
          </ul>
          {connection?.pageInfo.hasNextPage ? (
            <p className={styles.more}>
              <button type="button" className="button" disabled={query.isFetching} onClick={() => setPages((n) => n + 1)}>
                {query.isFetching ? "Loading…" : "Show more"}
              </button>
            </p>
          ) : null}
        </>
      )}
    </Page>
  );
}
