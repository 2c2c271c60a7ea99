/**
 * Work that can wait for the page to settle (connecting the live socket, recording the visit): it
 * runs in a task of its own once the browser is idle, at the latest after `timeout` ms, instead of
 * lengthening the task that first renders the page. Returns a cancel function.
 */
export function whenIdle(work: () => void, timeout = 1000): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(() => work(), { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 1);
  return () => window.clearTimeout(id);
}
