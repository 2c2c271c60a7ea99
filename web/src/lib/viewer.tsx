/** The signed-in user's profile, loaded once by the shell and updated by the profile page. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ViewerDocument } from "../api/operations";
import type { ViewerFieldsFragment } from "../gql/graphql";
import { clearSession, getSession, refreshSession } from "./auth";
import { setDisplayTimeZone } from "./format";
import { errorMessage, request } from "./graphql";

interface ViewerApi {
  viewer: ViewerFieldsFragment | null;
  error: string | null;
  setViewer: (viewer: ViewerFieldsFragment) => void;
  reload: () => Promise<void>;
}

const ViewerContext = createContext<ViewerApi | null>(null);

export function useViewer(): ViewerApi {
  const api = useContext(ViewerContext);
  if (!api) throw new Error("useViewer outside ViewerProvider");
  return api;
}

export function ViewerProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewerState] = useState<ViewerFieldsFragment | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setViewer = useCallback((next: ViewerFieldsFragment) => {
    setDisplayTimeZone(next.timezone);
    setViewerState(next);
  }, []);

  const reload = useCallback(async () => {
    try {
      const sentWith = getSession()?.accessToken;
      let viewer = (await request(ViewerDocument)).viewer;
      if (!viewer && sentWith) {
        // `viewer` answers null (not an error) for a refused token: refresh once, then give up.
        if (await refreshSession(sentWith)) viewer = (await request(ViewerDocument)).viewer;
        if (!viewer) {
          clearSession();
          return;
        }
      }
      if (viewer) setViewer(viewer);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [setViewer]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const api = useMemo(() => ({ viewer, error, setViewer, reload }), [viewer, error, setViewer, reload]);
  return <ViewerContext.Provider value={api}>{children}</ViewerContext.Provider>;
}
