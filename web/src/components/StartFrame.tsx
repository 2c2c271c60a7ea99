/**
 * What a signed-in page looks like before the app has loaded: the top bar's frame and the page's
 * header (title and intro line, from `lib/frames.ts`) above "Loading…". Start-up renders it at once
 * for an address with a frame; the app replaces it when it mounts, with the same header in the same
 * place (the largest text of the first screen is there from the start).
 */
import { useEffect } from "react";
import type { Frame } from "../lib/frames";
import { Page } from "./Page";
import styles from "../App.module.css";

/** `onShown` is called once, after the frame has been painted. */
export function StartFrame({ frame, onShown }: { frame: Frame; onShown: () => void }) {
  useEffect(() => {
    // A task queued from the next animation frame runs after that frame has been painted.
    const id = requestAnimationFrame(() => setTimeout(onShown));
    return () => cancelAnimationFrame(id);
  }, [onShown]);
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
        <Page title={frame.title} intro={frame.intro} width={frame.width}>
          <div className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>Loading…</span>
          </div>
        </Page>
      </main>
    </div>
  );
}
