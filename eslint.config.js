import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];
/** web/ may import pure rules from src/domain, nothing else of the server. */
const SERVER_ONLY = { regex: '(^|/)src/(?!domain/)', message: 'the web UI talks to the server over HTTP only (it may import pure rules from src/domain)' };
/** The hand-written wire shapes web/src/types.ts used to hold. */
const HAND_WRITTEN_TYPES = { regex: '(^|/)types$', message: 'take the shape from the feature queries.ts (generated from the OpenAPI document) or a list from web/src/roles.ts' };

/**
 * The architecture's dependency direction, enforced:
 *   domain ← app ← (http | jobs | cli) ← main;  db implements what app needs.
 */
const boundaries = [
  {
    files: ['src/domain/**/*.ts'],
    message: 'domain/ is pure: no I/O, no clock, no libraries, nothing outside domain/',
    forbid: [...layer('app'), ...layer('db'), ...layer('http'), ...layer('jobs'), ...layer('cli'), ...layer('main'), 'node:*', 'fs', 'pg', 'kysely', 'fastify', '@*/*'],
  },
  { files: ['src/app/**/*.ts'], message: 'app/ sees the outside only through ports', forbid: [...layer('db'), ...layer('http'), ...layer('jobs'), ...layer('cli'), ...layer('main'), 'pg', 'kysely', 'fastify', '@electric-sql/*', '@fastify/*'] },
  { files: ['src/db/**/*.ts'], message: 'db/ implements app ports; it knows nothing of HTTP, jobs, CLI or main', forbid: [...layer('http'), ...layer('jobs'), ...layer('cli'), ...layer('main'), 'fastify', '@fastify/*'] },
  { files: ['src/http/**/*.ts'], message: 'http/ calls use cases, never the database directly', forbid: [...layer('db'), ...layer('jobs'), ...layer('cli'), ...layer('main'), 'pg', 'kysely', '@electric-sql/*'] },
  { files: ['src/jobs/**/*.ts'], message: 'jobs/ calls use cases, never the database or HTTP', forbid: [...layer('db'), ...layer('http'), ...layer('cli'), ...layer('main'), 'pg', 'kysely', 'fastify'] },
  { files: ['src/cli/**/*.ts'], message: 'cli/ parses commands; main/ supplies what they do', forbid: [...layer('db'), ...layer('http'), ...layer('jobs'), ...layer('main'), 'pg', 'kysely', 'fastify'] },
];

const CLOCK_RULES = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'take the time from the injected clock (deps.clock.now()), not new Date()' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'take the time from the injected clock (deps.clock.now()), not Date.now()' },
];
const SYSTEM_SCOPE_RULES = [
  { selector: "Property[key.name='role'] > Literal[value='system']", message: "use SYSTEM from src/app/shared/transaction.ts, the one system scope" },
  { selector: "Property[key.name='role'] > TSAsExpression > Literal[value='system']", message: "use SYSTEM from src/app/shared/transaction.ts, the one system scope" },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Tests beside the code may read fixtures and use test libraries; the rules guard production code.
  ...boundaries.map(({ files, message, forbid }) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbid, message }] }] },
  })),
  {
    // Domain rules in one place (issue 12 item 4). Time comes from the injected clock, so a
    // demo or a test with a stopped clock sees its own "now" everywhere, updated_at included.
    // main/ builds the clock; the files listed measure real elapsed time (cache lifetimes, a
    // shutdown's duration, a TLS certificate's real validity), which no simulated clock should bend.
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/main/**', 'src/jobs/prober/**', 'src/app/oidc/relying-party.ts', 'src/http/routes/status.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...CLOCK_RULES, ...SYSTEM_SCOPE_RULES],
    },
  },
  {
    // Real elapsed time is allowed there, but the system scope is still spelled only once.
    files: ['src/main/**/*.ts', 'src/jobs/prober/**/*.ts', 'src/app/oidc/relying-party.ts', 'src/http/routes/status.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...SYSTEM_SCOPE_RULES] },
  },
  // The two places allowed to spell out the system scope: the constant and the system actor.
  { files: ['src/app/shared/transaction.ts', 'src/domain/actor.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // The pure domain rules the UI needs (a check digit) come from src/domain, the one place.
            SERVER_ONLY,
          ],
        },
      ],
    },
  },
  {
    // One contract (ADR 0012): the UI's wire shapes are derived from the generated schema in each
    // feature's queries.ts. web/src/types.ts held them by hand and is gone; it must not come back.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [SERVER_ONLY, HAND_WRITTEN_TYPES] }],
    },
  },
  {
    // Every page is on the generated client: no hand-written types (`*-types.ts`) or request layers
    // (`*-api.ts`, the deleted `api/index.ts`) come back anywhere in web/src.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_ONLY,
            HAND_WRITTEN_TYPES,
            { regex: '(^|/)[a-z-]+-(types|api)$', message: 'pages use the generated client: derive types in the feature\'s queries.ts from web/src/api/schema.d.ts' },
            { regex: '(^|/)api(/index)?$', message: 'call the generated client (web/src/api/client.ts) through the feature\'s queries.ts; problem types come from web/src/api/problem' },
          ],
        },
      ],
    },
  },
  {
    // One way to the API (ADR 0012): the generated client in web/src/api, with its CSRF header,
    // problem answers and 401 handling. A page calling fetch itself would skip all three.
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/api/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'call the API through web/src/api/client.ts (the generated client)' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'fetch', message: 'call the API through web/src/api/client.ts (the generated client)' }, { object: 'globalThis', property: 'fetch', message: 'call the API through web/src/api/client.ts (the generated client)' }],
    },
  },
);
