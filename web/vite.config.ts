import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The folder of this file, so the UI builds the same from any working directory. */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * web/src/early-requests.ts is an entry of its own, loaded by index.html as an `async` module script
 * before the main one: it runs as soon as it arrives, not once the main script and its imports are
 * loaded and evaluated, and asks the monitors page's first data (ADR 0026, evening). The main script
 * imports it too (the same module, evaluated once). In development (`vite serve`) there is no
 * bundle and the main script's import alone asks it.
 */
function earlyRequestsScript(): Plugin {
  return {
    name: 'kopa-early-requests',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const early = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early-requests');
        if (!early) return undefined;
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${early.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), earlyRequestsScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production: they would publish the UI's source and comments to anyone.
    sourcemap: false,
    // ECharts (about 510 kB) is one chunk loaded only when a chart is first shown; every other
    // chunk stays well under the default 500 kB.
    chunkSizeWarningLimit: 560,
    rollupOptions: { input: { index: `${root}index.html`, 'early-requests': `${root}src/early-requests.ts` } },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
