import type { Transaction } from 'kysely';
import type { Tx } from '../app/shared/transaction.js';
import type { Database } from './schema.js';

/**
 * The app sees transactions as opaque; only db/ looks inside. Kept apart from store.ts,
 * which assembles the repositories, so a repository never imports its own assembler.
 */
export function asTx(trx: Transaction<Database>): Tx {
  return trx as unknown as Tx;
}
export function trxOf(tx: Tx): Transaction<Database> {
  return tx as unknown as Transaction<Database>;
}
