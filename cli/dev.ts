// `npm run dev`: Vite with hot reload, the API proxied to a server holding the credentials.
import { startDevServer } from '../web/server/index.ts';
import type { Connection } from './connect.ts';

export async function runDev(c: Connection): Promise<void> {
  const dev = await startDevServer({ driver: c.driver, database: c.database, target: c.target });
  console.log(`\nAtlas (dev, hot reload): ${dev.url}   API: ${dev.apiUrl}   (Ctrl+C to stop)`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await dev.close();
}
