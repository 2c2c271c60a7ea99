import { lazy, type ComponentType } from "react";

/**
 * A page module's named export as a lazy component: the page is its own chunk, loaded on first use,
 * or earlier by `preload()` (start-up fetches the chunk of the address while the session answers).
 */
export function lazyPage<M>(load: () => Promise<M>, name: keyof M) {
  let loading: Promise<M> | null = null;
  const preload = () => (loading ??= load());
  return Object.assign(
    lazy(async () => ({ default: (await preload())[name] as ComponentType })),
    { preload },
  );
}
