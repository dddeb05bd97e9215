// A deterministic synthetic graph for API latency at scale: entities with generated multi-word names and
// aliases, each linked to a few others, in the shape the ingest writes (labels, counts, aliasText), grown in
// place from one size to the next; then the explorer API's search and expand timed at p50/p95.
import type { Driver } from 'neo4j-driver';
import { startServer } from '../web/server/index.ts';

const WORDS = ['sparse', 'reward', 'model', 'agent', 'circuit', 'feature', 'alignment', 'policy', 'gradient', 'latent', 'probe', 'token', 'attention', 'value', 'oracle', 'debate', 'scaling', 'safety', 'steering', 'vector'];
const TYPES = ['Concept', 'Person', 'Organization', 'Paper', 'Model'] as const;

/** A fixed linear congruential sequence: the same graph on every machine and run. */
const lcg = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const nameOf = (i: number) => `${WORDS[i % 20]} ${WORDS[Math.floor(i / 20) % 20]} ${WORDS[Math.floor(i / 400) % 20]} ${i}`;

/** Grows the synthetic graph from `from` to `to` entities (ids synthetic:<i>), each with three relations. */
export async function growSynthetic(driver: Driver, database: string | undefined, from: number, to: number): Promise<void> {
  const rand = lcg(from + 7);
  for (let start = from; start < to; start += 10_000) {
    const end = Math.min(to, start + 10_000);
    const rows = [];
    for (let i = start; i < end; i++) {
      const type = TYPES[i % 5];
      rows.push({ type, props: { id: `synthetic:${i}`, name: nameOf(i), type, aliases: [`alias ${i}`], aliasText: `alias ${i} | `, mentions: 1 + (i % 50), documents: 1 + (i % 7), works: 1 + (i % 5), degree: 0 } });
    }
    for (const type of TYPES) {
      await driver.executeQuery(`UNWIND $rows AS row CREATE (e:Entity:${type}) SET e = row.props`, { rows: rows.filter((r) => r.type === type) }, { database });
    }
    const rels = [];
    for (let i = start; i < end; i++) for (let k = 0; k < 3; k++) rels.push({ a: `synthetic:${i}`, b: `synthetic:${Math.floor(rand() * end)}` });
    await driver.executeQuery(
      `UNWIND $rels AS r MATCH (a:Entity {id: r.a}) MATCH (b:Entity {id: r.b}) WHERE a <> b
       CREATE (a)-[:ABOUT {evidenceKeys: ['x'], evidencePassages: ['doc:synthetic:p0'], evidenceStarts: [0], evidenceEnds: [1],
         evidenceSentences: ['synthetic'], evidenceMethods: ['synthetic'], evidenceConfidences: [0.5], support: 1, confidence: 0.5}]->(b)`,
      { rels },
      { database },
    );
  }
  // Each entity's stored degree, as the ingest's settle step keeps it: its relations, counted once grown.
  const session = driver.session({ database });
  try {
    await session.run(
      `MATCH (e:Entity) WHERE e.id STARTS WITH 'synthetic:'
       CALL (e) { SET e.degree = COUNT { (e)-[:ABOUT]-() } } IN TRANSACTIONS OF 10000 ROWS`,
    );
  } finally {
    await session.close();
  }
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export interface Latency {
  entities: number;
  searchP50: number;
  searchP95: number;
  expandP50: number;
  expandP95: number;
  /** The floor on this machine at this moment: /api/health, one request with one trivial query (count store). */
  floorP50?: number;
  floorP95?: number;
}

/** Times /api/search and /api/expand over a running API on the graph, `n` requests each (after a warm-up). */
export async function apiLatency(driver: Driver, database: string | undefined, entities: number, n = 200): Promise<Latency> {
  const server = await startServer({ driver, database, port: 0 });
  const rand = lcg(entities);
  const time = async (path: string) => {
    const t = performance.now();
    const res = await fetch(server.url.replace(/\/$/, '') + path);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  try {
    const search: number[] = [];
    const expand: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < n + 10; i++) {
      const k = Math.floor(rand() * entities);
      const s = await time(`/api/search?q=${encodeURIComponent(`${WORDS[k % 20]} ${WORDS[Math.floor(k / 20) % 20].slice(0, 4)}`)}`);
      const e = await time(`/api/expand/${encodeURIComponent(`synthetic:${k}`)}`);
      const h = await time('/api/health');
      if (i >= 10) search.push(s), expand.push(e), floor.push(h);
    }
    return {
      entities,
      searchP50: pct(search, 50),
      searchP95: pct(search, 95),
      expandP50: pct(expand, 50),
      expandP95: pct(expand, 95),
      floorP50: pct(floor, 50),
      floorP95: pct(floor, 95),
    };
  } finally {
    await server.close();
  }
}
