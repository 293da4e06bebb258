/** Wire shapes of the Kopa API (prefix /api/v1). */
import type { Schemas } from './api/client';

export const AGENCY_ROLES = ['operator', 'desk_agent', 'finance', 'auditor'] as const;
export const TENANT_ROLES = ['tenant_admin', 'tenant_user'] as const;
export const ROLES = [...AGENCY_ROLES, ...TENANT_ROLES] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type TenantRole = (typeof TENANT_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const TENANT_STATUSES = ['onboarding', 'active', 'suspended', 'offboarded'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const PEPPOL_SCHEMES = ['0218', '9939'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type Locale = 'lv' | 'en';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  active: boolean;
  locale: Locale;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

/** The session answer, generated from the server's OpenAPI (ADR 0012). */
export type SessionInfo = Schemas['SessionInfo'];

/** The signed-in person, with what the server lets them do (the session answer, flattened). */
export type SessionUser = SessionInfo['user'] & Pick<SessionInfo, 'permissions' | 'readOnly'>;

export interface CreatedUser extends User {
  temporaryPassword?: string;
}

/** A municipality admin's invitation; its status never tells whether the address has an account elsewhere. */
export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'expired';
}

export interface Address {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface PeppolEndpoint {
  scheme: string;
  id: string;
}

export interface Tenant {
  id: string;
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: Address | null;
  email: string | null;
  peppolEndpoint: PeppolEndpoint;
  status: TenantStatus;
  createdAt: string;
  updatedAt: string;
}

export interface TenantInput {
  name?: string;
  registrationNumber?: string;
  vatNumber?: string | null;
  address?: Address | null;
  email?: string | null;
  peppolEndpoint?: PeppolEndpoint;
  status?: TenantStatus;
}

export interface DeskTarget {
  reactionMinutes: number;
  resolutionMinutes: number;
}

export type DeskTargets = Record<Priority, DeskTarget>;

export interface Agreement {
  id: string;
  tenantId: string;
  version: number;
  number: string;
  signedOn: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  availabilityTargetPercent: number;
  calendarId: string;
  maintenanceNoticeHours: number;
  deskTargets: DeskTargets;
  buyerReference: string | null;
  vatExempt: boolean;
  changeNote: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface AgreementWithHistory extends Agreement {
  versions: Agreement[];
}

export interface AgreementInput {
  number?: string;
  signedOn?: string;
  effectiveFrom?: string;
  effectiveTo?: string | null;
  availabilityTargetPercent?: number;
  calendarId?: string;
  maintenanceNoticeHours?: number;
  deskTargets?: DeskTargets;
  buyerReference?: string | null;
  vatExempt?: boolean;
  changeNote?: string | null;
}

export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
}

export interface AuditEvent {
  seq: string;
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  tenantId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  next: string | null;
  nextCursor: string | null;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  problems: { seq: string; problem: string }[];
}

export function isTenantRole(role: Role): role is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(role);
}

/** The password step's answer when a second factor (or its enrolment) is still to come. */
export interface PendingSignIn {
  mfaRequired: true;
  methods?: SecondFactorMethod[];
  enrolmentRequired?: true;
  csrfToken?: string;
}

export type SecondFactorMethod = 'totp' | 'webauthn' | 'recovery';

export function isPendingSignIn(value: SessionInfo | PendingSignIn): value is PendingSignIn {
  return (value as PendingSignIn).mfaRequired === true;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  deviceType: string | null;
  backedUp: boolean;
}

export interface SecondFactorStatus {
  required: boolean;
  totp: boolean;
  passkeys: Passkey[];
  recoveryCodesLeft: number;
}

/** When an enrolment completes a pending sign-in, the answer carries the full session. */
export type Promoted = Partial<SessionInfo>;

export interface SignedInSession {
  id: string;
  browser: string | null;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}
