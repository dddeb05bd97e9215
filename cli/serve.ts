// `atlas serve` / `demo`: make sure the client is built, then serve it with the API on one port.
// An installed package ships the client prebuilt in dist/web (npm's prepack builds it) and no client
// sources, so serving needs no dev dependency; a checkout rebuilds it with Vite when its sources changed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AtlasError } from '../errors/index.ts';
import { startServer } from '../web/server/index.ts';
import type { Connection } from './connect.ts';
import { REPO_ROOT } from './paths.ts';
import type { Ui } from './runtime.ts';

export const STATIC_DIR = join(REPO_ROOT, 'dist', 'web');
const CLIENT_SOURCES = join(REPO_ROOT, 'web', 'client');

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
  const built = existsSync(index);
  if (built && (!existsSync(CLIENT_SOURCES) || statSync(index).mtimeMs >= newest(CLIENT_SOURCES))) return;
  if (!existsSync(CLIENT_SOURCES)) throw new AtlasError('INTERNAL', `the explorer is not built (${index} is missing) and its sources are not here to build it`);
  log('Building the explorer (vite build)…');
  // Vite is a dev dependency: only a checkout gets here, and a checkout has run npm install.
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export async function serveExplorer(c: Connection, o: { port: number; host: string }, ui: Ui) {
  await ensureClientBuilt(ui.info);
  return startServer({ driver: c.driver, database: c.database, target: c.target, port: o.port, host: o.host, staticDir: STATIC_DIR });
}
