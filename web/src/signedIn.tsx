/** The signed-in app: the router (every page a lazy chunk) and toasts. */
import { StrictMode } from "react";
import type { Root } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ToastProvider } from "./lib/toast";
import { router } from "./routes";

export function mount(root: Root): void {
  root.render(
    <StrictMode>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </StrictMode>,
  );
}
