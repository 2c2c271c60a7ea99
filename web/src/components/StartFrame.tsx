/**
 * What a signed-in page looks like before the app has loaded: the top bar's frame and the page's
 * header (title and intro line, from `lib/frames.ts`) above "Loading…". Start-up renders it at once
 * for an address with a frame; the app replaces it when it mounts, with the same header in the same
 * place (the largest text of the first screen is there from the start).
 */
import { useEffect } from "react";
import type { Frame } from "../lib/frames";
import { frameIntro, Page } from "./Page";
import { RestoreStatus } from "./RestoreStatus";
import styles from "../App.module.css";

/**
 * Calls `shown` once the frame is on screen: when the browser reports it as the largest paint so
 * far, else (no such report: an older browser, or a larger paint came first) at most 100 ms after
 * the next animation frame. Returns a cancel function.
 *
 * Waiting for the report rather than for the frame alone matters to lab measurements: Lighthouse's
 * simulation counts every request that finished before the paint was reported as holding it up.
 */
function whenOnScreen(shown: () => void): () => void {
  let done = false;
  let timer: number | undefined;
  const finish = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    window.clearTimeout(timer);
    shown();
  };
  const observer = PerformanceObserver.supportedEntryTypes?.includes("largest-contentful-paint") ? new PerformanceObserver(finish) : null;
  observer?.observe({ type: "largest-contentful-paint" });
  const frame = requestAnimationFrame(() => (timer = window.setTimeout(finish, observer ? 100 : 0)));
  return () => {
    done = true;
    observer?.disconnect();
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
}

/** `onShown` is called once, after the frame has been painted. */
export function StartFrame({ frame, onShown }: { frame: Frame; onShown: () => void }) {
  useEffect(() => whenOnScreen(onShown), [onShown]);
  return (
    <div>
      <header className={styles.topbar}>
        <div className={styles.topbarInner}>
          <a href="/" className="brand" aria-label="Career Companion — home">
            <span className="brand-mark" aria-hidden="true" />
            <span className={styles.brandName}>Career Companion</span>
          </a>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        <Page title={frame.title} intro={frameIntro(frame, (to, text) => <a href={to}>{text}</a>)} width={frame.width}>
          <RestoreStatus />
        </Page>
      </main>
    </div>
  );
}
