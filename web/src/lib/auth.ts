/**
 * The session: access + refresh token in localStorage, shared by every tab of the origin.
 *
 * Refresh tokens work once (reuse signs out the whole family), so a refresh is single-flight
 * within a tab and serialised across tabs with the Web Locks API where available; a tab that
 * waited for the lock first checks whether another tab already rotated the tokens.
 */
import { useSyncExternalStore } from "react";

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** ISO timestamp, or null when the server did not say. */
  accessTokenExpiresAt: string | null;
  userId: string;
  username: string;
}

const KEY = "cc.session";
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Session;
    return value && typeof value.accessToken === "string" && typeof value.refreshToken === "string" ? value : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  if (cached === undefined) cached = read();
  return cached;
}

export function setSession(session: Session): void {
  cached = session;
  localStorage.setItem(KEY, JSON.stringify(session));
  emit();
}

export function clearSession(): void {
  cached = null;
  localStorage.removeItem(KEY);
  emit();
}

/** Another tab signed in, refreshed or signed out. */
window.addEventListener("storage", (event) => {
  if (event.key !== KEY && event.key !== null) return;
  cached = read();
  emit();
});

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, () => null);
}

/** True when the access token is past (or within `skewMs` of) its expiry. */
export function accessTokenStale(session: Session, skewMs = 20_000): boolean {
  if (!session.accessTokenExpiresAt) return false;
  const expires = Date.parse(session.accessTokenExpiresAt);
  return Number.isFinite(expires) && expires - skewMs <= Date.now();
}

type Refresher = (refreshToken: string) => Promise<Omit<Session, "username" | "userId"> & { userId?: string; username?: string } | null>;

let refresher: Refresher | null = null;
let inflight: Promise<boolean> | null = null;

/** Wired by the GraphQL client (avoids an import cycle). */
export function setRefresher(fn: Refresher): void {
  refresher = fn;
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks?.request) return locks.request("cc-session-refresh", fn) as Promise<T>;
  return fn();
}

/**
 * Exchange the refresh token for new tokens. `failedAccessToken` is the token a request was
 * refused with: if the stored token differs, another tab (or request) already refreshed.
 * Resolves true when a usable session exists afterwards; false means: sign in again.
 * Rejects on network failure (the session is kept).
 */
export function refreshSession(failedAccessToken?: string): Promise<boolean> {
  if (inflight) return inflight;
  inflight = withLock(async () => {
    cached = read(); // another tab may have rotated the tokens while we waited
    const current = cached;
    if (!current) return false;
    if (failedAccessToken && current.accessToken !== failedAccessToken) return true;
    if (!refresher) return false;
    // Network trouble rejects (the session is kept and the caller shows the error);
    // a refused refresh token resolves null: the session is over.
    const next = await refresher(current.refreshToken);
    if (!next) {
      clearSession();
      return false;
    }
    setSession({
      ...current,
      ...next,
      userId: next.userId ?? current.userId,
      username: next.username ?? current.username,
    });
    return true;
  }).finally(() => {
    inflight = null;
  });
  return inflight;
}
