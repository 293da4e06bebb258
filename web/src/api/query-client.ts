import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';

/**
 * Server state lives in one cache (ADR 0012). A failed read is tried again only when trying
 * again can help — the network or the server failed; a 4xx answer is the answer. Data is not
 * refetched on window focus: pages reload what a change touched, by invalidation.
 */
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
