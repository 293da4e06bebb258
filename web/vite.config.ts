import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';

/** The folder of this file, so the UI builds the same from any working directory. */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * web/src/early.ts is an entry of its own, its <script> first in the page's head with its imports
 * preloaded beside it, so that it runs as soon as its few kilobytes arrive rather than after the
 * app's (ADR 0028). A second <script> in index.html would not do: Vite bundles all of a page's
 * module scripts into one entry, and nothing in it runs before all of it has arrived.
 */
function earlyScriptFirst(): Plugin {
  return {
    name: 'kopa:early-script-first',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx): string {
        const tags = ctx.bundle ? builtEarlyTags(ctx.bundle) : ['<script type="module" src="/src/early.ts"></script>'];
        // Right after the head's own lines (the charset first of all), before what Vite adds there:
        // the app's script and its preloads, which would otherwise take the first connections.
        const at = html.indexOf('</title>') + '</title>'.length;
        if (at < '</title>'.length) throw new Error('index.html has no <title> to put the early script after');
        return `${html.slice(0, at)}\n    ${tags.join('\n    ')}${html.slice(at)}`;
      },
    },
  };
}

function builtEarlyTags(bundle: Rollup.OutputBundle): string[] {
  const early = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry && file.name === 'early');
  if (early?.type !== 'chunk') throw new Error('the early entry (src/early.ts) is missing from the build');
  return [`<script type="module" crossorigin src="/${early.fileName}"></script>`, ...early.imports.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`)];
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), earlyScriptFirst()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production: they would publish the UI's source and comments to anyone.
    sourcemap: false,
    // ECharts (about 510 kB) is one chunk loaded only when a chart is first shown; every other
    // chunk stays well under the default 500 kB.
    chunkSizeWarningLimit: 560,
    rolldownOptions: { input: { index: `${root}index.html`, early: `${root}src/early.ts` } },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
