/**
 * Compile-time checks of the client's typing: `npm run typecheck` (tsc -p web) runs them; nothing
 * imports this file, so it never reaches the bundle.
 */
import { client } from './client';

export function anUndeclaredParameterIsATypeError(): void {
  // @ts-expect-error -- GET /api/v1/tickets has no `search` (its text search is `q`); the server would answer 400
  void client.GET('/api/v1/tickets', { params: { query: { limit: 20, search: 'portāls' } } });
}
