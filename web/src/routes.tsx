/**
 * Every address of the app: the pages of `pageTable.ts` (each its own chunk, loaded when its route is
 * first shown, or with the app when it is the address opened); `handle.title` names the page in the
 * document title. The API serves index.html for any path.
 */
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { NotFound, Root } from "./App";
import { pages, TodayPage } from "./pageTable";

export interface RouteHandle {
  title: string;
}

const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { index: true, element: <TodayPage />, handle: { title: "Today" } satisfies RouteHandle },
      // The old home (a redirect to the jobs) and a few likely addresses of the new pages.
      { path: "today", element: <Navigate to="/" replace />, handle: { title: "Today" } satisfies RouteHandle },
      { path: "career-health", element: <Navigate to="/health" replace />, handle: { title: "Career health" } satisfies RouteHandle },
      // Shown by Root whenever nobody is signed in; these routes only name the page.
      { path: "signin", handle: { title: "Sign in" } satisfies RouteHandle },
      { path: "signup", handle: { title: "Sign up" } satisfies RouteHandle },
      { path: "link-account", handle: { title: "Connect your account" } satisfies RouteHandle },
      ...pages.map(([path, title, Page]): RouteObject => ({ path, element: <Page />, handle: { title } satisfies RouteHandle })),
      { path: "*", element: <NotFound />, handle: { title: "Not found" } satisfies RouteHandle },
    ],
  },
];

/** The app's router (made when the app mounts, not when this module loads: each its own task). */
export const createRouter = () => createBrowserRouter(routes);
