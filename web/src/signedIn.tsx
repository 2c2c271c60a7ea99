/** The signed-in app: the router (every page a lazy chunk) and toasts. */
import { StrictMode, startTransition } from "react";
import type { Root } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ToastProvider } from "./lib/toast";
import { createRouter } from "./routes";

/**
 * Renders the app into `root` in steps, none of which holds the main thread for long: the router
 * in a task of its own after this module's evaluation, then the first render as a transition (React
 * renders it in slices, between which the browser stays responsive; what `root` shows stays until
 * the app is ready).
 */
export function mount(root: Root): void {
  window.setTimeout(() => {
    const router = createRouter();
    startTransition(() =>
      root.render(
        <StrictMode>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </StrictMode>,
      ),
    );
  });
}
