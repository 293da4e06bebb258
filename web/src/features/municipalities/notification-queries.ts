import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, type BodyOf, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** A municipality's notification settings, generated from the server's OpenAPI (ADR 0012). */
export type NotificationSettings = ResponseOf<'/api/v1/tenants/{id}/notification-settings', 'get'>;
export type NotificationSettingsInput = BodyOf<'/api/v1/tenants/{id}/notification-settings', 'put'>;
export type NoticeTopic = keyof NotificationSettings['topics'];
export type TopicSetting = NotificationSettings['topics'][NoticeTopic];

const key = (id: string) => ['tenants', 'detail', id, 'notification-settings'] as const;

export function useNotificationSettings(tenantId: string) {
  const query = useQuery({
    queryKey: key(tenantId),
    queryFn: ({ signal }) => body(client.GET('/api/v1/tenants/{id}/notification-settings', { params: { path: { id: tenantId } }, signal })),
  });
  return useQueryResource(query, key(tenantId));
}

/** Replaces the settings; the answer is what is stored now. */
export function useSaveNotificationSettings(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NotificationSettingsInput) => body(client.PUT('/api/v1/tenants/{id}/notification-settings', { params: { path: { id: tenantId } }, body: input })),
    onSuccess: (saved) => queryClient.setQueryData(key(tenantId), saved),
  });
}
