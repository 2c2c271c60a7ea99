/**
 * The session: the access token lives in this tab's memory only; the refresh token is an HttpOnly
 * cookie (SameSite=Strict, Path=/auth) that no script can read. Signing in asks `tokenCreate` to set
 * the cookie; every page load, and every refresh of an expired access token, asks POST /auth/refresh
 * for a new access token (the cookie rotates); signing out is POST /auth/logout.
 *
 * Refresh tokens work once (reuse signs out the whole family; parallel exchanges of one cookie get the
 * same answer), so a refresh is single-flight within a tab and serialised across tabs with the Web
 * Locks API where available. Tabs tell each other about sign-in and sign-out on a BroadcastChannel.
 */
import { useSyncExternalStore } from "react";

export interface Session {
  accessToken: string;
  /** ISO timestamp, or null when the server did not say. */
  accessTokenExpiresAt: string | null;
  userId: string;
  username: string;
}

const listeners = new Set<() => void>();
let current: Session | null = null;
/** True until the first /auth/refresh of this page load has answered. */
let restoring = true;
/** While the server asks the page load to wait (429: too many renewals), when it tries again (ms). */
let retryAt: number | null = null;
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("cc-session") : null;

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return current;
}

export function isRestoring(): boolean {
  return restoring;
}

function restoreRetryAt(): number | null {
  return retryAt;
}

function update(session: Session | null): void {
  current = session;
  emit();
}

/** A fresh sign-in in this tab; other tabs take the cookie's (new) session too. */
export function setSession(session: Session): void {
  update(session);
  channel?.postMessage("signed-in");
}

/** The session is over in this tab (refused refresh, sign-out here or elsewhere). */
export function clearSession(): void {
  update(null);
}

/** Sign out: forget the access token at once, then revoke the cookie's session for every tab. */
export function signOut(): void {
  clearSession();
  channel?.postMessage("signed-out");
  void fetch("/auth/logout", { method: "POST", credentials: "same-origin" }).catch(() => undefined);
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, () => null);
}

export function useRestoring(): boolean {
  return useSyncExternalStore(subscribeSession, isRestoring, () => true);
}

/** While the page load's session renewal waits out the server's rate (429), when it tries again (ms). */
export function useRestoreRetryAt(): number | null {
  return useSyncExternalStore(subscribeSession, restoreRetryAt, () => null);
}

/** True when the access token is past (or within `skewMs` of) its expiry. */
export function accessTokenStale(session: Session, skewMs = 20_000): boolean {
  if (!session.accessTokenExpiresAt) return false;
  const expires = Date.parse(session.accessTokenExpiresAt);
  return Number.isFinite(expires) && expires - skewMs <= Date.now();
}

interface RefreshAnswer {
  accessToken: string;
  accessTokenExpiresAt: string | null;
  user: { id: string; username: string };
}

/** The server refused a renewal for coming too often (429): still signed in, try again in `seconds`. */
class TooSoon extends Error {
  constructor(readonly seconds: number) {
    super(`Too many session renewals: try again in ${seconds} s`);
  }
}

/** POST /auth/refresh: a session, null without a cookie (204) or when it is refused (signed out); rejects offline or when too soon. */
async function exchangeCookie(): Promise<Session | null> {
  const response = await fetch("/auth/refresh", { method: "POST", credentials: "same-origin", headers: { accept: "application/json" } });
  if (response.status === 204 || response.status === 401 || response.status === 403) return null;
  if (response.status === 429) throw new TooSoon(Math.min(Math.max(Number(response.headers.get("retry-after")) || 60, 1), 3600));
  if (!response.ok) throw new Error(`The server answered ${response.status} ${response.statusText}`.trim());
  const body = (await response.json()) as RefreshAnswer;
  return {
    accessToken: body.accessToken,
    accessTokenExpiresAt: body.accessTokenExpiresAt,
    userId: body.user.id,
    username: body.user.username,
  };
}

let inflight: Promise<boolean> | null = null;

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks?.request) return locks.request("cc-session-refresh", fn) as Promise<T>;
  return fn();
}

/**
 * Get a new access token with the cookie. `failedAccessToken` is the token a request was refused
 * with: if this tab's token differs, another request already refreshed. Resolves true when a usable
 * session exists afterwards; false means: sign in again. Rejects on network failure (the session is kept).
 */
export function refreshSession(failedAccessToken?: string): Promise<boolean> {
  if (inflight) return inflight;
  inflight = withLock(async () => {
    if (failedAccessToken && current && current.accessToken !== failedAccessToken) return true;
    const next = await exchangeCookie();
    update(next);
    return next !== null;
  }).finally(() => {
    inflight = null;
  });
  return inflight;
}

/**
 * On page load: the cookie (if any) signs this tab in. Until it answers, the app waits; when the
 * server says the renewals came too often (reloads in a row), it waits as long as told and tries
 * again instead of showing sign in (the person is still signed in).
 */
export function restoreSession(): Promise<void> {
  const attempt = (): Promise<boolean> =>
    refreshSession().catch((error: unknown) => {
      if (!(error instanceof TooSoon)) return false;
      retryAt = Date.now() + error.seconds * 1000;
      emit();
      return new Promise((resolve) => window.setTimeout(resolve, error.seconds * 1000)).then(() => {
        retryAt = null;
        return attempt();
      });
    });
  return attempt().then(() => {
    restoring = false;
    emit();
  });
}

channel?.addEventListener("message", (event: MessageEvent) => {
  if (event.data === "signed-out") clearSession();
  else if (event.data === "signed-in") void refreshSession().catch(() => undefined); // the cookie's account, now
});
