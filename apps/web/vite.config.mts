import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// `npm run dev` passes the api's address; the dev server proxies so the app stays same-origin (/api/v1, /health).
const apiTarget = process.env.ACCORD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  // No React plugin: esbuild compiles JSX with the automatic runtime, which is all this app needs.
  esbuild: { jsx: 'automatic' },
  // The libs' path alias (tsconfig.base.json `paths`, apps/web/tsconfig.json): the app imports the pure domain only.
  resolve: { alias: [{ find: /^@accord\/domain(?=\/|$)/, replacement: join(repoRoot, 'libs', 'domain', 'src') }] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      // react-router marks its modules "use client" for server-component bundlers; meaningless in a plain SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || (warning.code === 'SOURCEMAP_ERROR' && warning.id?.includes('react-router')))
          return;
        warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The app imports the pure domain vocabulary from libs/domain (one source of truth with the api's DTOs).
    fs: { allow: [repoRoot] },
    proxy: { '/api': apiTarget, '/health': apiTarget },
  },
  preview: { host: '127.0.0.1', port: 4173, proxy: { '/api': apiTarget, '/health': apiTarget } },
});
