/** "Load more" under a list read with `useGqlPages`: how many are left, busy while the next page loads,
 * and the next page's error with a Retry button. */
import { LoadError } from "./LoadError";
import styles from "./LoadMore.module.css";

interface Pages {
  pages: readonly { error: Error | null; refetch: () => unknown }[];
  hasMore: boolean;
  loadingMore: boolean;
  more: () => void;
}

/** `left`: how many are left, or null when only an estimate is known (a search's large total). */
export function LoadMore({ list, left }: { list: Pages; left: number | null }) {
  const failed = list.pages.slice(1).find((p) => p.error)?.error ?? null;
  return (
    <>
      <LoadError error={failed} onRetry={() => list.pages.forEach((p) => p.error && void p.refetch())} />
      {list.hasMore || list.loadingMore ? (
        <div className={styles.loadMore}>
          <button type="button" className="button" onClick={list.more} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading more…" : left == null ? "Load more" : `Load more (${left} more)`}
          </button>
        </div>
      ) : null}
    </>
  );
}
