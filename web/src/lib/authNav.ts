/**
 * How the sign-in and sign-up pages move between addresses without depending on the router:
 * signed out, the app starts without React Router (src/signedOut.tsx keeps the sign-in page's
 * JavaScript small); signed in, Root provides this from the router.
 */
import { createContext, useContext } from "react";

export interface AuthNav {
  /** The query string of the current address ("?next=%2Fboard"). */
  search: string;
  go: (to: string, options?: { replace?: boolean }) => void;
}

export const AuthNavContext = createContext<AuthNav | null>(null);

export function useAuthNav(): AuthNav {
  const nav = useContext(AuthNavContext);
  if (!nav) throw new Error("useAuthNav outside an AuthNavContext");
  return nav;
}

/** Where a signed-out visit to `pathname` goes: sign in, then back to it. */
export function signInAddress(pathname: string, search: string): string {
  return `/signin${pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`}`;
}

export const PUBLIC_PATHS = ["/signin", "/signup", "/link-account"];
