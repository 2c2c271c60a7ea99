/**
 * "Continue with …" for every sign-in provider the server has configured (none: nothing shown).
 * Part of the signed-out pages, so it reads with `request`, not the query cache (see AuthPages).
 */
import { useEffect, useState } from "react";
import { AuthProvidersDocument } from "../api/identity";
import type { AuthProvidersQuery } from "../gql/graphql";
import { request } from "../lib/graphql";
import styles from "./ProviderButtons.module.css";

type Provider = AuthProvidersQuery["authProviders"][number];

/** The configured providers, read once per mount; none while loading or when the read fails. */
export function useAuthProviders(): readonly Provider[] {
  const [providers, setProviders] = useState<readonly Provider[]>([]);
  useEffect(() => {
    let live = true;
    request(AuthProvidersDocument, {})
      .then((data) => live && setProviders(data.authProviders))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return providers;
}

export function ProviderButtons() {
  const providers = useAuthProviders();
  if (!providers.length) return null;
  return (
    <div className={styles.providers} data-testid="auth-providers">
      <p className={styles.or}>or</p>
      {providers.map((provider) => (
        // A full page navigation: the API redirects to the provider and back.
        <a key={provider.name} className="button button-block" href={`/auth/${encodeURIComponent(provider.name)}/start`}>
          Continue with {provider.label}
        </a>
      ))}
    </div>
  );
}
