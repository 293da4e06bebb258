import { verifyChain, GENESIS_HASH, type ChainProblem, type ChainProblemCode } from '../../domain/audit.js';
import { sha256Hex } from './record-audit.js';
import type { AuditDeps } from './ports.js';
import { SYSTEM } from '../shared/transaction.js';

export interface ChainReport {
  ok: boolean;
  checked: number;
  problems: (ChainProblem | { seq: string; problem: Extract<ChainProblemCode, 'head_mismatch'> })[];
}

/**
 * Re-hashes the whole chain in batches and compares the end with the stored head,
 * so an edited event, a deleted one and a deleted tail are all found.
 */
export async function verifyAuditChain(deps: AuditDeps, batchSize = 5000): Promise<ChainReport> {
  return deps.store.run(SYSTEM, async (tx) => {
    let state: { prevHash: string; prevSeq: bigint | null } = { prevHash: GENESIS_HASH, prevSeq: null };
    let checked = 0;
    const problems: ChainReport['problems'] = [];
    let after: string | null = null;
    for (;;) {
      const batch = await deps.store.audit.readChain(tx, after, batchSize);
      if (batch.length === 0) break;
      const result = verifyChain(batch, sha256Hex, state);
      checked += result.checked;
      problems.push(...result.problems);
      state = result.last;
      after = batch[batch.length - 1]!.seq;
    }
    const head = await deps.store.audit.head(tx);
    const lastSeq = state.prevSeq === null ? null : state.prevSeq.toString();
    if ((head?.seq ?? null) !== lastSeq || (head && head.hash !== state.prevHash)) {
      problems.push({ seq: head?.seq ?? '0', problem: 'head_mismatch' });
    }
    return { ok: problems.length === 0, checked, problems };
  });
}
