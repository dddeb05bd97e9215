// `npm run dev`: the API on ATLAS_API_PORT (default 4318) plus Vite's dev server with hot reload, which
// proxies /api to it (see vite.config.ts). The CLI opens the driver and calls this.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../../neo4j/connect.ts';
import { startServer } from './server.ts';

export interface DevOptions {
  driver: Driver;
  database?: string;
  /** The driver's Neo4j: console queries then run in the capped-heap query worker. */
  target?: Neo4jTarget;
  /** Vite's port; default 5173. */
  port?: number;
  host?: string;
  apiPort?: number;
}

export async function startDevServer(opts: DevOptions): Promise<{ url: string; apiUrl: string; close(): Promise<void> }> {
  const apiPort = opts.apiPort ?? Number(process.env['ATLAS_API_PORT'] ?? 4318);
  process.env['ATLAS_API_PORT'] = String(apiPort);
  const api = await startServer({ driver: opts.driver, database: opts.database, target: opts.target, port: apiPort, host: '127.0.0.1' });
  const { createServer } = await import('vite');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const vite = await createServer({
    configFile: path.join(root, 'vite.config.ts'),
    server: { port: opts.port ?? 5173, host: opts.host ?? '127.0.0.1' },
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${opts.port ?? 5173}/`;
  return {
    url,
    apiUrl: api.url,
    close: async () => {
      await vite.close();
      await api.close();
    },
  };
}
