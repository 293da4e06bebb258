import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf, type Schemas } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** The shapes of the token answers, generated from the server's OpenAPI (ADR 0012). */
export type ApiToken = Schemas['ApiToken'];
export type CreatedApiToken = ResponseOf<'/api/v1/tokens', 'post'>;
export type TokenInput = BodyOf<'/api/v1/tokens', 'post'>;

const keys = { list: ['tokens'] as const };

/** Every token the person may see (agency: all municipalities'; a municipality admin: their own). */
export function useTokens() {
  const query = useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tokens', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.list);
}

/** A new token goes to the top of the cached list, without its secret (which is shown once). */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TokenInput) => body(client.POST('/api/v1/tokens', { body: input })),
    onSuccess: ({ token: _secret, ...stored }) => queryClient.setQueryData<ApiToken[]>(keys.list, (list) => [stored, ...(list ?? [])]),
  });
}

/** A revoked token answers as it is now; it replaces the cached one. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body(client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: (revoked) => queryClient.setQueryData<ApiToken[]>(keys.list, (list) => (list ?? []).map((x) => (x.id === revoked.id ? revoked : x))),
  });
}
