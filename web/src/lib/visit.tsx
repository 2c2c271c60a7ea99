/**
 * The visit: `visitRecord` is sent once per app load (per signed-in user), by the shell, not by a
 * page. When the person comes back after a while the answer carries the welcome back, kept in the
 * query cache (so the insight's card follows feedback and actions like every other) until the
 * Today page shows it at its top and the person closes it.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { VisitRecordDocument } from "../api/guidance";
import type { VisitRecordMutation } from "../gql/graphql";
import { mutation } from "./data";
import { browserTimeZone } from "./format";
import { whenIdle } from "./idle";

export type WelcomeBack = NonNullable<VisitRecordMutation["visitRecord"]["welcomeBack"]>;

/** The cache entry of this load's welcome back, and whether the person closed it. */
export const WELCOME_KEY = ["welcomeBack"] as const;
export interface Welcome {
  welcomeBack: WelcomeBack;
  closed: boolean;
}

/** One request per user per app load, shared by every mount (StrictMode mounts twice). */
const visits = new Map<string, Promise<WelcomeBack | null>>();

function recordVisit(userId: string): Promise<WelcomeBack | null> {
  let visit = visits.get(userId);
  if (!visit) {
    // The browser's zone becomes the viewer's while theirs is still the default.
    visit = mutation(VisitRecordDocument)({ input: { timezone: browserTimeZone() } })
      .then((payload) => (payload.errors.length ? null : (payload.welcomeBack ?? null)))
      .catch(() => null); // a missed visit only means no welcome back this time
    visits.set(userId, visit);
  }
  return visit;
}

export function VisitProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const client = useQueryClient();
  useEffect(() => {
    let active = true;
    // Once the page has settled: its first render and queries go first.
    const cancel = whenIdle(() =>
      void recordVisit(userId).then((welcome) => {
        if (active && welcome) client.setQueryData<Welcome>(WELCOME_KEY, (w) => w ?? { welcomeBack: welcome, closed: false });
      }),
    );
    return () => {
      active = false;
      cancel();
    };
  }, [userId, client]);
  return children;
}

/** The welcome back of this load, if any (also once closed, so its insight is not listed twice), and closing it. */
export function useVisit(): { welcomeBack: WelcomeBack | null; closed: boolean; dismiss: () => void } {
  const client = useQueryClient();
  const { data } = useQuery<Welcome | null>({ queryKey: WELCOME_KEY, queryFn: () => null, enabled: false, staleTime: Infinity, gcTime: Infinity });
  return {
    welcomeBack: data?.welcomeBack ?? null,
    closed: data?.closed ?? false,
    dismiss: () => client.setQueryData<Welcome>(WELCOME_KEY, (w) => (w ? { ...w, closed: true } : w)),
  };
}
