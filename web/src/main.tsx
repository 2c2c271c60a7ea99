/**
 * Start-up: a signed-in visitor loads the app (src/signedIn.tsx: router, query cache, every page
 * lazily); a signed-out one only the sign-in and sign-up pages (src/signedOut.tsx), and the app
 * once signed in. Both render into the same root.
 */
import { createRoot } from "react-dom/client";
import "./global.css";
import { RestoreStatus } from "./components/RestoreStatus";
import { StartFrame } from "./components/StartFrame";
import { getSession, restoreSession } from "./lib/auth";
import { PUBLIC_PATHS } from "./lib/authNav";
import { frameAt } from "./lib/frames";
import { preloadPage } from "./pageTable";

const root = createRoot(document.getElementById("root")!);
const { pathname } = window.location;
const isPublic = PUBLIC_PATHS.includes(pathname);

function start(): void {
  // At an address of the app (not sign in or sign up) the visitor is most likely signed in: the app
  // and the page's chunk are fetched together while the session cookie answers, instead of one after
  // the other, and the app mounts once both are in (the page then renders with the shell, at once).
  // (The page's chunk is asked for a task later: each request appends its preload links, and the
  // two together made one long task.)
  const nextTask = () => new Promise((resolve) => window.setTimeout(resolve));
  const early = isPublic
    ? null
    : Promise.all([import("./signedIn"), nextTask().then(() => preloadPage(pathname)).catch(() => undefined)]).then(([app]) => app);
  const startApp = () => (early ?? import("./signedIn")).then(({ mount }) => mount(root));

  // The session cookie, if any, signs this tab in: then the app, else sign in (and the app after it).
  void restoreSession().then(() =>
    getSession() ? startApp() : import("./signedOut").then(({ mount }) => mount(root, startApp)),
  );
}

// A page whose header never changes shows it first, then loads the rest (its requests and their
// handling would otherwise hold up that first frame); any other address starts loading at once.
const frame = isPublic ? null : frameAt(pathname);
if (frame) root.render(<StartFrame frame={frame} onShown={start} />);
else {
  root.render(<RestoreStatus quietUntilWaiting />); // nothing, unless the server asks the session renewal to wait
  start();
}
