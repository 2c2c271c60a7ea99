/**
 * Settings → Access tokens: personal access tokens for scripts and AI assistants. Create one
 * (a name, read/write per area, an expiry), see it once with Copy, list them with their last use,
 * revoke one.
 */
import { useState } from "react";
import { PersonalAccessTokenCreateDocument, PersonalAccessTokenRevokeDocument, PersonalAccessTokensDocument } from "../../api/tokens";
import { useMutationForm } from "../../hooks/useMutationForm";
import { useGql } from "../../lib/data";
import { formatDateTime } from "../../lib/format";
import { LoadError } from "../LoadError";
import { Section } from "../Page";
import { CopyButton, FormErrors, SelectField, Spinner, SubmitButton, TextField } from "../ui";
import styles from "./Tokens.module.css";

const AREAS = [
  { key: "jobs", label: "Jobs and applications" },
  { key: "career", label: "Career memory and goals" },
  { key: "documents", label: "Documents" },
  { key: "profile", label: "Profile and settings" },
] as const;
const EXPIRIES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
];

function scopeLabel(scope: string): string {
  return scope.toLowerCase().replace("_", ":");
}

export function AccessTokensSection() {
  const query = useGql(PersonalAccessTokensDocument, {});
  const tokens = query.data?.viewer?.personalAccessTokens ?? null;
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["jobs:read"]);
  const [days, setDays] = useState("90");
  const [shown, setShown] = useState<string | null>(null);
  const create = useMutationForm(PersonalAccessTokenCreateDocument, {
    fields: ["name", "scopes", "expiresInDays"],
    accepted: (payload) => !payload.errors.length && !!payload.token,
    refused: "The token could not be created.",
    invalidates: [PersonalAccessTokensDocument],
    onSuccess: (payload) => {
      setShown(payload.token!);
      setName("");
    },
  });
  const revoke = useMutationForm(PersonalAccessTokenRevokeDocument, {
    invalidates: [PersonalAccessTokensDocument],
    errorToast: "The token could not be revoked",
    successToast: () => ({ title: "Token revoked", body: "Anything using it is refused from now on." }),
  });
  const toggle = (scope: string, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const now = Date.now();

  return (
    <Section title="Access tokens" heading="form-title" className="card form" data-testid="access-tokens">
      <p className="muted small">
        For scripts and AI assistants: send a token as <code>Authorization: Bearer …</code> to <code>/graphql</code>, <code>/mcp</code> or a
        document export. It can only do what its scopes allow, and never create tokens or change your password or email.
      </p>
      <form onSubmit={create.handle(() => ({ input: { name, scopes, expiresInDays: Number(days) } }))}>
        <FormErrors messages={create.general} />
        <TextField label="Token name" value={name} onChange={(e) => setName(e.target.value)} error={create.fieldErrors.name} placeholder="e.g. Claude on my laptop" maxLength={100} />
        <fieldset className={styles.group}>
          <legend>Scopes</legend>
          <div className={styles.scopes}>
            {AREAS.map((area) => (
              <ScopeRow key={area.key} area={area} scopes={scopes} toggle={toggle} />
            ))}
          </div>
          {create.fieldErrors.scopes ? (
            <p className="field-error" role="alert" data-field-error>
              {create.fieldErrors.scopes}
            </p>
          ) : null}
        </fieldset>
        <SelectField label="Expires after" value={days} onChange={(e) => setDays(e.target.value)} options={EXPIRIES} error={create.fieldErrors.expiresInDays} />
        <div className="form-actions">
          <SubmitButton busy={create.busy} label="Create token" busyLabel="Creating…" />
        </div>
      </form>
      {shown ? (
        <div data-testid="new-token">
          <label htmlFor="new-token">Your new token</label>
          <div className={styles.secret}>
            <input id="new-token" readOnly value={shown} onFocus={(e) => e.target.select()} aria-describedby="new-token-hint" />
            <CopyButton text={shown} label="Copy token" className="button button-primary" />
          </div>
          <p className="field-hint" id="new-token-hint">
            Shown only now: copy it somewhere safe. It is stored hashed, so it cannot be shown again.
          </p>
        </div>
      ) : null}
      <LoadError error={query.error} onRetry={query.refetch} />
      {!tokens ? (
        query.error ? null : <Spinner label="Loading your tokens…" />
      ) : tokens.length === 0 ? (
        <p className="muted small">No tokens yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="token-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Scopes</th>
                <th>Last used</th>
                <th>Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const expired = new Date(token.expiresAt).getTime() <= now;
                return (
                  <tr key={token.id} data-testid="token-row">
                    <td>
                      <strong>{token.name}</strong>
                      <div className="muted small">cc_pat_{token.prefix}_…</div>
                    </td>
                    <td className="small">{token.scopes.map(scopeLabel).join(", ")}</td>
                    <td className="small" data-testid="token-last-used">
                      {token.lastUsedAt ? `${formatDateTime(token.lastUsedAt)}${token.lastUsedIp ? ` from ${token.lastUsedIp}` : ""}` : "Never"}
                    </td>
                    <td className="small">{formatDateTime(token.expiresAt)}</td>
                    <td>
                      {token.revokedAt ? (
                        <span className="pill pill-declined">Revoked</span>
                      ) : expired ? (
                        <span className="pill pill-declined">Expired</span>
                      ) : (
                        <button
                          type="button"
                          className="button button-small button-ghost-danger"
                          disabled={revoke.busy}
                          onClick={() => void revoke.submit({ input: { id: token.id } })}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function ScopeRow({ area, scopes, toggle }: { area: { key: string; label: string }; scopes: string[]; toggle: (scope: string, on: boolean) => void }) {
  const read = `${area.key}:read`;
  const write = `${area.key}:write`;
  return (
    <>
      <span>{area.label}</span>
      <label className={styles.check}>
        <input type="checkbox" className="check" checked={scopes.includes(read) || scopes.includes(write)} disabled={scopes.includes(write)} onChange={(e) => toggle(read, e.target.checked)} aria-label={`${area.label}: read`} />
        <span>Read</span>
      </label>
      <label className={styles.check}>
        <input type="checkbox" className="check" checked={scopes.includes(write)} onChange={(e) => toggle(write, e.target.checked)} aria-label={`${area.label}: write`} />
        <span>Write</span>
      </label>
    </>
  );
}
