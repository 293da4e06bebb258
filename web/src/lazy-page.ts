import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page loaded on first show that can also be asked to start loading sooner. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload(): void };

/**
 * A page whose code is loaded when it is first shown, so the first download carries only the frame
 * and the page asked for. Pages are named exports; React.lazy wants a module with a default one.
 * `preload` starts the same download early (the page opened by address, while the session is
 * still being checked); React then finds it loaded or loading, never loads it twice.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const start = () => (loading ??= load().then((module) => ({ default: module[name] })));
  return Object.assign(lazy(start), {
    preload() {
      // A failed early download is not an error yet: React asks again when it shows the page.
      start().catch(() => (loading = null));
    },
  });
}
