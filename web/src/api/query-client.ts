import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';

/**
 * Server state lives in one cache (ADR 0012). A failed read is tried again only when trying
 * again can help — the network or the server failed; a 4xx answer is the answer. Data is not
 * refetched on window focus: pages reload what a change touched, by invalidation.
 */
/**
 * How long an answer counts as fresh for the first screen's lists (the monitors page's list and
 * counts, the services, the municipalities): the several parts of a page that show one of them,
 * mounting one after another, share the answer the first asked for (on a visit, the one
 * web/src/early.ts asked before the app's code had arrived) instead of each asking again.
 * Changes made in the UI invalidate these lists whatever their age.
 */
export const FIRST_SCREEN_FRESH_MS = 10_000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
