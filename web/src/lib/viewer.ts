/** The signed-in user's profile: one cached query, read by the shell and the pages, replaced
 * in the cache when the profile page saves it. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { ViewerDocument } from "../api/operations";
import type { ViewerFieldsFragment } from "../gql/graphql";
import { clearSession, getSession, refreshSession } from "./auth";
import { keyOf } from "./data";
import { setDisplayTimeZone } from "./format";
import { errorMessage, request } from "./graphql";

async function loadViewer(): Promise<ViewerFieldsFragment | null> {
  const sentWith = getSession()?.accessToken;
  let viewer = (await request(ViewerDocument)).viewer;
  if (!viewer && sentWith) {
    // `viewer` answers null (not an error) for a refused token: refresh once, then give up.
    if (await refreshSession(sentWith)) viewer = (await request(ViewerDocument)).viewer;
    if (!viewer) clearSession();
  }
  // Dates show in the profile's time zone: set before anything renders with it.
  if (viewer) setDisplayTimeZone(viewer.timezone);
  return viewer;
}

export function useViewer() {
  const client = useQueryClient();
  // Loaded once per session, like the shell always did; the profile page replaces it on save.
  const query = useQuery({ queryKey: keyOf(ViewerDocument), queryFn: loadViewer, staleTime: Infinity });
  const setViewer = useCallback(
    (next: ViewerFieldsFragment) => {
      setDisplayTimeZone(next.timezone);
      client.setQueryData(keyOf(ViewerDocument), next);
    },
    [client],
  );
  return {
    viewer: query.data ?? null,
    error: query.error ? errorMessage(query.error) : null,
    setViewer,
    reload: () => void query.refetch(),
  };
}
