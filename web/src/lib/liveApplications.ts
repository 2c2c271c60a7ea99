/**
 * Live application updates: one `applicationUpdated` subscription per tab (on the shared
 * graphql-ws client), so a card moved, a follow-up date set or an interview added in another tab
 * — or by the worker — shows here without a reload. The changed application replaces its card in
 * the cached board at once; every query that shows applications is then refetched. After a
 * dropped connection the same queries are refetched, since changes in between were not sent.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { APPLICATION_QUERIES } from "../api/affects";
import { ApplicationUpdatedDocument } from "../api/delivery";
import { ApplicationsDocument } from "../api/operations";
import type { ApplicationsQuery } from "../gql/graphql";
import { invalidate, updateCached } from "./data";
import { subscribe } from "./ws";

export function useLiveApplications(userId: string): void {
  const client = useQueryClient();
  useEffect(
    () =>
      subscribe(ApplicationUpdatedDocument, {
        variables: () => ({}),
        retries: Infinity,
        endless: true,
        onReconnected: () => void invalidate(client, APPLICATION_QUERIES),
        onData: ({ applicationUpdated: next }) => {
          updateCached(client, ApplicationsDocument, (data: ApplicationsQuery) => ({
            applications: { ...data.applications, edges: data.applications.edges.map((e) => (e.node.id === next.id ? { node: next } : e)) },
          }));
          void invalidate(client, APPLICATION_QUERIES);
        },
      }),
    [client, userId],
  );
}
