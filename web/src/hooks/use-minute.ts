import { useSyncExternalStore } from 'react';

/** One timer for the whole page: every subscriber re-renders once a minute. */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, refreshed once a minute while anything on the page uses it. */
export function useMinute(): number {
  return useSyncExternalStore(subscribe, () => now);
}
