import { lazy, type ComponentType } from "react";

/** A page module's named export as a lazy component: the page is its own chunk, loaded on first use. */
export function lazyPage<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
