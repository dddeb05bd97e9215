// The API against bad input and for the offsets it serves, on the seeds in the real Neo4j: every bad request
// is a 4xx with a message that quotes no internal Cypher; mention offsets are document offsets, and the
// passage spans the API sends are those minus the passage start.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { testDriver, testTarget } from './helpers/db.ts';
import { startServer, type RunningServer } from '../../web/server/index.ts';
import type { DocumentResponse, EntityDetail } from '../../web/server/api-types.ts';
import { toNumber } from '../../web/server/serialize.ts';
import { seedGraph } from '../browser/harness.ts';

let driver: Driver;
let server: RunningServer;
const database = () => testTarget().database;

type ErrorBody = { error: { code: string; message: string } };

async function get(p: string): Promise<{ status: number; body: ErrorBody & Record<string, unknown> }> {
  const res = await fetch(new URL(p, server.url));
  return { status: res.status, body: (await res.json()) as ErrorBody & Record<string, unknown> };
}

async function post(p: string, body: string, contentType = 'application/json') {
  const res = await fetch(new URL(p, server.url), { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return { status: res.status, body: (await res.json()) as ErrorBody & Record<string, unknown> };
}

/** Words of the explorer's own Cypher that must never reach a client. */
const INTERNAL = /\b(MATCH|RETURN|UNION|shortestPath|CALL \(\)|COUNT \{)\b/;

beforeAll(async () => {
  driver = testDriver();
  await seedGraph(driver, database());
  server = await startServer({ driver, database: database(), port: 0 });
}, 600_000); // the seed ingest shares two cores with everything else

afterAll(async () => {
  await server?.close();
  await driver?.close();
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'mention offsets'), () => {
  it('are document offsets in the database: the document text at every MENTIONS span is its text', async () => {
    const { records } = await driver.executeQuery(
      `MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->()
       RETURN count(m) AS all, sum(CASE WHEN substring(d.text, m.start, m.end - m.start) = m.text THEN 1 ELSE 0 END) AS exact,
              sum(CASE WHEN p.start > 0 THEN 1 ELSE 0 END) AS later`,
      {},
      { database: database() },
    );
    const [all, exact, later] = ['all', 'exact', 'later'].map((k) => toNumber(records[0].get(k)));
    expect(all).toBeGreaterThan(100);
    expect(exact).toBe(all);
    expect(later).toBeGreaterThan(0); // passages past the start, where a passage-relative reading would differ
  });

  it('are served as passage spans (offset − passage start) and as document spans (unchanged)', async () => {
    const { records } = await driver.executeQuery(
      `MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e:Entity) WHERE p.start > 0
       RETURN d.id AS doc, p.id AS pid, p.start AS pStart, m.start AS start, m.end AS end, m.text AS text, e.id AS entity
       ORDER BY p.start DESC LIMIT 1`,
      {},
      { database: database() },
    );
    const r = records[0];
    const [pStart, start, end] = ['pStart', 'start', 'end'].map((k) => toNumber(r.get(k)));
    const passage = await get(`/api/entity/${encodeURIComponent(r.get('pid'))}`);
    const spans = (passage.body as unknown as EntityDetail).documents[0].passages[0].mentions;
    expect(spans).toContainEqual({ start: start - pStart, end: end - pStart, text: r.get('text') });
    const doc = (await get(`/api/document/${encodeURIComponent(r.get('doc'))}`)).body as unknown as DocumentResponse;
    expect(doc.mentions).toContainEqual(
      expect.objectContaining({ start, end, text: r.get('text'), entityId: r.get('entity') }),
    );
    expect(doc.text.slice(start, end)).toBe(r.get('text'));
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'bad input gets a 4xx with a clear message and no internal Cypher'), () => {
  let a = '';
  let b = '';
  beforeAll(async () => {
    const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN e.id AS id ORDER BY e.id LIMIT 2', {}, { database: database() });
    [a, b] = records.map((r) => r.get('id') as string);
  });

  it.each([
    ['maxHops=2.5', 400, /"maxHops" must be a whole number from 1 to 15; got "2\.5"/],
    ['maxHops=1.5', 400, /"maxHops" must be a whole number/],
    ['maxHops=99', 400, /"maxHops" must be a whole number/],
  ])('path?%s', async (q, status, message) => {
    const res = await get(`/api/path?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}&${q}`);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.message).not.toMatch(INTERNAL);
  });

  it.each([
    ['/api/entity/%ZZ', 400, 'BAD_REQUEST'],
    ['/api/document/%E0%A4%A', 400, 'BAD_REQUEST'],
    [`/api/entity/concept%3Asparse%20autoencoder?docs=1e12`, 400, 'BAD_REQUEST'],
    [`/api/entity/concept%3Asparse%20autoencoder?passages=-1`, 400, 'BAD_REQUEST'],
    ['/api/expand/x?limit=1e3', 400, 'BAD_REQUEST'],
    ['/api/overview?limit=abc', 400, 'BAD_REQUEST'],
    ['/api/search?q=x&limit=0', 400, 'BAD_REQUEST'],
    ['/api/edge/not-an-element-id', 404, 'NOT_FOUND'],
    ['/api/nothing-here', 404, 'NOT_FOUND'],
    ['/api/constructor', 404, 'NOT_FOUND'],
    ['/api/entity', 400, 'BAD_REQUEST'],
  ])('GET %s', async (p, status, code) => {
    const res = await get(p);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).not.toMatch(INTERNAL);
  });

  it('a GET route refuses POST and the other way round (405)', async () => {
    expect((await post('/api/overview', '{}')).status).toBe(405);
    expect((await get('/api/query')).status).toBe(405);
  });

  it.each([
    ['null', 'The request body must be a JSON object.'],
    ['[]', 'The request body must be a JSON object.'],
    ['"MATCH (n) RETURN n"', 'The request body must be a JSON object.'],
    ['{"cypher": ', 'The request body is not valid JSON.'],
  ])('POST /api/query with body %s', async (body, message) => {
    const res = await post('/api/query', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  it('refuses 100k-deep parameters before they reach the driver', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await post('/api/query', `{"cypher": "RETURN $p AS p", "params": {"p": ${deep}}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The request body is nested deeper than 32 levels.');
  });

  it('refuses subgraph ids that are not strings', async () => {
    const res = await post('/api/subgraph', '{"ids": [{"$gt": ""}]}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Send {"ids": ["<id>", …]} (strings).');
  });

  it('refuses a body over 256 KB (413)', async () => {
    const res = await post('/api/query', JSON.stringify({ cypher: 'RETURN 1', pad: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    // The connection it came on is closed cleanly, so the client's next request is answered (not reset).
    await driver.executeQuery('RETURN 1', {}, { database: database() });
    expect((await get('/api/schema')).status).toBe(200);
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'file paths stay on the server'), () => {
  it('serves a document source as its file name, never the absolute path', async () => {
    const { records } = await driver.executeQuery('MATCH (d:Document) RETURN d.id AS id, d.source AS source LIMIT 1', {}, { database: database() });
    const source = records[0].get('source') as string;
    expect(source.startsWith('/')).toBe(true);
    const doc = (await get(`/api/document/${encodeURIComponent(records[0].get('id'))}`)).body as unknown as DocumentResponse;
    expect(doc.source).toBe(source.slice(source.lastIndexOf('/') + 1));
    // Document nodes in graph answers (a view reopened from a link, an expand) carry the file name too.
    const all = (await driver.executeQuery('MATCH (d:Document) RETURN d.id AS id, d.source AS source ORDER BY id', {}, { database: database() })).records;
    const sub = (await post('/api/subgraph', JSON.stringify({ ids: all.map((r) => r.get('id')) }))).body as unknown as { nodes: { id: string; type: string; props?: { source?: string } }[] };
    const shown = Object.fromEntries(sub.nodes.filter((n) => n.type === 'Document').map((n) => [n.id, n.props?.source]));
    expect(shown).toEqual(Object.fromEntries(all.map((r) => [r.get('id'), (r.get('source') as string).split('/').pop()])));
  });
});
