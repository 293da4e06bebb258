// `node --import ./test/support/record-modules.js …`: writes the URL of every module the process
// resolves (ESM imports and the CommonJS files they reach) to the file in RECORD_MODULES_TO, one a
// line, so a test can see that the production start loads no TypeScript.
import { register } from 'node:module';

register('./record-modules-hooks.js', import.meta.url, { data: { file: process.env.RECORD_MODULES_TO } });
