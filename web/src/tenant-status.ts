import type { TenantStatus } from './roles';

/** Status changes the server accepts; offboarded is final. */
const NEXT: Record<TenantStatus, readonly TenantStatus[]> = {
  onboarding: ['active', 'offboarded'],
  active: ['suspended', 'offboarded'],
  suspended: ['active', 'offboarded'],
  offboarded: [],
};

export function statusChoices(current: TenantStatus): TenantStatus[] {
  return [current, ...NEXT[current]];
}
