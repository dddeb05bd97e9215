// `atlas serve` / `demo`: make sure the client is built, then serve it with the API on one port.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AtlasError } from '../errors/index.ts';
import { startServer } from '../web/server/index.ts';
import type { Connection } from './connect.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const STATIC_DIR = join(ROOT, 'dist', 'web');

/** Newest modification time under a folder (to rebuild the client only when its sources changed). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Run time needs only the built client (dist/web). Vite is a dev dependency: it is loaded, dynamically, only
 * when the build is missing or older than web/client, and when it is not installed an existing build is served.
 */
export async function ensureClientBuilt(log: (l: string) => void = console.error): Promise<void> {
  const index = join(STATIC_DIR, 'index.html');
  const built = existsSync(index);
  const sources = join(ROOT, 'web', 'client');
  if (built && (!existsSync(sources) || statSync(index).mtimeMs >= newest(sources))) return;
  const vite = await import('vite').catch(() => undefined);
  if (!vite) {
    if (built) return log('The explorer sources changed but vite is not installed (npm install --omit=dev?): serving the existing build.');
    throw new AtlasError('USAGE', 'The explorer is not built (dist/web) and vite is not installed to build it: run `npm install` then `npm run build`.');
  }
  log('Building the explorer (vite build)…');
  await vite.build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export async function serveExplorer(c: Connection, o: { port: number; host: string }) {
  await ensureClientBuilt();
  return startServer({ driver: c.driver, database: c.database, port: o.port, host: o.host, staticDir: STATIC_DIR });
}
