import { defineConfig } from 'vite';

/** Source of a pure lib (`libs/<name>/src`), bundled as is: no Node APIs in contracts or domain. */
const lib = (name: string): string =>
  decodeURIComponent(new URL(`../../libs/${name}/src/index.ts`, import.meta.url).pathname);

/**
 * The monitoring-room console: Preact + Leaflet, built to apps/console/dist (`npm run build:console`)
 * and served by the server at `/` (apps/server/src/console). The contract and domain libs are bundled
 * from source, so the console shares the server's level names, workflow rules and metric catalog.
 */
export default defineConfig({
  base: '/',
  resolve: {
    alias: { '#contracts': lib('contracts'), '#domain': lib('domain') },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
