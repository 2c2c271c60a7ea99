/**
 * One insight: what the companion noticed, why (its evidence, behind "Why?"), what to do about it
 * (actions: a link, or a one-click mutation whose result is shown), dismiss and 👍/👎.
 * Used by the Today and Insights pages; `replaceInsight` keeps both caches in step.
 */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { GOAL_QUERIES } from "../../api/affects";
import { InsightActDocument, InsightDismissDocument, InsightFeedbackDocument, InsightReadDocument, InsightsDocument, TodayDocument } from "../../api/guidance";
import type { InsightActMutation, InsightFieldsFragment, InsightState, InsightsQuery, TodayQuery } from "../../gql/graphql";
import { useMutationForm } from "../../hooks/useMutationForm";
import { formatDay } from "../../lib/career";
import { invalidate, mutation, updateCached } from "../../lib/data";
import { labelOf, timeAgo } from "../../lib/format";
import { INSIGHT_KINDS, INSIGHT_STATES, PRIORITIES } from "../../lib/guidance";
import { WELCOME_KEY, type Welcome } from "../../lib/visit";
import styles from "./InsightCard.module.css";

type Insight = InsightFieldsFragment;
type Action = Insight["actions"][number];
type ActPayload = InsightActMutation["insightAct"];

/** Put a changed insight into every cached list that shows it (Today, Insights, the welcome back). */
export function replaceInsight(client: QueryClient, insight: Partial<Insight> & { id: string }): void {
  const merge = (x: Insight) => (x.id === insight.id ? { ...x, ...insight } : x);
  updateCached(client, TodayDocument, (data: TodayQuery) => (data.viewer ? { ...data, viewer: { ...data.viewer, topInsights: data.viewer.topInsights.map(merge) } } : data));
  updateCached(client, InsightsDocument, (data: InsightsQuery) =>
    data.viewer
      ? { ...data, viewer: { ...data.viewer, insights: { ...data.viewer.insights, edges: data.viewer.insights.edges.map((e) => ({ ...e, node: merge(e.node) })) } } }
      : data,
  );
  client.setQueryData<Welcome>(WELCOME_KEY, (w) =>
    w?.welcomeBack.insight?.id === insight.id ? { ...w, welcomeBack: { ...w.welcomeBack, insight: { ...w.welcomeBack.insight, ...insight } } } : w,
  );
}

/** Mark the NEW insights shown on screen read, once each (a failure only leaves them new). */
export function useMarkRead(insights: readonly Insight[] | null): void {
  const client = useQueryClient();
  const sent = useRef(new Set<string>());
  useEffect(() => {
    const ids = (insights ?? []).filter((i) => i.state === "NEW" && !sent.current.has(i.id)).map((i) => i.id);
    if (!ids.length) return;
    ids.forEach((id) => sent.current.add(id));
    mutation(InsightReadDocument)({ input: { ids } })
      .then((payload) => payload.insights.forEach((i) => replaceInsight(client, { id: i.id, state: i.state as InsightState, readAt: i.readAt })))
      .catch(() => undefined);
  }, [insights, client]);
}

/** What a one-click action did, in words, with where to look. */
function describeResult(action: Action, payload: ActPayload): { text: string; href: string | null; linkLabel: string } {
  const goal = payload.goal;
  const goalHref = goal ? `/goals/${encodeURIComponent(goal.id)}` : null;
  const href = payload.href ?? goalHref;
  switch (action.kind) {
    case "SET_TARGET_DATE":
      return { text: goal?.targetDate ? `Target date moved to ${formatDay(goal.targetDate)}` : "Target date changed", href, linkLabel: goal ? `Open “${goal.title}”` : "Open the goal" };
    case "SPLIT_STEP":
      return { text: "The step is split into smaller ones", href, linkLabel: goal ? `Open “${goal.title}”` : "Open the goal" };
    case "ADAPT_GOAL":
      return { text: goal?.targetDate ? `Goal adapted: target ${formatDay(goal.targetDate)}` : "Goal adapted", href, linkLabel: goal ? `Open “${goal.title}”` : "Open the goal" };
    case "PAUSE_GOAL":
      return { text: goal ? `“${goal.title}” is paused` : "Goal paused", href, linkLabel: "Open the goal" };
    case "CREATE_GOAL":
      return { text: goal ? `Goal created: ${goal.title}` : "Goal created", href, linkLabel: "Open the goal" };
    case "DRAFT_EMAIL":
      return { text: payload.document ? `Email drafted: ${payload.document.title}` : "Email drafted", href: payload.document ? `/documents/${encodeURIComponent(payload.document.id)}` : href, linkLabel: "Open the draft" };
    default:
      return { text: "Done", href, linkLabel: "Open" };
  }
}

interface Props {
  insight: Insight;
  /** Show the rule, state and dates (the Insights page's history). */
  detailed?: boolean;
  headingLevel?: 2 | 3;
}

export function InsightCard({ insight, detailed = false, headingLevel = 3 }: Props) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [why, setWhy] = useState(false);
  const [result, setResult] = useState<ReturnType<typeof describeResult> | null>(null);
  const whyId = useId();
  const titleId = useId();
  const act = useMutationForm(InsightActDocument, {
    errorToast: "Could not do that",
    onSuccess: (payload, { input }) => {
      if (payload.insight) replaceInsight(client, payload.insight);
      void invalidate(client, GOAL_QUERIES);
      const action = insight.actions.find((a) => a.index === input.action);
      if (!action) return;
      const described = describeResult(action, payload);
      if (action.kind === "DRAFT_EMAIL" && described.href) navigate(described.href);
      else setResult(described);
    },
  });
  const dismiss = useMutationForm(InsightDismissDocument, { errorToast: "Could not dismiss", onSuccess: (p) => p.insight && replaceInsight(client, p.insight) });
  const feedback = useMutationForm(InsightFeedbackDocument, { errorToast: "Could not save your feedback", onSuccess: (p) => p.insight && replaceInsight(client, p.insight) });
  const open = insight.state !== "DISMISSED" && insight.state !== "EXPIRED" && insight.state !== "ACTED";
  // Links stay usable after the insight was acted on; one-click changes do not run twice.
  const actions = open ? insight.actions : insight.state === "ACTED" ? insight.actions.filter((a) => a.kind === "OPEN") : [];
  const busy = act.busy || dismiss.busy;

  const run = (action: Action) => {
    if (action.kind === "OPEN") {
      // Navigate at once; recording that it was acted on must not hold the person back.
      if (insight.state !== "DISMISSED" && insight.state !== "EXPIRED") mutation(InsightActDocument)({ input: { id: insight.id, action: action.index } }).then((p) => p.insight && replaceInsight(client, p.insight)).catch(() => undefined);
      if (action.href) navigate(action.href);
      return;
    }
    void act.submit({ input: { id: insight.id, action: action.index } });
  };

  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className={`card ${styles.insight} ${styles[`priority-${insight.priority.toLowerCase()}`] ?? ""}`} aria-labelledby={titleId} data-testid="insight" data-kind={insight.kind} data-state={insight.state}>
      <header className={styles.head}>
        <div className={styles.headText}>
          <Heading id={titleId} className={styles.title}>
            {insight.title}
          </Heading>
          <p className="muted small">
            <span className={`pill ${styles.kind}`}>{labelOf(INSIGHT_KINDS, insight.kind)}</span>{" "}
            <span className={styles.priority}>{labelOf(PRIORITIES, insight.priority)} priority</span>
            {detailed ? (
              <>
                {" · "}
                <span data-testid="insight-state">{labelOf(INSIGHT_STATES, insight.state)}</span>
                {insight.ruleName ? ` · rule: ${insight.ruleName}` : ""}
              </>
            ) : null}
            {" · "}
            <time dateTime={insight.createdAt}>{timeAgo(insight.createdAt)}</time>
          </p>
        </div>
      </header>
      <p className={styles.message}>{insight.message}</p>
      {insight.rephrased ? <p className="muted small">Worded by the AI model; the facts and numbers are ours.</p> : null}

      {insight.evidence.length ? (
        <div className={styles.why}>
          <button type="button" className="link-button" aria-expanded={why} aria-controls={whyId} onClick={() => setWhy((w) => !w)}>
            {why ? "Hide why" : "Why?"}
          </button>
          <div id={whyId}>
            {why ? (
              <dl className={`facts ${styles.evidence}`} aria-label={`Why: ${insight.title}`}>
                {insight.evidence.map((e) => (
                  <div key={`${e.label}-${e.value}`} className={styles.fact}>
                    <dt>{e.label}</dt>
                    <dd>{e.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </div>
        </div>
      ) : null}

      {result ? (
        <p className={styles.result} role="status" data-testid="insight-result">
          <strong>{result.text}.</strong>{" "}
          {result.href ? (
            <Link to={result.href}>{result.linkLabel}</Link>
          ) : null}
        </p>
      ) : null}

      <footer className={styles.foot}>
        {actions.length ? (
          <div className={styles.actions} role="group" aria-label={`Actions: ${insight.title}`}>
            {actions.map((action, i) => (
              <button key={action.index} type="button" className={i === 0 ? "button button-primary button-small" : "button button-small"} disabled={busy} onClick={() => run(action)}>
                {act.pending?.input.action === action.index ? "Working…" : action.label}
              </button>
            ))}
          </div>
        ) : (
          <span className="muted small">
            {insight.state === "ACTED" ? "Done" : insight.state === "DISMISSED" ? "Dismissed" : insight.state === "EXPIRED" ? "Expired" : ""}
          </span>
        )}
        <div className={styles.meta}>
          <div className={styles.feedback} role="group" aria-label="Was this useful?">
            <button
              type="button"
              className={styles.thumb}
              aria-label="Useful"
              aria-pressed={insight.verdict === "USEFUL"}
              disabled={feedback.busy}
              onClick={() => void feedback.submit({ input: { id: insight.id, verdict: "USEFUL" } })}
            >
              <Thumb />
            </button>
            <button
              type="button"
              className={styles.thumb}
              aria-label="Not useful"
              aria-pressed={insight.verdict === "NOT_USEFUL"}
              disabled={feedback.busy}
              onClick={() => void feedback.submit({ input: { id: insight.id, verdict: "NOT_USEFUL" } })}
            >
              <Thumb down />
            </button>
          </div>
          {open ? (
            <button type="button" className="link-button" disabled={busy} onClick={() => void dismiss.submit({ input: { id: insight.id } })} aria-label={`Dismiss: ${insight.title}`}>
              Dismiss
            </button>
          ) : null}
        </div>
      </footer>
    </article>
  );
}

/** A thumb up (or down), drawn: emoji fonts are not everywhere. */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" style={down ? { transform: "rotate(180deg)" } : undefined}>
      <path
        d="M7 10v11H3V10h4Zm2 11h8.3a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.7 10H14l.7-4.2A2 2 0 0 0 12.8 3.5L9 10v11Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}
