// The explorer client: sources in web/client, built into dist/web (served by `atlas serve`). In dev,
// /api is proxied to the API server on ATLAS_API_PORT (default 4318).
import { defineConfig } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const apiPort = Number(process.env['ATLAS_API_PORT'] ?? 4318);

export default defineConfig({
  root: path.join(here, 'web', 'client'),
  base: '/',
  publicDir: false,
  build: {
    outDir: path.join(here, 'dist', 'web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
});
