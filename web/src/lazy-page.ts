import { lazy, type ComponentType } from 'react';

/**
 * A page whose code is loaded when it is first shown, so the first download carries only the frame
 * and the page asked for. Pages are named exports; React.lazy wants a module with a default one.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
