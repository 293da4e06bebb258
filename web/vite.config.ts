import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The folder of this file, so the UI builds the same from any working directory. */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production: they would publish the UI's source and comments to anyone.
    sourcemap: false,
    // ECharts (about 510 kB) is one chunk loaded only when a chart is first shown; every other
    // chunk stays well under the default 500 kB.
    chunkSizeWarningLimit: 560,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
