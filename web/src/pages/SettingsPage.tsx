/** Settings: whether the configured model answers, today's AI usage against the budget, notifications
 * (what reaches you where, channels, briefings, quiet hours, the delivery log) and guidance (how often
 * the companion speaks, and its rules), access tokens and the AI assistants' (MCP) configuration. */
import { keepPreviousData } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { AiUsageDocument, ModelStatusDocument } from "../api/ai";
import { Page, Section } from "../components/Page";
import { LoadError } from "../components/LoadError";
import { NotificationsSection } from "../components/delivery/NotificationsSection";
import { GuidanceSection } from "../components/guidance/GuidanceSection";
import { AccessTokensSection } from "../components/tokens/AccessTokensSection";
import { McpSection } from "../components/tokens/McpSection";
import { ConnectedAccountsSection } from "../components/identity/ConnectedAccountsSection";
import { AccountSection } from "../components/account/AccountSection";
import { Spinner } from "../components/ui";
import { useGql } from "../lib/data";
import styles from "./SettingsPage.module.css";
import { plural } from "../lib/format";
import { FRAMES } from "../lib/frames";

export function SettingsPage() {
  // "Check again" asks the model for real (refresh: true) instead of the cached answer.
  const [refresh, setRefresh] = useState(false);
  const statusQuery = useGql(ModelStatusDocument, { refresh }, { placeholderData: keepPreviousData });
  const usageQuery = useGql(AiUsageDocument, {});
  const status = statusQuery.data?.modelStatus ?? null;
  const usage = usageQuery.data ? (usageQuery.data.viewer?.aiUsage ?? null) : null;
  const checking = statusQuery.isFetching || usageQuery.isFetching;
  const checkAgain = () => {
    if (refresh) void statusQuery.refetch();
    else setRefresh(true);
    void usageQuery.refetch();
  };

  // The sections below the first screen render a moment later, in the background (in slices):
  // all of them at once made one long task before anything of the page could show.
  const rest = useDeferredValue(true, false);

  const share = usage?.dailyTokenBudget ? Math.min(100, Math.round((usage.tokensToday / usage.dailyTokenBudget) * 100)) : 0;

  return (
    <Page {...FRAMES.settings}>
      <LoadError error={statusQuery.error ?? usageQuery.error} />
      <Section title="AI model" heading="form-title" className="card form">
        {!status ? (
          <Spinner label="Asking the model…" />
        ) : (
          <div className={styles.modelStatus} data-testid="model-status">
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
            <p role="status">{status.configured ? status.message : "No model is configured."}</p>
            {status.configured ? null : <p className="muted small">Documents come from templates; interviews are scored by rules.</p>}
            {status.configured && !status.ok && status.code ? <p className="muted small">Error code: {status.code}</p> : null}
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={checkAgain} disabled={checking}>
            {checking ? "Checking…" : "Check again"}
          </button>
        </div>
      </Section>
      <Section title="Today's AI usage" heading="form-title" className="card form">
        {usage ? (
          <>
            <p data-testid="token-usage">
              <strong>{usage.tokensToday.toLocaleString()}</strong>
              {usage.dailyTokenBudget ? ` of ${usage.dailyTokenBudget.toLocaleString()} tokens` : " tokens (no daily limit)"} ·{" "}
              {plural(usage.requestsToday, "request")}
            </p>
            {usage.dailyTokenBudget ? (
              <div className={styles.meter} role="meter" aria-label="Tokens used today" aria-valuemin={0} aria-valuemax={usage.dailyTokenBudget} aria-valuenow={usage.tokensToday}>
                <span style={{ width: `${share}%` }} />
              </div>
            ) : null}
            <p className="muted small">
              {usage.remainingTokens != null ? `${usage.remainingTokens.toLocaleString()} tokens left today. ` : ""}
              {usage.requestsPerMinute ? `At most ${usage.requestsPerMinute} AI requests a minute. ` : ""}Resets at midnight, your time.
            </p>
          </>
        ) : (
          <Spinner label="Loading usage…" />
        )}
      </Section>
      {rest ? (
        <>
          <NotificationsSection />
          <GuidanceSection />
          <AccessTokensSection />
          <McpSection />
          <ConnectedAccountsSection />
          <AccountSection />
        </>
      ) : null}
    </Page>
  );
}
