import { FieldErrors } from './errors.js';
import { isLocalDate, type LocalDate } from './local-date.js';

/** A catalogue entry with the fields Cabinet Regulation No. 399 asks of a public service. */
export interface Service {
  id: string;
  code: string;
  name: { lv: string; en: string | null };
  description: string | null;
  holder: string | null;
  provider: string | null;
  legalBasis: { title: string; url: string }[];
  customerGroup: string | null;
  requestChannels: string[];
  fee: string | null;
  timeLimit: string | null;
  resultDelivery: string | null;
  critical: boolean;
  owner: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ServiceFields = Omit<Service, 'id' | 'createdAt' | 'updatedAt'>;

export interface Subscription {
  id: string;
  tenantId: string;
  serviceId: string;
  mode: 'shared' | 'own_instance';
  from: LocalDate;
  to: LocalDate | null;
  createdAt: string;
}

export function validateService(s: ServiceFields, errors = new FieldErrors()): FieldErrors {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(s.code)) errors.add('code', 'invalid_identifier', 'must be 1–40 letters, digits, ".", "_" or "-"');
  if (!s.name.lv.trim()) errors.add('name', 'required', 'must not be empty');
  s.legalBasis.forEach((l, i) => {
    if (!/^https?:\/\/\S+$/.test(l.url)) errors.add(`legalBasis[${i}].url`, 'invalid_url', 'must be an http(s) link, e.g. to likumi.lv');
    if (!l.title.trim()) errors.add(`legalBasis[${i}].title`, 'required', 'must not be empty');
  });
  return errors;
}

export function validateSubscription(from: string, to: string | null, errors = new FieldErrors()): FieldErrors {
  if (!isLocalDate(from)) errors.add('from', 'invalid_date', 'must be a date YYYY-MM-DD');
  if (to !== null && !isLocalDate(to)) errors.add('to', 'invalid_date', 'must be a date YYYY-MM-DD');
  else if (to !== null && to < from) errors.add('to', 'not_before', 'must not be before from', { other: 'from' });
  return errors;
}
