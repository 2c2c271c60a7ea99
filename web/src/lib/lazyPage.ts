import { lazy, type ComponentType } from "react";

/**
 * A page module's named export as a lazy component: the page is its own chunk, loaded on first use,
 * or earlier by `preload()` (start-up fetches the chunk of the address with the app).
 *
 * Once the chunk is in, the component resolves synchronously (a thenable that calls back at once):
 * React then renders the page in the same pass as the shell instead of suspending, committing a
 * fallback and revealing the page a throttled moment later (React waits up to 300 ms after a fallback).
 */
export function lazyPage<M>(load: () => Promise<M>, name: keyof M) {
  let loading: Promise<M> | null = null;
  let loaded: M | null = null;
  const preload = () =>
    (loading ??= load().then((module) => {
      loaded = module;
      return module;
    }));
  const component = (module: M) => ({ default: module[name] as ComponentType });
  return Object.assign(
    lazy(() =>
      loaded
        ? // React reads a thenable's result as soon as its `then` calls back: here, during the first render.
          ({ then: (resolve: (value: { default: ComponentType }) => void) => resolve(component(loaded as M)) } as unknown as Promise<{ default: ComponentType }>)
        : preload().then(component),
    ),
    { preload },
  );
}
