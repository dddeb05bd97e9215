// `atlas serve` / `demo`: make sure the client is built, then serve it with the API on one port.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export async function ensureClientBuilt(log: (l: string) => void = console.error): Promise<void> {
  const index = join(STATIC_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web', 'client'))) return;
  log('Building the explorer (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export async function serveExplorer(c: Connection, o: { port: number; host: string }) {
  await ensureClientBuilt();
  return startServer({ driver: c.driver, database: c.database, port: o.port, host: o.host, staticDir: STATIC_DIR });
}
