/** Settings: whether the configured model answers, and today's AI usage against the budget. */
import { useCallback, useEffect, useState } from "react";
import { AiUsageDocument, ModelStatusDocument } from "../api/ai";
import { Spinner } from "../components/ui";
import type { AiUsageQuery, ModelStatusQuery } from "../gql/graphql";
import { errorMessage, request } from "../lib/graphql";
import "../ai.css";

type Status = ModelStatusQuery["modelStatus"];
type Usage = NonNullable<AiUsageQuery["viewer"]>["aiUsage"];

export function SettingsPage() {
  const [status, setStatus] = useState<Status | null>(null);
  const [usage, setUsage] = useState<Usage | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async (refresh: boolean) => {
    setChecking(true);
    try {
      const [s, u] = await Promise.all([request(ModelStatusDocument, { refresh }), request(AiUsageDocument)]);
      setStatus(s.modelStatus);
      setUsage(u.viewer?.aiUsage ?? null);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    void check(false);
  }, [check]);

  const share = usage?.dailyTokenBudget ? Math.min(100, Math.round((usage.tokensToday / usage.dailyTokenBudget) * 100)) : 0;

  return (
    <section className="page page-narrow" aria-labelledby="settings-title">
      <header className="page-header">
        <div>
          <h1 id="settings-title">Settings</h1>
          <p className="muted">The AI model is set by the server's OPENAI_MODEL, OPENAI_BASE_URL and OPENAI_API_KEY.</p>
        </div>
      </header>
      {error ? (
        <div className="form-errors" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <section className="card form" aria-labelledby="model-title">
        <h2 id="model-title" className="form-title">
          AI model
        </h2>
        {!status ? (
          <Spinner label="Asking the model…" />
        ) : (
          <div className="model-status" data-testid="model-status">
            <p>
              {!status.configured ? (
                <span className="tag tag-offline">Offline engine</span>
              ) : status.ok ? (
                <span className="pill pill-offer">Answering</span>
              ) : (
                <span className="pill pill-rejected">Not answering</span>
              )}{" "}
              {status.model ? <strong>{status.model}</strong> : null}
            </p>
            <p role="status">{status.configured ? status.message : "No model is configured: the offline engine writes documents from templates and scores interviews with rules."}</p>
            {status.configured && !status.ok && status.code ? <p className="muted small">Error code: {status.code}</p> : null}
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void check(true)} disabled={checking}>
            {checking ? "Checking…" : "Check again"}
          </button>
        </div>
      </section>
      <section className="card form" aria-labelledby="usage-title">
        <h2 id="usage-title" className="form-title">
          Today's AI usage
        </h2>
        {usage ? (
          <>
            <p data-testid="token-usage">
              <strong>{usage.tokensToday.toLocaleString()}</strong>
              {usage.dailyTokenBudget ? ` of ${usage.dailyTokenBudget.toLocaleString()} tokens` : " tokens (no daily limit)"} ·{" "}
              {usage.requestsToday} request(s)
            </p>
            {usage.dailyTokenBudget ? (
              <div className="meter" role="meter" aria-label="Tokens used today" aria-valuemin={0} aria-valuemax={usage.dailyTokenBudget} aria-valuenow={usage.tokensToday}>
                <span style={{ width: `${share}%` }} />
              </div>
            ) : null}
            <p className="muted small">
              {usage.remainingTokens != null ? `${usage.remainingTokens.toLocaleString()} tokens left today. ` : ""}
              {usage.requestsPerMinute ? `At most ${usage.requestsPerMinute} AI requests a minute.` : ""} The budget resets at midnight in your time zone.
            </p>
          </>
        ) : (
          <Spinner label="Loading usage…" />
        )}
      </section>
    </section>
  );
}
