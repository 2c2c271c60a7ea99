/**
 * "Loading…" while the page load's session renewal answers; when the server asks it to wait
 * (429: many page loads in a row), says so and counts down to the next try — the person is still
 * signed in, so no sign-in page. The countdown is hidden from screen readers (announced once).
 */
import { useEffect, useState } from "react";
import { useRestoreRetryAt } from "../lib/auth";

export function RestoreStatus({ quietUntilWaiting = false }: { quietUntilWaiting?: boolean }) {
  const retryAt = useRestoreRetryAt();
  const [, tick] = useState(0);
  useEffect(() => {
    if (retryAt === null) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [retryAt]);
  if (retryAt === null && quietUntilWaiting) return null;
  const seconds = retryAt === null ? 0 : Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {retryAt === null ? (
        <span>Loading…</span>
      ) : (
        <span>
          Many page loads in a short time: the server asks to wait. You are still signed in; continuing in{" "}
          <span aria-hidden="true">{seconds} s</span>
          <span className="visually-hidden">a moment</span>.
        </span>
      )}
    </div>
  );
}
