import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page loaded on first show that can also be asked to start loading sooner. */
export type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Starts loading the page's code; settles when it is in, or has failed to load. */
  preload(): Promise<void>;
};

type PageModule = { default: ComponentType };

/**
 * A page whose code is loaded when it is first shown, so the first download carries only the frame
 * and the page asked for. Pages are named exports; React.lazy wants a module with a default one.
 * `preload` starts the same download early (the page opened by address, while the session is
 * still being checked); React then finds it loaded or loading, never loads it twice.
 *
 * Code already loaded when React first shows the page is handed over settled, in the same render:
 * a promise, even a resolved one, settles only after the render, so React suspended, committed the
 * Suspense fallback, and — since React throttles what follows a fallback to 300 ms after it — drew
 * the page up to 300 ms after its data was in (the monitors page, warm: data 230 ms, rows 527 ms).
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<PageModule> | null = null;
  let loaded: PageModule | null = null;
  const start = () =>
    (loading ??= load().then((module) => {
      loaded = { default: module[name] };
      return loaded;
    }));
  // React.lazy reads its loader's answer through `then` alone, and takes the module at once when
  // `then` calls back before returning (react's lazyInitializer); its type asks for a promise.
  const settled = (module: PageModule) => ({ then: (onLoaded: (m: PageModule) => void) => onLoaded(module) }) as unknown as Promise<PageModule>;
  return Object.assign(
    lazy(() => (loaded ? settled(loaded) : start())),
    {
      preload() {
        // A failed early download is not an error yet: React asks again when it shows the page.
        return start().then(
          () => undefined,
          () => void (loading = null),
        );
      },
    },
  );
}
