/**
 * The data layer: TanStack Query over the typed documents, with `request()` (bearer token, one
 * refresh-and-retry) as the query and mutation function underneath.
 *
 * A query's key is its operation name and variables, so a mutation invalidates every cached
 * variant of a query by naming its document, and a response for variables the screen has moved
 * on from lands in its own cache entry instead of overwriting what is shown.
 */
import { keepPreviousData, QueryClient, useQueries, useQuery, type QueryClient as Client, type UseQueryOptions } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import type { TypedDocumentString } from "../gql/graphql";
import { request, SignedOutError } from "./graphql";

type AnyDocument = TypedDocumentString<unknown, never>;

/** The payload of a mutation: the value of its single root field. */
export type Payload<R> = R[Exclude<keyof R, "__typename">];

/** A fresh cache: one per signed-in user, so nothing of one account is ever shown to another. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Pages show the error with a Retry button at once, as they always did.
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

const names = new WeakMap<AnyDocument, string>();

export function operationName(document: AnyDocument): string {
  let name = names.get(document);
  if (!name) {
    name = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(document.toString())?.[1] ?? document.toString();
    names.set(document, name);
  }
  return name;
}

export function keyOf<V>(document: TypedDocumentString<unknown, V>, variables?: V): readonly unknown[] {
  return variables === undefined ? [operationName(document)] : [operationName(document), variables];
}

type QueryOptions<R> = Omit<UseQueryOptions<R, Error, R, readonly unknown[]>, "queryKey" | "queryFn">;

/** Read a query through the cache; `variables` are part of the key. */
export function useGql<R, V>(document: TypedDocumentString<R, V>, variables: V, options: QueryOptions<R> = {}) {
  return useQuery({ queryKey: keyOf(document, variables), queryFn: () => request(document, variables), ...options });
}

/**
 * Read a relay connection page by page: the first page, then one more per `more()` after the
 * previous page's `pageInfo.endCursor`. Each page is its own cache entry (its variables plus
 * `after`), so invalidating or updating the query reaches every page shown; new `variables`
 * start again from the first page. `connection` picks the connection out of a response.
 */
export function useGqlPages<R, V extends { after?: string | null }>(
  document: TypedDocumentString<R, V>,
  variables: V,
  connection: (data: R) => { pageInfo: { hasNextPage: boolean; endCursor?: string | null } },
  refetchInterval?: (data: R | undefined) => number | false,
) {
  const base = JSON.stringify(variables);
  const [shown, setShown] = useState<{ base: string; cursors: string[] }>({ base, cursors: [] });
  const cursors = shown.base === base ? shown.cursors : [];
  const pages = useQueries({
    queries: [null, ...cursors].map((after, i) => {
      const vars = { ...variables, after } as V;
      return {
        queryKey: keyOf(document, vars),
        queryFn: () => request(document, vars),
        placeholderData: i === 0 ? keepPreviousData : undefined, // the list stays while a new filter loads
        refetchInterval: refetchInterval ? ({ state }: { state: { data: R | undefined } }) => refetchInterval(state.data) : undefined,
      };
    }),
  });
  const last = pages[pages.length - 1];
  const info = last.data ? connection(last.data).pageInfo : null;
  return {
    pages,
    hasMore: !!info?.hasNextPage && !!info.endCursor,
    loadingMore: pages.length > 1 && last.isPending,
    more: () => {
      if (info?.hasNextPage && info.endCursor) setShown({ base, cursors: [...cursors, info.endCursor] });
    },
  };
}

/**
 * Whether a page shows the data it has: false for one more render when the first answer arrives,
 * then true in a render React does in the background, in slices (`useDeferredValue`), so drawing a
 * long list or a chart from that answer does not hold the main thread in one long task. Later
 * answers show at once.
 */
export function useDeferredReady(hasData: boolean): boolean {
  return useDeferredValue(hasData);
}

/** Read a query into the cache now (outside render), e.g. right after an upload. */
export function fetchGql<R, V>(client: Client, document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  return client.fetchQuery({ queryKey: keyOf(document, variables), queryFn: () => request(document, variables) });
}

/** A mutation function that resolves the payload (the root field) of the document. */
export function mutation<R, V>(document: TypedDocumentString<R, V>): (variables: V) => Promise<Payload<R>> {
  return async (variables) => {
    const data = await request(document, variables);
    return data[Object.keys(data as object).find((key) => key !== "__typename") as Exclude<keyof R, "__typename">];
  };
}

/** Mark every cached variant of these queries stale; the ones on screen refetch at once. */
export function invalidate(client: Client, documents: readonly AnyDocument[]): Promise<void> {
  return Promise.all(documents.map((d) => client.invalidateQueries({ queryKey: [operationName(d)] }))).then(() => undefined);
}

/** Update every cached variant of a query in place (e.g. drop a deleted row at once). */
export function updateCached<R, V>(client: Client, document: TypedDocumentString<R, V>, update: (data: R) => R): void {
  client.setQueriesData<R>({ queryKey: [operationName(document)] }, (data) => (data === undefined ? data : update(data)));
}

/** Retry a query (with backoff) unless the session is over. */
export const retryUntilSignedOut = (_count: number, error: Error) => !(error instanceof SignedOutError);

/** A `node(id:)` result as the type asked for, or null when the id named something else (or nothing). */
export function nodeAs<T extends object>(node: object | null | undefined, field: keyof T & string): T | null {
  return node && field in node ? (node as T) : null;
}
