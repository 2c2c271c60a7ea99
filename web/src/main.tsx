import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import "./global.css";
import { restoreSession } from "./lib/auth";
import { ToastProvider } from "./lib/toast";
import { router } from "./routes";

void restoreSession(); // the session cookie, if any, signs this tab in

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ToastProvider>
      <RouterProvider router={router} />
    </ToastProvider>
  </StrictMode>,
);
