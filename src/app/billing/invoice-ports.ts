/** The agency as seller, gapless invoice numbers and issued invoices (`Store['invoices']`). */
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Tx } from '../shared/transaction.js';

export interface SellerSettings {
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: { street: string; city: string; postalCode: string; country: string };
  iban: string;
  bic: string | null;
  email: string | null;
  paymentTermsDays: number;
  invoiceSeries: string;
  updatedAt: string;
  updatedBy: string;
}

export interface IssuedInvoice {
  id: string;
  tenantId: string;
  billingRunId: string | null;
  kind: Invoice['kind'];
  number: string;
  month: string;
  issueDate: string;
  dueDate: string;
  currency: 'EUR';
  netCents: bigint;
  vatCents: bigint;
  totalCents: bigint;
  correctsInvoiceId: string | null;
  createdAt: string;
  createdBy: string;
}

export interface InvoiceStore {
  seller(tx: Tx): Promise<SellerSettings>;
  updateSeller(tx: Tx, seller: Omit<SellerSettings, 'updatedAt'>, at: Date): Promise<SellerSettings>;
  /** The next number of a series in a year; taken in the caller's transaction, so a rollback gives it back. */
  nextNumber(tx: Tx, series: string, year: number): Promise<number>;
  insert(tx: Tx, invoice: Omit<IssuedInvoice, 'id' | 'createdAt'> & { series: string; year: number; seq: number; document: Invoice; ubl: string }): Promise<IssuedInvoice>;
  list(tx: Tx, tenantId: string | null, filter: { month?: string | undefined }): Promise<IssuedInvoice[]>;
  get(tx: Tx, invoiceId: string): Promise<(IssuedInvoice & { document: Invoice; ubl: string }) | null>;
}
