/**
 * Career recommendations: generate, read each one's reasoning and how its three scores were
 * computed, accept it (optionally with a target date: the goal is created and opened) or decline
 * it with a reason; what was accepted or declined stays below as history.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { GOAL_QUERIES } from "../api/affects";
import { CareerRecommendationAcceptDocument, CareerRecommendationDeclineDocument, CareerRecommendationsDocument, CareerRecommendationsGenerateDocument } from "../api/guidance";
import { LoadError } from "../components/LoadError";
import { EmptyState } from "../components/EmptyState";
import { Page, Section } from "../components/Page";
import { FormDialog, FormErrors, Spinner, TextArea, TextField } from "../components/ui";
import type { CareerRecommendationFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { formatDay, plural, today } from "../lib/career";
import { invalidate, useGql } from "../lib/data";
import { formatDate, labelOf } from "../lib/format";
import { EFFORTS, percent, RECOMMENDATION_TYPES, SCORE_NAMES } from "../lib/guidance";
import { useViewer } from "../lib/viewer";
import styles from "./RecommendationsPage.module.css";
import { FRAMES } from "../lib/frames";

type Recommendation = CareerRecommendationFieldsFragment;
const ALL = { states: null };

export function RecommendationsPage() {
  const client = useQueryClient();
  const query = useGql(CareerRecommendationsDocument, ALL);
  const all = query.data?.viewer?.careerRecommendations ?? null;
  const open = all?.filter((r) => r.state === "OPEN") ?? null;
  const decided = (all?.filter((r) => r.state !== "OPEN") ?? []).sort((a, b) => (b.decidedAt ?? "").localeCompare(a.decidedAt ?? ""));
  const [accepting, setAccepting] = useState<Recommendation | null>(null);
  const [declining, setDeclining] = useState<Recommendation | null>(null);
  const generate = useMutationForm(CareerRecommendationsGenerateDocument, {
    errorToast: "Could not generate recommendations",
    invalidates: [CareerRecommendationsDocument],
    successToast: (p) => ({ title: p.recommendations.length ? `${plural(p.recommendations.length, "recommendation")} ready` : "Nothing new to recommend right now" }),
  });

  return (
    <Page
      {...FRAMES.recommendations}
      actions={
        // with nothing open, the empty state holds the one Generate button
        open?.length ? (
          <button type="button" className="button button-primary" disabled={generate.busy} onClick={() => void generate.submit({ input: { limit: 5 } })}>
            {generate.busy ? "Thinking…" : "Generate recommendations"}
          </button>
        ) : undefined
      }
    >
      <LoadError error={query.error} onRetry={query.refetch} />
      {open == null ? (
        query.error ? null : <Spinner label="Loading recommendations…" />
      ) : open.length === 0 ? (
        <EmptyState
          title="No open recommendation"
          actions={
            <button type="button" className="button button-primary" disabled={generate.busy} onClick={() => void generate.submit({ input: { limit: 5 } })}>
              {generate.busy ? "Thinking…" : "Generate recommendations"}
            </button>
          }
        >
          Generate recommendations from your goals, skills, journey and the market.
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Open recommendations">
          {open.map((r) => (
            <li key={r.id}>
              <RecommendationCard recommendation={r} onAccept={() => setAccepting(r)} onDecline={() => setDeclining(r)} />
            </li>
          ))}
        </ul>
      )}

      {decided.length ? (
        <Section title="Accepted and declined" data-testid="recommendation-history">
          <ul className={styles.history} aria-label="Decided recommendations">
            {decided.map((r) => (
              <li key={r.id}>
                <span className={`pill ${r.state === "ACCEPTED" ? "pill-offer" : "pill-declined"}`}>{r.state === "ACCEPTED" ? "Accepted" : "Declined"}</span>{" "}
                <strong>{r.title}</strong>
                <span className="muted small"> · {labelOf(RECOMMENDATION_TYPES, r.type)}{r.decidedAt ? ` · ${formatDate(r.decidedAt)}` : ""}</span>
                {r.state === "DECLINED" && r.declineReason ? <p className="muted small">Reason: {r.declineReason}</p> : null}
                {r.goal ? (
                  <p className="small">
                    Goal: <Link to={`/goals/${encodeURIComponent(r.goal.id)}`}>{r.goal.title}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {accepting ? <AcceptDialog recommendation={accepting} onClose={() => setAccepting(null)} onDone={() => void invalidate(client, GOAL_QUERIES)} /> : null}
      {declining ? <DeclineDialog recommendation={declining} onClose={() => setDeclining(null)} /> : null}
    </Page>
  );
}

function RecommendationCard({ recommendation: r, onAccept, onDecline }: { recommendation: Recommendation; onAccept: () => void; onDecline: () => void }) {
  const explained = new Map(r.scoring.map((s) => [s.name, s]));
  const scores: [key: string, value: number][] = [
    ["confidence", r.confidence],
    ["market_relevance", r.marketRelevance],
    ["personal_fit", r.personalFit],
  ];
  return (
    <article className={`card ${styles.card}`} aria-labelledby={`rec-${r.id}`} data-testid="recommendation">
      <header>
        <p className="muted small">
          <span className="pill">{labelOf(RECOMMENDATION_TYPES, r.type)}</span> {labelOf(EFFORTS, r.effort)} · about {plural(r.timeToCompleteDays, "day")}
        </p>
        <h2 id={`rec-${r.id}`} className={styles.title}>
          {r.title}
        </h2>
      </header>
      <p>{r.description}</p>
      <dl className="facts">
        <dt>Why</dt>
        <dd>{r.reasoning}</dd>
        <dt>Expected impact</dt>
        <dd>{r.expectedImpact}</dd>
      </dl>
      <ul className={styles.scores} aria-label={`Scores of ${r.title}`}>
        {scores.map(([key, value]) => (
          <li key={key}>
            <div className={styles.scoreHead}>
              <span>{SCORE_NAMES[key]}</span>
              <strong>{percent(value)}</strong>
            </div>
            <div className={styles.meter} role="meter" aria-label={SCORE_NAMES[key]} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)}>
              <span style={{ width: `${Math.round(value * 100)}%` }} />
            </div>
            {explained.get(key)?.explanation ? <p className="muted small">{explained.get(key)!.explanation}</p> : null}
          </li>
        ))}
      </ul>
      {r.goalSteps.length ? (
        <details className={styles.steps}>
          <summary>The goal's steps if you accept</summary>
          <ol>
            {r.goalSteps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </details>
      ) : null}
      <footer className={styles.actions}>
        <button type="button" className="button" onClick={onDecline} aria-label={`Decline: ${r.title}`}>
          Decline
        </button>
        <button type="button" className="button button-primary" onClick={onAccept} aria-label={`Accept: ${r.title}`}>
          Accept
        </button>
      </footer>
    </article>
  );
}

function AcceptDialog({ recommendation, onClose, onDone }: { recommendation: Recommendation; onClose: () => void; onDone: () => void }) {
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const [targetDate, setTargetDate] = useState("");
  const form = useMutationForm(CareerRecommendationAcceptDocument, {
    fields: ["targetDate"],
    invalidates: [CareerRecommendationsDocument],
    onSuccess: (payload) => {
      onDone();
      onClose();
      if (payload.goal) navigate(`/goals/${encodeURIComponent(payload.goal.id)}`);
    },
    successToast: (payload) => ({ title: "Goal set", body: `${payload.goal?.title ?? recommendation.title} — recorded as a decision in your journal.` }),
  });
  return (
    <FormDialog title="Accept this recommendation?" label="Accept and create the goal" busyLabel="Creating…" busy={form.busy} onClose={onClose} onSubmit={form.handle({ input: { id: recommendation.id, targetDate: targetDate || null } })}>
      <FormErrors messages={form.general} />
      <p>
        <strong>{recommendation.title}</strong> becomes a goal{recommendation.goalSteps.length ? ` with ${plural(recommendation.goalSteps.length, "step")}` : ""}.
      </p>
      <TextField
        label="Target date (optional)"
        type="date"
        min={today(viewer?.timezone)}
        value={targetDate}
        onChange={(e) => setTargetDate(e.target.value)}
        error={form.fieldErrors.targetDate}
        hint={`Leave empty for about ${plural(recommendation.timeToCompleteDays, "day")} from today.`}
      />
      {targetDate ? <p className="muted small">Target: {formatDay(targetDate)}</p> : null}
    </FormDialog>
  );
}

function DeclineDialog({ recommendation, onClose }: { recommendation: Recommendation; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const form = useMutationForm(CareerRecommendationDeclineDocument, {
    fields: ["reason"],
    invalidates: [CareerRecommendationsDocument],
    onSuccess: onClose,
    successToast: () => ({ title: "Declined", body: "It will not be suggested again unless the facts behind it change." }),
  });
  return (
    <FormDialog title="Decline this recommendation?" label="Decline" busyLabel="Declining…" busy={form.busy} onClose={onClose} onSubmit={form.handle({ input: { id: recommendation.id, reason: reason.trim() || null } })}>
      <FormErrors messages={form.general} />
      <p>
        <strong>{recommendation.title}</strong>
      </p>
      <TextArea label="Why not? (optional)" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={form.fieldErrors.reason} placeholder="Not now, too expensive, not my direction…" />
    </FormDialog>
  );
}
