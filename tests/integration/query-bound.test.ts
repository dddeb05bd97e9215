// The console's bound on what one expression builds, against the real Neo4j: a comprehension of 50 million
// items (which Neo4j 5.26 would build inside one expression, its memory untracked, for minutes on its 1 GB
// heap) is refused from its parse before Neo4j sees it, so Neo4j answers the next query at once; the same
// values streamed as rows are answered.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver, testTarget } from './helpers/db.ts';
import { startServer, type RunningServer } from '../../web/server/index.ts';
import { runConsoleQuery } from '../../web/server/console.ts';
import { AtlasError } from '../../errors/index.ts';

let driver: Driver;
let server: RunningServer;
const database = () => testTarget().database;

async function query(cypher: string, params: Record<string, unknown> = {}) {
  const res = await fetch(new URL('/api/query', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ cypher, params }),
  });
  return { status: res.status, body: (await res.json()) as { rows?: unknown[][]; error?: { code: string; message: string; retriable: boolean } } };
}

/** The queries Neo4j is running now, seen through a direct session (not the console). */
async function running(): Promise<string[]> {
  const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery', {}, { database: database() });
  return records.map((r) => String(r.get('currentQuery')));
}

beforeAll(async () => {
  driver = testDriver();
  server = await startServer({ driver, database: database(), target: testTarget(), port: 0 });
  // The query worker and its grammar load on the first query; the timing below is of the check alone.
  expect((await query('RETURN 1 AS one')).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await driver?.close();
});

const REFUSED_50M = {
  code: 'QUERY_REFUSED',
  message:
    'The query can build a value of up to 50,000,000 items in one expression (range(1, 50000000)); the console allows ' +
    '1,000,000, because Neo4j does not limit the memory of a value built inside one expression. Narrow the range, or ' +
    'UNWIND the list to stream it as rows.',
  retriable: false,
};

describe('values built inside one expression', () => {
  it('refuses a 50-million-item comprehension with a 403 before Neo4j runs it, and Neo4j answers the next query at once', async () => {
    const t0 = performance.now();
    const res = await query('RETURN [x IN range(1, 50000000) | x] AS xs');
    const waited = performance.now() - t0;
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual(REFUSED_50M);
    // Neo4j never saw it: nothing of it is running, and a query through a direct session is answered.
    expect((await running()).filter((q) => q.includes('50000000'))).toEqual([]);
    const { records } = await driver.executeQuery('RETURN 41 + 1 AS n', {}, { database: database() });
    expect(records[0].get('n').toNumber()).toBe(42);
    expect((await query('RETURN 1 AS one')).body.rows).toEqual([[1]]);
    // The parse check alone, with room for a loaded machine; Neo4j itself would take minutes.
    expect(waited).toBeLessThan(10_000);
  });

  it.each([
    ['RETURN [x IN range(1,100000) | [y IN range(1,100000) | y]] AS xs', 'up to 10,000,000,000 items in one expression'],
    ["RETURN reduce(s = 'x', i IN range(1, 64) | s + s) AS s", 'uses the accumulator s more than once'],
    ['WITH 50000000 AS n RETURN range(1, n) AS xs', 'up to 50,000,000 items in one expression (range(1, n))'],
    ['RETURN range(1, $n) AS xs', 'up to 50,000,000 items in one expression (range(1, $n))'],
  ])('refuses %s', async (cypher, why) => {
    const res = await query(cypher, { n: 50_000_000 });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('QUERY_REFUSED');
    expect(res.body.error?.message).toContain(why);
  });

  it('answers the same numbers streamed as rows, and a bounded list within the limit', async () => {
    const res = await query('UNWIND range(1, 50000000) AS x WITH x WHERE x % 10000000 = 0 RETURN x');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([[10000000], [20000000], [30000000], [40000000], [50000000]]);
    const list = await query('RETURN size([x IN range(1, 1000000) | x * 2]) AS n');
    expect(list.body.rows).toEqual([[1000000]]);
  });

  describe('over a stored text of 2 MB', () => {
    const words = 200_000;
    beforeAll(async () => {
      const text = Array.from({ length: words }, (_, i) => `w${i % 1000}`).join(' ').padEnd(2_000_000, ' ');
      await driver.executeQuery('CREATE (:BoundProbe {text: $text, title: "probe"})', { text }, { database: database() });
    });
    afterAll(async () => {
      await driver.executeQuery('MATCH (d:BoundProbe) DELETE d', {}, { database: database() });
    });

    it.each([
      ["MATCH (d:BoundProbe) RETURN [c IN split(d.text, '') | d.text + c] AS xs", 'grows with the square of a value it reads from the graph'],
      ["MATCH (d:BoundProbe) RETURN [x IN split(d.text, ' ') | replace(d.text, x, d.text)] AS xs", 'grows with the square of a value it reads from the graph'],
      ['MATCH (d:BoundProbe) RETURN [(a)-->(b) | d.text] AS xs', 'grows with the square of a value it reads from the graph'],
      ["MATCH (d:BoundProbe) RETURN reduce(s = '', i IN range(1, 100) | s + d.text) AS s", 'up to 100 times'],
    ])('refuses %s before Neo4j runs it', async (cypher, why) => {
      const res = await query(cypher);
      expect(res.status).toBe(403);
      expect(res.body.error?.message).toContain(why);
      expect((await running()).filter((q) => q.includes('BoundProbe'))).toEqual([]);
    });

    it('answers the same text read item by item, and repeated within the limit', async () => {
      const res = await query(
        "MATCH (d:BoundProbe) RETURN size([w IN split(d.text, ' ') WHERE w <> '' | toUpper(w)]) AS n, " +
          "size(reduce(s = '', i IN range(1, 3) | s + d.text)) AS thrice, [(d)--(m) | m.title] AS neighbours",
      );
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual([[words, 6_000_000, []]]);
    });
  });

  it('is the same check in `atlas query` (the console without the server)', async () => {
    const err = await runConsoleQuery('RETURN [x IN range(1, 50000000) | x] AS xs', {}, { driver, database: database(), timeoutMs: 60_000, rowCap: 10 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AtlasError);
    expect((err as AtlasError).toJSON()).toEqual(REFUSED_50M);
  });
});
