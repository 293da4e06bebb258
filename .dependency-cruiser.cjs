/**
 * Import rules ESLint cannot see file by file: no cycles anywhere in src/ (type-only imports
 * count too — a cycle of types is still two files that cannot be understood apart).
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Count `import type` too: the compiler erases them, the reader does not.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
