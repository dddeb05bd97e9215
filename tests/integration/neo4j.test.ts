// The real Neo4j 5.26 Atlas runs (no mocks): auth, read-only sessions, full-text on list properties, and the
// local lifecycle (one instance per data dir, clean shutdown, password file).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DbAlreadyRunning,
  localStatus,
  openDriver,
  startLocalNeo4j,
  stopLocalNeo4j,
  type LocalNeo4j,
} from '../../neo4j/server.ts';
import { freePort } from '../setup/neo4j.ts';
import { testDriver, testTarget } from './helpers/db.ts';

let driver: Driver;
const db = () => ({ database: testTarget().database });

beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => driver?.close());

describe('the test Neo4j', () => {
  it('accepts the configured credentials', async () => {
    const info = await driver.getServerInfo(db());
    expect(info.address).toBeTruthy();
    const { records } = await driver.executeQuery('RETURN 1 AS one', {}, db());
    expect(records[0].get('one').toNumber()).toBe(1);
  });

  it('is also what workers see in NEO4J_URI, so resolveTarget() in code under test lands here too', () => {
    expect(process.env.NEO4J_URI).toBe(testTarget().uri);
  });

  it('refuses a wrong password', async () => {
    const bad = openDriver({ ...testTarget(), password: 'not-the-password' });
    try {
      await expect(bad.verifyConnectivity()).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
    } finally {
      await bad.close();
    }
  });

  it('refuses writes in a READ session and writes nothing', async () => {
    const session = driver.session({ ...db(), defaultAccessMode: neo4j.session.READ });
    try {
      const err = await session.run('CREATE (n:AtlasReadOnlyProbe) RETURN n').then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
      expect(err?.code).toBe('Neo.ClientError.Statement.AccessMode');
      expect(err?.message).toMatch(/Writing in read access mode not allowed/);
      // executeRead is what query code uses; same refusal.
      await expect(session.executeRead((tx) => tx.run('CREATE (n:AtlasReadOnlyProbe)'))).rejects.toMatchObject({
        code: 'Neo.ClientError.Statement.AccessMode',
      });
    } finally {
      await session.close();
    }
    const { records } = await driver.executeQuery('MATCH (n:AtlasReadOnlyProbe) RETURN count(n) AS n', {}, db());
    expect(records[0].get('n').toNumber()).toBe(0);
  });

  // Answers NEO4J.md's open question for 5.26: are list-of-strings properties full-text indexed?
  it('full-text indexes every string in a list property (ON EACH [n.name, n.aliases])', async () => {
    const q = (cypher: string, params = {}) => driver.executeQuery(cypher, params, db());
    await q('CREATE FULLTEXT INDEX atlas_probe_names IF NOT EXISTS FOR (n:AtlasProbe) ON EACH [n.name, n.aliases]');
    try {
      await q('CALL db.awaitIndexes(60)');
      await q(`CREATE (:AtlasProbe {id: 1, name: 'Alignment Research Center', aliases: ['ARC', 'Paul Christiano lab']}),
                      (:AtlasProbe {id: 2, name: 'Redwood Research', aliases: []}),
                      (:AtlasProbe {id: 3, name: 'Anthropic', aliases: 'Claude makers'})`);
      const hits = async (text: string) =>
        (
          await q(
            `CALL db.index.fulltext.queryNodes('atlas_probe_names', $text) YIELD node
             RETURN node.id AS id ORDER BY id`,
            { text },
          )
        ).records.map((r) => r.get('id').toNumber());
      expect(await hits('Redwood')).toEqual([2]); // plain string property
      expect(await hits('Claude')).toEqual([3]); // a plain string in the list-typed slot
      expect(await hits('ARC')).toEqual([1]); // first element of a list
      expect(await hits('Christiano')).toEqual([1]); // a word inside a later element
    } finally {
      await q('DROP INDEX atlas_probe_names IF EXISTS');
      await q('MATCH (n:AtlasProbe) DELETE n');
    }
  });
});

describe('the local lifecycle (own instance on a fresh data dir)', () => {
  let dataDir: string;
  let first: LocalNeo4j | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'atlas-neo4j-lifecycle-'));
  });
  afterAll(async () => {
    await first?.stop();
    await stopLocalNeo4j(dataDir).catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, keeps the password file private, and never accepts the default neo4j/neo4j', async () => {
    first = await startLocalNeo4j({ dataDir, port: await freePort() });
    expect(first.target.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(dataDir, 'password')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'password'), 'utf8').trim()).toBe(first.target.password);
    expect(JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'))).toMatchObject({
      pid: first.pid,
      uri: first.target.uri,
    });
    expect(await localStatus(dataDir)).toEqual({ running: true, pid: first.pid, uri: first.target.uri, dataDir });

    const d = openDriver(first.target);
    const defaults = openDriver({ ...first.target, password: 'neo4j' });
    try {
      await d.verifyConnectivity();
      await expect(defaults.verifyConnectivity()).rejects.toMatchObject({
        code: 'Neo.ClientError.Security.Unauthorized',
      });
    } finally {
      await Promise.all([d.close(), defaults.close()]);
    }
  });

  it('refuses a second instance on the same data dir', async () => {
    expect(first).toBeDefined();
    const message = new RegExp(
      `^Neo4j is already running for ${escape(dataDir)} \\(pid ${first!.pid}, ${escape(first!.target.uri)}\\); ` +
        'stop it with npm run db:stop$',
    );
    await expect(startLocalNeo4j({ dataDir, port: await freePort() })).rejects.toThrow(message);

    // Without server.json only the store lock stands in the way: the launcher exits with code 3.
    rmSync(join(dataDir, 'server.json'));
    const err = await startLocalNeo4j({ dataDir, port: await freePort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbAlreadyRunning);
    expect((err as Error).message).toBe(
      `Neo4j is already running for ${dataDir} (its store is locked by another process); stop it with npm run db:stop`,
    );
    // The refused launcher must not have disturbed the running one.
    const d = openDriver(first!.target);
    try {
      await d.verifyConnectivity();
    } finally {
      await d.close();
    }
  });

  it('shuts down cleanly on SIGTERM: the next start needs no recovery', async () => {
    await first!.stop();
    first = undefined;
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    expect((await localStatus(dataDir)).running).toBe(false);

    const debugLog = join(dataDir, 'home', 'logs', 'debug.log');
    const before = readFileSync(debugLog, 'utf8').length;
    const again = await startLocalNeo4j({ dataDir, port: await freePort() });
    const restartLog = readFileSync(debugLog, 'utf8').slice(before);
    expect(restartLog).toMatch(/Bolt server started/);
    expect(restartLog).not.toMatch(/recovery/i);

    // The path `npm run db:stop` takes: SIGTERM to the pid recorded in server.json.
    expect(await stopLocalNeo4j(dataDir)).toBe(true);
    expect(await localStatus(dataDir)).toEqual({ running: false, dataDir });
    expect(await stopLocalNeo4j(dataDir)).toBe(false);
    await again.stop(); // already exited: a no-op
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
