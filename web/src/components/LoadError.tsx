/** A read that failed: the message, and a Retry button when the page can ask again. */
import { errorMessage } from "../lib/graphql";

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => unknown }) {
  if (!error) return null;
  return (
    <div className="form-errors" role="alert">
      <p>
        {errorMessage(error)}
        {onRetry ? (
          <>
            {" "}
            <button type="button" className="link-button" onClick={() => void onRetry()}>
              Retry
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
