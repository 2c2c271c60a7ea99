/**
 * Start-up: a signed-in visitor loads the app (src/signedIn.tsx: router, query cache, every page
 * lazily); a signed-out one only the sign-in and sign-up pages (src/signedOut.tsx), and the app
 * once signed in. Both render into the same root.
 */
import { createRoot } from "react-dom/client";
import "./global.css";
import { getSession, restoreSession } from "./lib/auth";
import { PUBLIC_PATHS } from "./lib/authNav";

const root = createRoot(document.getElementById("root")!);
// At an address of the app (not sign in or sign up) the visitor is most likely signed in: the app
// and the page's chunk are fetched while the session cookie answers, instead of one after the other.
const early = PUBLIC_PATHS.includes(window.location.pathname)
  ? null
  : import("./signedIn").then((app) => {
      app.preloadPage(window.location.pathname);
      return app;
    });
const startApp = () => (early ?? import("./signedIn")).then(({ mount }) => mount(root));

// The session cookie, if any, signs this tab in: then the app, else sign in (and the app after it).
void restoreSession().then(() =>
  getSession() ? startApp() : import("./signedOut").then(({ mount }) => mount(root, startApp)),
);
