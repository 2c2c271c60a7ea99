/**
 * Settings → Connected accounts: the sign-in providers connected to this account, with Disconnect
 * (refused by the server when it is the last way to sign in), and Connect for the configured ones not
 * connected yet (the API sends the browser to the provider and back to /settings?connected=…).
 */
import { useSearchParams } from "react-router";
import { ConnectedAccountsDocument, IdentityConnectDocument, IdentityDisconnectDocument } from "../../api/identity";
import { useMutationForm } from "../../hooks/useMutationForm";
import { useGql } from "../../lib/data";
import { formatDateTime } from "../../lib/format";
import { Section } from "../Page";
import { FormErrors, Spinner } from "../ui";
import styles from "./ConnectedAccountsSection.module.css";

export function ConnectedAccountsSection() {
  const [search] = useSearchParams();
  const query = useGql(ConnectedAccountsDocument, {});
  const providers = query.data?.authProviders ?? [];
  const viewer = query.data?.viewer ?? null;
  const connect = useMutationForm(IdentityConnectDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.url,
    refused: "Connecting could not start.",
    onSuccess: (payload) => window.location.assign(payload.url!),
  });
  const disconnect = useMutationForm(IdentityDisconnectDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.disconnected,
    refused: "The account could not be disconnected.",
    invalidates: [ConnectedAccountsDocument],
  });
  if (!providers.length && !viewer?.connectedAccounts.length) return null; // no provider configured on this server
  const connected = search.get("connected");
  const authError = search.get("authError");
  const label = (name: string) => providers.find((p) => p.name === name)?.label ?? name;

  return (
    <Section title="Connected accounts" heading="form-title" className="card form" data-testid="connected-accounts">
      {connected ? (
        <p className="notice" role="status">
          {label(connected)} is connected: you can sign in with it.
        </p>
      ) : null}
      <FormErrors messages={[...(authError ? [authError] : []), ...connect.general, ...disconnect.general]} />
      {!viewer ? (
        <Spinner label="Loading connected accounts…" />
      ) : (
        <>
          {viewer.connectedAccounts.length ? (
            <ul className={styles.list}>
              {viewer.connectedAccounts.map((account) => (
                <li key={account.id} className={styles.item} data-testid="connected-account">
                  <div>
                    <strong>{account.providerLabel}</strong>
                    <span className="muted small">
                      {" "}
                      {account.email ?? ""} · since {formatDateTime(account.createdAt)}
                    </span>
                  </div>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={disconnect.busy}
                    onClick={() => void disconnect.submit({ input: { id: account.id } })}
                  >
                    Disconnect {account.providerLabel}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No provider is connected: you sign in with your password.</p>
          )}
          {!viewer.hasPassword ? <p className="muted small">This account has no password, so its last connected provider cannot be disconnected.</p> : null}
          <div className="form-actions">
            {providers.map((provider) => (
              <button
                key={provider.name}
                type="button"
                className="button"
                disabled={connect.busy}
                onClick={() => void connect.submit({ input: { provider: provider.name } })}
              >
                Connect {provider.label}
              </button>
            ))}
          </div>
        </>
      )}
    </Section>
  );
}
