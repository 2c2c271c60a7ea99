/** "Continue with …" for every sign-in provider the server has configured (none: nothing shown). */
import { AuthProvidersDocument } from "../api/identity";
import { useGql } from "../lib/data";
import styles from "./ProviderButtons.module.css";

export function ProviderButtons() {
  const query = useGql(AuthProvidersDocument, {});
  const providers = query.data?.authProviders ?? [];
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
