// The ingest lease: one writer at a time per database, so two `atlas ingest` processes (or machines) that run
// at once give the graph of one after the other. The holder renews it every few seconds; a holder that dies
// (SIGKILL, lost machine) stops renewing and the lease expires, and a dead holder on this same host is seen at
// once by its pid. Neo4j's uniqueness constraint on AtlasLock.id makes the MERGE race-free.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AtlasError } from '../../errors/index.ts';
import type { WriteTarget } from './target.ts';

export const LEASE_TTL_MS = 15_000;

export interface Lease {
  owner: string;
  /** Throws when the lease was lost (expired while this process stalled, and another took it). */
  check(): void;
  release(): Promise<void>;
  /** Stops renewing without a write: for a database that went away (the lease then simply expires). */
  abandon(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export async function acquireLease(t: WriteTarget, o: { onWait?: (holder: string) => void; pollMs?: number } = {}): Promise<Lease> {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const params = { owner, ttl: LEASE_TTL_MS, host: hostname(), pid: process.pid };
  let waited = false;
  for (;;) {
    const [r] = await write(
      t,
      `MERGE (l:AtlasLock {id: 'ingest'})
       WITH l, (l.owner IS NULL OR l.expires < timestamp() OR l.owner = $owner OR (l.host = $host AND l.pid IN $dead)) AS free
       FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
         SET l.owner = $owner, l.expires = timestamp() + $ttl, l.host = $host, l.pid = $pid)
       RETURN free, l.owner AS holder, l.host AS host, l.pid AS pid`,
      { ...params, dead: [] },
    );
    if (r.get('free')) break;
    // The holder is a process on this machine that no longer exists: take over without waiting for expiry.
    const pid = Number(r.get('pid'));
    if (r.get('host') === hostname() && pid && !alive(pid)) {
      const [s] = await write(
        t,
        `MATCH (l:AtlasLock {id: 'ingest'}) WHERE l.owner = $holder
         SET l.owner = $owner, l.expires = timestamp() + $ttl, l.host = $host, l.pid = $pid RETURN count(l) AS n`,
        { ...params, holder: r.get('holder') },
      );
      if (Number(s.get('n')) === 1) break;
      continue;
    }
    if (!waited) o.onWait?.(String(r.get('holder')));
    waited = true;
    await new Promise((ok) => setTimeout(ok, o.pollMs ?? 250));
  }

  let lost: AtlasError | undefined;
  const renew = setInterval(() => {
    write(t, `MATCH (l:AtlasLock {id: 'ingest'}) WHERE l.owner = $owner SET l.expires = timestamp() + $ttl RETURN count(l) AS n`, params)
      .then(([r]) => {
        if (Number(r.get('n')) === 0) lost = new AtlasError('DB_UNAVAILABLE', 'the ingest lease was taken over by another process while this one stalled; rerun to continue');
      })
      .catch(() => {}); // a lost connection shows up in the next write, with its own error
  }, LEASE_TTL_MS / 3);
  renew.unref();
  return {
    owner,
    check: () => {
      if (lost) throw lost;
    },
    abandon: () => clearInterval(renew),
    release: async () => {
      clearInterval(renew);
      // Deleted, not emptied: a graph whose documents were all removed holds nothing of Atlas.
      await write(t, `MATCH (l:AtlasLock {id: 'ingest'}) WHERE l.owner = $owner DELETE l`, params).catch(() => {});
    },
  };
}

async function write(t: WriteTarget, cypher: string, params: Record<string, unknown>) {
  return (await t.driver.executeQuery(cypher, params, { database: t.database })).records;
}

