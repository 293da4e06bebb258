import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep issue 12's domain rules in their place, run on snippets as if they sat
// in the named files: each must refuse where it applies and stay quiet where it is allowed.
const eslint = new ESLint({ cwd: process.cwd() });
const messagesFor = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.message);

describe('domain rule lint', () => {
  it('refuses new Date() and Date.now() outside the clock', async () => {
    const code = 'export const a = new Date();\nexport const b = Date.now();\nexport const c = new Date(0);\n';
    for (const file of ['src/db/repositories/x.ts', 'src/app/billing/x.ts', 'src/domain/x.ts', 'src/http/routes/x.ts']) {
      expect(await messagesFor(file, code), file).toEqual([
        'take the time from the injected clock (deps.clock.now()), not new Date()',
        'take the time from the injected clock (deps.clock.now()), not Date.now()',
      ]);
    }
    expect(await messagesFor('src/main/runtime-x.ts', code)).toEqual([]);
  });

  it('refuses a system scope spelled out anywhere but the one constant', async () => {
    const code = "export const s = { role: 'system' as const, tenantId: null };\nexport const t = { role: 'system', tenantId: null };\n";
    const refusal = 'use SYSTEM from src/app/shared/transaction.ts, the one system scope';
    for (const file of ['src/app/desk/x.ts', 'src/jobs/x.ts', 'src/main/x.ts', 'src/http/routes/status.ts']) expect(await messagesFor(file, code), file).toEqual([refusal, refusal]);
    expect(await messagesFor('src/app/shared/transaction.ts', code)).toEqual([]);
  });
});
