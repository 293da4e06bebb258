/** What the municipality and agreement use cases need from the store. */
import type { Agreement, AgreementTerms } from '../../domain/agreement.js';
import type { PostalAddress, Tenant, TenantStatus } from '../../domain/tenant.js';
import type { AuditStore } from '../audit/ports.js';
import type { CalendarStore } from '../calendars/ports.js';
import type { Clock, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

export interface TenantRecord {
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: PostalAddress | null;
  email: string | null;
  peppolScheme: string;
  peppolId: string;
  status: TenantStatus;
}

export interface TenantStore {
  list(tx: Tx, tenantId: string | null): Promise<Tenant[]>;
  get(tx: Tx, tenantId: string): Promise<Tenant | null>;
  findByRegistrationNumber(tx: Tx, registrationNumber: string): Promise<Tenant | null>;
  insert(tx: Tx, record: TenantRecord): Promise<Tenant>;
  update(tx: Tx, tenantId: string, record: TenantRecord, at: Date): Promise<Tenant>;
}

export interface AgreementStore {
  listCurrent(tx: Tx, tenantId: string): Promise<Agreement[]>;
  versions(tx: Tx, tenantId: string, agreementId: string): Promise<Agreement[]>;
  current(tx: Tx, tenantId: string, agreementId: string): Promise<Agreement | null>;
  numberTaken(tx: Tx, number: string, exceptAgreementId?: string): Promise<boolean>;
  create(tx: Tx, tenantId: string, terms: AgreementTerms, createdBy: string): Promise<Agreement>;
  addVersion(tx: Tx, tenantId: string, agreementId: string, version: number, terms: AgreementTerms, changeNote: string | null, createdBy: string): Promise<Agreement>;
}

/** What the municipality and agreement use cases need: an agreement names a calendar, every change is audited. */
export interface MunicipalityDeps {
  store: Transactions & { tenants: TenantStore; agreements: AgreementStore; calendars: Pick<CalendarStore, 'exists'>; audit: AuditStore };
  clock: Clock;
}
