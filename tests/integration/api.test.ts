// The explorer's JSON API against the real Neo4j, on the seeds: every answer is plain JSON, every span
// points at the text it claims, the console is read-only with a row cap and a time limit, credentials never
// leave the server, and the server answers only to loopback names.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks, needs } from '../shared-data.ts';
import { testDriver, testTarget } from './helpers/db.ts';
import { startServer, type RunningServer } from '../../web/server/index.ts';
import type {
  DocumentResponse,
  EdgeDetail,
  EntityDetail,
  ExpandResponse,
  NamedQuery,
  OverviewResponse,
  PathResponse,
  QueryResponse,
  SearchResponse,
} from '../../web/server/api-types.ts';
import { seedGraph } from '../browser/harness.ts';
import { SEMANTIC_RELATION_TYPES } from '../../ingest/types.ts';

let driver: Driver;
let server: RunningServer;
const bodies: string[] = [];
const database = () => testTarget().database;

async function get<T>(p: string, base = server.url): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(p, base));
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: JSON.parse(text) as T };
}

async function query(cypher: string, params: Record<string, unknown> = {}, base = server.url) {
  const res = await fetch(new URL('/api/query', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ cypher, params }),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: JSON.parse(text) as QueryResponse & { error?: { code: string; message: string } } };
}

async function count(): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (n) RETURN count(n) AS n', {}, { database: database() });
  return records[0].get('n').toNumber();
}

/** No neo4j Integer ({low, high}) or other driver object leaks into the JSON. */
function assertPlain(v: unknown): void {
  if (v && typeof v === 'object') {
    expect(Object.keys(v).sort()).not.toEqual(['high', 'low']);
    Object.values(v).forEach(assertPlain);
  }
}

beforeAll(async () => {
  driver = testDriver();
  await seedGraph(driver, database());
  server = await startServer({ driver, database: database(), port: 0 });
}, 600_000); // the seed ingest shares two cores with everything else

afterAll(async () => {
  await server?.close();
  await driver?.close();
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'explorer API'), () => {
  let saeId = '';

  it('prints a loopback URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('gives an overview: the most connected entities and the edges among them', async () => {
    const { status, body } = await get<OverviewResponse>('/api/overview?limit=30');
    expect(status).toBe(200);
    expect(body.nodes.length).toBeGreaterThan(0);
    expect(body.totalEntities).toBeGreaterThan(0);
    const ids = new Set(body.nodes.map((n) => n.id));
    for (const e of body.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    }
    if (body.communities?.length) {
      // The graph has communities (computed at ingest): at most 8 communities of at most 8 members each.
      expect(body.communities.length).toBeLessThanOrEqual(8);
      expect(body.nodes.filter((n) => n.type !== 'Document').length).toBeLessThanOrEqual(64);
    } else {
      expect(body.nodes.filter((n) => n.type !== 'Document').length).toBeLessThanOrEqual(30);
      // Entities come most connected first; documents that tie them together follow.
      const degrees = body.nodes.filter((n) => n.type !== 'Document' && (n.degree ?? 0) > 0).map((n) => n.degree ?? 0);
      expect([...degrees].sort((a, b) => b - a)).toEqual(degrees);
    }
    expect(body.edges.length).toBeGreaterThan(0);
    assertPlain(body);
  });

  it('searches names and aliases with type-ahead (prefix and fuzzy)', async () => {
    const { body } = await get<SearchResponse>('/api/search?q=sparse%20autoencoders');
    expect(body.hits[0]?.name).toMatch(/sparse autoencoder/i);
    saeId = body.hits[0].id;
    const prefix = await get<SearchResponse>('/api/search?q=sparse%20autoenc');
    expect(prefix.body.hits.map((h) => h.id)).toContain(saeId);
    const odd = await get<SearchResponse>('/api/search?q=' + encodeURIComponent('sparse "auto(encoders'));
    expect(odd.status).toBe(200);
  });

  it('finds a name by letters inside a word when type-ahead finds nothing, and answers a miss with no hits', async () => {
    const inside = await get<SearchResponse>('/api/search?q=utoencod');
    expect(inside.body.method).toBe('contains');
    expect(inside.body.hits.map((h) => h.id)).toContain(saeId);
    for (const h of inside.body.hits) expect([h.name, ...h.aliases].some((n) => n.toLowerCase().includes('utoencod'))).toBe(true);
    const miss = await get<SearchResponse>('/api/search?q=qqzzxxjv');
    expect(miss.status).toBe(200);
    expect(miss.body).toEqual({ hits: [], method: 'contains' });
  });

  it('allows one typo in a short word and two in a long one, so nonsense finds no unrelated names', async () => {
    const ids = ['test:typo-1', 'test:typo-2'];
    await driver.executeQuery(
      `UNWIND $rows AS r CREATE (:Entity {id: r.id, name: r.name, type: 'Person', aliases: [], aliasText: '', mentions: 1})`,
      { rows: [{ id: ids[0], name: 'Zaqi Okonkwo' }, { id: ids[1], name: 'Zzqa Mbeki' }] },
      { database: database() },
    );
    try {
      const names = async (q: string) => (await get<SearchResponse>('/api/search?q=' + encodeURIComponent(q))).body.hits.map((h) => h.name);
      // "zaqi" is two edits from "zzqx", "zzqa" one.
      expect(await names('zzqx')).not.toContain('Zaqi Okonkwo');
      expect(await names('zzqx')).toContain('Zzqa Mbeki');
      // Two typos in a seven-letter word still find it.
      expect(await names('Okankwu')).toContain('Zaqi Okonkwo');
    } finally {
      await driver.executeQuery('MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e', { ids }, { database: database() });
    }
  });

  it('describes an entity with its documents and passages, mention spans pointing at the text', async () => {
    const { status, body } = await get<EntityDetail>(`/api/entity/${encodeURIComponent(saeId)}`);
    expect(status).toBe(200);
    expect(body.node.type).toBe('Concept');
    expect(body.documents.length).toBeGreaterThan(0);
    let spans = 0;
    for (const d of body.documents) {
      expect(d.title).toBeTruthy();
      for (const p of d.passages) {
        for (const m of p.mentions) {
          expect(p.text.slice(m.start, m.end)).toBe(m.text);
          spans++;
        }
      }
    }
    expect(spans).toBeGreaterThan(0);
    assertPlain(body);
  });

  it('counts an entity\'s relations, documents and passages as the graph holds them, most mentioning documents first', async () => {
    const rels = SEMANTIC_RELATION_TYPES.join('|');
    const run = async (cypher: string) => (await driver.executeQuery(cypher, { id: saeId }, { database: database() })).records;
    const relations = (await run(`MATCH (n:Entity {id: $id})-[r:${rels}]-() RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(r) AS count`))
      .map((r) => ({ type: r.get('type') as string, direction: r.get('direction') as string, count: r.get('count').toNumber() as number }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
    const perDoc = new Map((await run(`MATCH (:Entity {id: $id})<-[m:MENTIONS]-(p:Passage)<-[:HAS_PASSAGE]-(d:Document) RETURN d.id AS d, count(m) AS mentions, count(DISTINCT p) AS passages`))
      .map((r) => [r.get('d') as string, { mentions: r.get('mentions').toNumber() as number, passages: r.get('passages').toNumber() as number }]));
    expect(relations.length).toBeGreaterThan(0);
    expect(perDoc.size).toBeGreaterThan(1);
    const { body } = await get<EntityDetail>(`/api/entity/${encodeURIComponent(saeId)}?passages=1`);
    expect(body.relations).toEqual(relations);
    expect(body.degree).toBe(relations.reduce((s, r) => s + r.count, 0));
    expect(body.totalDocuments).toBe(perDoc.size);
    expect(body.documents.map((d) => d.id).sort()).toEqual([...perDoc.keys()].sort());
    for (const d of body.documents) {
      expect(d.mentionCount).toBe(perDoc.get(d.id)!.mentions);
      expect(d.passages.length).toBe(1);
      expect(d.morePassages).toBe(perDoc.get(d.id)!.passages - 1);
    }
    const counts = body.documents.map((d) => d.mentionCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const page = await get<EntityDetail>(`/api/entity/${encodeURIComponent(saeId)}?docs=1`);
    expect(page.body.totalDocuments).toBe(perDoc.size);
    expect(page.body.documents.map((d) => d.id)).toEqual([body.documents[0].id]);
  });

  it('serves a document with every mention at its span', async () => {
    const ent = await get<EntityDetail>(`/api/entity/${encodeURIComponent(saeId)}`);
    const docId = ent.body.documents[0].id;
    const { body } = await get<DocumentResponse>(`/api/document/${encodeURIComponent(docId)}`);
    expect(body.text.length).toBeGreaterThan(0);
    expect(body.mentions.some((m) => m.entityId === saeId)).toBe(true);
    for (const m of body.mentions) expect(body.text.slice(m.start, m.end)).toBe(m.text);
  });

  it('expands a node in pages, with a total', async () => {
    const ov = await get<OverviewResponse>('/api/overview?limit=1');
    const hub = ov.body.nodes[0];
    const first = await get<ExpandResponse>(`/api/expand/${encodeURIComponent(hub.id)}?limit=2`);
    expect(first.body.nodes[0].id).toBe(hub.id);
    expect(first.body.total).toBeGreaterThan(0);
    expect(first.body.nodes.length - 1).toBe(Math.min(2, first.body.total));
    for (const e of first.body.edges) expect([e.source, e.target]).toContain(hub.id);
    if (first.body.total > 2) {
      expect(first.body.hasMore).toBe(true);
      const second = await get<ExpandResponse>(`/api/expand/${encodeURIComponent(hub.id)}?skip=2&limit=2`);
      const a = new Set(first.body.nodes.slice(1).map((n) => n.id));
      for (const n of second.body.nodes.slice(1)) expect(a.has(n.id)).toBe(false);
    }
  });

  it('keeps on every entity the degree the API reads: its stated relations, counted', async () => {
    const { records } = await driver.executeQuery(
      `MATCH (e:Entity) WITH e, COUNT { (e)-[:${SEMANTIC_RELATION_TYPES.join('|')}]-() } AS counted
       RETURN count(e) AS entities, sum(CASE WHEN e.degree = counted THEN 1 ELSE 0 END) AS same, max(counted) AS most`,
      {},
      { database: database() },
    );
    const [entities, same, most] = ['entities', 'same', 'most'].map((k) => records[0].get(k).toNumber());
    expect(most).toBeGreaterThan(1);
    expect(same).toBe(entities);
  });

  it('expands to every neighbour over stated relations, each with its degree, in one page when it fits', async () => {
    const ov = await get<OverviewResponse>('/api/overview?limit=1');
    const hub = ov.body.nodes[0];
    const rels = SEMANTIC_RELATION_TYPES.join('|');
    const { records } = await driver.executeQuery(
      `MATCH (n:Entity {id: $id})-[:${rels}]-(m) WHERE m:Entity OR m:Document
       WITH DISTINCT m RETURN m.id AS id, COUNT { (m)-[:${rels}]-() } AS degree`,
      { id: hub.id },
      { database: database() },
    );
    const expected = Object.fromEntries(records.map((r) => [r.get('id') as string, r.get('degree').toNumber() as number]));
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(Object.keys(expected).length).toBeLessThanOrEqual(200);
    const { body } = await get<ExpandResponse>(`/api/expand/${encodeURIComponent(hub.id)}?limit=200`);
    expect(body.total).toBe(Object.keys(expected).length);
    expect(body.hasMore).toBe(false);
    expect(Object.fromEntries(body.nodes.slice(1).map((n) => [n.id, n.degree]))).toEqual(expected);
    // Strongest support first: the page is in the order the explorer shows it.
    const support = new Map<string, number>();
    for (const e of body.edges) for (const end of [e.source, e.target]) if (end !== hub.id) support.set(end, Math.max(support.get(end) ?? 0, e.support ?? 1));
    const order = body.nodes.slice(1).map((n) => support.get(n.id) ?? 0);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    // One relation type only: the same answer as the graph gives for it.
    const only = await get<ExpandResponse>(`/api/expand/${encodeURIComponent(hub.id)}?limit=200&rels=ABOUT`);
    const about = await driver.executeQuery(
      'MATCH (n:Entity {id: $id})-[:ABOUT]-(m) WHERE m:Entity OR m:Document RETURN count(DISTINCT m) AS n',
      { id: hub.id },
      { database: database() },
    );
    expect(only.body.total).toBe(about.records[0].get('n').toNumber());
    for (const e of only.body.edges) expect(e.type).toBe('ABOUT');
  });

  it('gives the evidence sentences of an edge, each the exact text at its span', async () => {
    const ov = await get<OverviewResponse>('/api/overview?limit=60');
    const edge = ov.body.edges[0];
    expect(edge, 'the seeds should yield at least one relation among the top entities').toBeTruthy();
    const { body } = await get<EdgeDetail>(`/api/edge/${encodeURIComponent(edge.id)}`);
    expect(body.edge.type).toBe(edge.type);
    expect(body.evidence.length).toBeGreaterThan(0);
    const x = body.evidence[0];
    expect(x.document).toBeTruthy();
    const doc = await get<DocumentResponse>(`/api/document/${encodeURIComponent(x.document!.id)}`);
    expect(doc.body.text.slice(x.start, x.end)).toBe(x.sentence);
    for (const h of x.highlights) expect(x.sentence.slice(h.start, h.end)).toBe(h.text);
  });

  it('finds the shortest path between two connected entities', async () => {
    const ov = await get<OverviewResponse>('/api/overview?limit=60');
    // Paths follow stated relations, not co-occurrence: take a stated one.
    const e = ov.body.edges.find((x) => x.type !== 'CO_OCCURS')!;
    expect(e).toBeTruthy();
    const { body } = await get<PathResponse>(`/api/path?from=${encodeURIComponent(e.source)}&to=${encodeURIComponent(e.target)}`);
    expect(body.found).toBe(true);
    expect(body.length).toBe(1);
    expect(body.order).toEqual([e.source, e.target]);
    const same = await get<{ error: { message: string } }>(`/api/path?from=${encodeURIComponent(e.source)}&to=${encodeURIComponent(e.source)}`);
    expect(same.status).toBe(400);
  });

  it('describes a passage (as a console result shows them) with its document and mentions', async () => {
    const { records } = await driver.executeQuery(
      'MATCH (p:Passage)-[:MENTIONS]->() RETURN p.id AS id LIMIT 1',
      {},
      { database: database() },
    );
    const pid = records[0].get('id') as string;
    const { status, body } = await get<EntityDetail>(`/api/entity/${encodeURIComponent(pid)}`);
    expect(status).toBe(200);
    expect(body.node.type).toBe('Passage');
    expect(body.documents[0].passages[0].id).toBe(pid);
    expect(body.documents[0].passages[0].mentions.length).toBeGreaterThan(0);
  });

  it('answers 404 with a JSON error for an unknown entity', async () => {
    const { status, body } = await get<{ error: { code: string; message: string } }>('/api/entity/concept%3Ano-such-thing');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('lists the named queries with their parameters', async () => {
    const { body } = await get<{ queries: NamedQuery[] }>('/api/queries');
    expect(body.queries.length).toBeGreaterThan(0);
    for (const q of body.queries) {
      expect(q.name).toBeTruthy();
      expect(q.cypher).toMatch(/RETURN/i);
    }
  });
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'console queries'), () => {
  it('returns rows, columns and the graph in them', async () => {
    const { status, body } = await query('MATCH (a:Entity)-[r]->(b:Entity) RETURN a, r, b LIMIT $n', { n: 5 });
    expect(status).toBe(200);
    expect(body.columns).toEqual(['a', 'r', 'b']);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.graph.nodes.length).toBeGreaterThan(0);
    expect(body.graph.edges.length).toBeGreaterThan(0);
    assertPlain(body);
  });

  it('fetches the end nodes of relationships returned alone', async () => {
    const { body } = await query('MATCH (:Entity)-[r]->(:Entity) RETURN r LIMIT 3');
    const ids = new Set(body.graph.nodes.map((n) => n.id));
    for (const e of body.graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it.each([
    'CREATE (n) RETURN n',
    'MATCH (n:Entity) SET n.hacked = true RETURN n LIMIT 1',
    'MATCH (n) DETACH DELETE n',
    'MERGE (x:Evil {id: 1}) RETURN x',
    'CREATE INDEX evil IF NOT EXISTS FOR (n:Entity) ON (n.hacked)',
    "CALL db.createLabel('Evil')",
  ])('refuses a write: %s', async (cypher) => {
    const before = await count();
    const { status, body } = await query(cypher);
    expect(status).toBe(403);
    expect(body.error?.code).toBe('QUERY_REFUSED');
    // Writes are refused as writes; a procedure outside the allow-list is refused as such.
    expect(body.error?.message).toMatch(/Write queries are not allowed: the console is read-only|The procedure db\.createLabel is not a/);
    expect(await count()).toBe(before);
  });

  it('refuses LOAD CSV (it reads files on the database server) and administration commands', async () => {
    const csv = await query("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line");
    expect(csv.status).toBe(403);
    expect(csv.body.error?.message).toMatch(/LOAD CSV is not allowed/);
    const admin = await query('SHOW DATABASES');
    expect(admin.status).toBe(403);
    expect(admin.body.error?.message).toMatch(/Only read queries/);
    // The words inside a string are data, not a command.
    const quoted = await query("RETURN 'LOAD CSV' AS s");
    expect(quoted.status).toBe(200);
  });

  it('refuses writes in read access mode even without the EXPLAIN check (server-side guard)', async () => {
    const session = driver.session({ database: database(), defaultAccessMode: 'READ' });
    try {
      await expect(session.executeRead((tx) => tx.run('CREATE (n:Evil) RETURN n'))).rejects.toThrow(/read/i);
    } finally {
      await session.close();
    }
  });

  it('explains a syntax error without leaking its own EXPLAIN prefix', async () => {
    const { status, body } = await query('MATCH (n RETURN n');
    expect(status).toBe(400);
    expect(body.error?.code).toBe('QUERY_SYNTAX');
    expect(body.error?.message).not.toContain('EXPLAIN');
  });

  it('stops at the row cap and says so', async () => {
    const capped = await startServer({ driver, database: database(), port: 0, rowCap: 7 });
    try {
      const { body } = await query('UNWIND range(1, 1000) AS x RETURN x', {}, capped.url);
      expect(body.rows.length).toBe(7);
      expect(body.truncated).toBe(true);
      const small = await query('UNWIND range(1, 7) AS x RETURN x', {}, capped.url);
      expect(small.body.truncated).toBe(false);
    } finally {
      await capped.close();
    }
  });

  it('stops a query at the time limit with a clear message', async () => {
    const quick = await startServer({ driver, database: database(), port: 0, queryTimeoutMs: 500 });
    try {
      const { status, body } = await query(
        'UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n',
        {},
        quick.url,
      );
      expect(status).toBe(408);
      expect(body.error?.code).toBe('QUERY_TIMEOUT');
      expect(body.error?.message).toMatch(/time limit/);
    } finally {
      await quick.close();
    }
  }, 60_000);
});

describe.skipIf(lacks('seeds'))(needs('seeds', 'serving'), () => {
  it('never sends the database credentials', () => {
    const { password } = testTarget();
    expect(password.length).toBeGreaterThan(3);
    for (const b of bodies) expect(b).not.toContain(password);
  });

  it('answers only to loopback host names (no DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const u = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: '/api/health', headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the client with a strict CSP, falls back to index.html, and never leaves its folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-static-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    const s = await startServer({ driver, database: database(), port: 0, staticDir: dir });
    try {
      const index = await fetch(new URL('/', s.url));
      expect(index.status).toBe(200);
      expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect((await fetch(new URL('/some/app/path', s.url))).status).toBe(200);
      expect((await fetch(new URL('/%2e%2e/%2e%2e/package.json', s.url))).status).toBe(404);
      expect((await fetch(new URL('/missing.js', s.url))).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('wants JSON for POST bodies', async () => {
    const res = await fetch(new URL('/api/query', server.url), { method: 'POST', body: 'cypher=MATCH (n) RETURN n' });
    expect(res.status).toBe(415);
  });
});
