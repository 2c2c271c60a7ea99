/**
 * The visit: `visitRecord` is sent once per app load (per signed-in user), by the shell, not by a
 * page. When the person comes back after a while the answer carries the welcome back, which the
 * Today page shows at its top until dismissed.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { VisitRecordDocument } from "../api/guidance";
import type { VisitRecordMutation } from "../gql/graphql";
import { mutation } from "./data";

export type WelcomeBack = NonNullable<VisitRecordMutation["visitRecord"]["welcomeBack"]>;

interface VisitApi {
  welcomeBack: WelcomeBack | null;
  dismiss: () => void;
}

const VisitContext = createContext<VisitApi>({ welcomeBack: null, dismiss: () => undefined });

export const useVisit = (): VisitApi => useContext(VisitContext);

/** One request per user per app load, shared by every mount (StrictMode mounts twice). */
const visits = new Map<string, Promise<WelcomeBack | null>>();

function recordVisit(userId: string): Promise<WelcomeBack | null> {
  let visit = visits.get(userId);
  if (!visit) {
    visit = mutation(VisitRecordDocument)({ input: { clientTime: new Date().toISOString() } })
      .then((payload) => (payload.errors.length ? null : (payload.welcomeBack ?? null)))
      .catch(() => null); // a missed visit only means no welcome back this time
    visits.set(userId, visit);
  }
  return visit;
}

export function VisitProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [welcomeBack, setWelcomeBack] = useState<WelcomeBack | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    let active = true;
    void recordVisit(userId).then((w) => active && setWelcomeBack(w));
    return () => {
      active = false;
    };
  }, [userId]);
  const api = useMemo<VisitApi>(() => ({ welcomeBack: dismissed ? null : welcomeBack, dismiss: () => setDismissed(true) }), [welcomeBack, dismissed]);
  return <VisitContext.Provider value={api}>{children}</VisitContext.Provider>;
}
