/**
 * Start-up: a signed-in visitor loads the app (src/signedIn.tsx: router, query cache, every page
 * lazily); a signed-out one only the sign-in and sign-up pages (src/signedOut.tsx), and the app
 * once signed in. Both render into the same root.
 */
import { createRoot } from "react-dom/client";
import "./global.css";
import { getSession, restoreSession } from "./lib/auth";

const root = createRoot(document.getElementById("root")!);
const startApp = () => import("./signedIn").then(({ mount }) => mount(root));

// The session cookie, if any, signs this tab in: then the app, else sign in (and the app after it).
void restoreSession().then(() =>
  getSession() ? startApp() : import("./signedOut").then(({ mount }) => mount(root, startApp)),
);
