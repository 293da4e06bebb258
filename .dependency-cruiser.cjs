/**
 * Import rules ESLint cannot see file by file: no cycles anywhere in src/ (type-only imports
 * count too — a cycle of types is still two files that cannot be understood apart), and the
 * feature folders of src/app/ (ADR 0016).
 * The layer direction (domain ← app ← http|jobs|cli ← main) stays in eslint.config.js.
 * Run by `npm run lint`.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Import cycles make files that can only be read, tested and moved together; break them (ADR 0016).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-shared',
      severity: 'error',
      comment: 'app/shared/ is what every feature may use, so it uses no feature itself.',
      from: { path: '^src/app/shared/' },
      to: { path: '^src/app/', pathNot: '^src/app/shared/' },
    },
    {
      name: 'narrow-ports',
      severity: 'error',
      comment: 'Every feature names the ports it needs (<feature>/ports.ts), not the whole Store and Deps of app/ports.ts, which only the callers (main/, http/, jobs/, cli/) use (ADR 0016).',
      from: { path: '^src/app/[^/]+/' },
      to: { path: '^src/app/ports\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Count `import type` too: the compiler erases them, the reader does not.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
