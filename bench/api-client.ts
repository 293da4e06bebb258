/** The few API calls the throughput benches make before measuring (bench/api-throughput.ts, bench/api-replicas.ts). */
export async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export const TENANT_PATH = (id: string) => `/api/v1/tenants/${id}`;

/** A municipality and a Bearer token of one of its people's role, made with the bootstrap token; the path wrk reads. */
export async function createBenchTenant(base: string, bootstrap: string): Promise<{ path: string; token: string }> {
  const tenant = await call(base, 'POST', '/api/v1/tenants', bootstrap, { name: 'Bench novads', registrationNumber: '90000031828', status: 'active' });
  const created = await call(base, 'POST', '/api/v1/tokens', bootstrap, { name: 'bench', role: 'tenant_user', tenantId: tenant.id });
  return { path: TENANT_PATH(tenant.id as string), token: created.token as string };
}
