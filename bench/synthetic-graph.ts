// A synthetic graph of the explorer's size problems, the same on every run: entities of five types in
// clusters (so a layout has structure to find), mostly within-cluster relations, and one hub concept with
// a given number of neighbours of three kinds. Written into Neo4j with plain Cypher, or handed to the page
// as the API's GraphData. Used by the browser benchmark and the browser tests at scale.
import type { Driver } from 'neo4j-driver';
import { SEMANTIC_RELATION_TYPES } from '../ingest/types.ts';
import { ensureSchema } from '../ingest/5-write/index.ts';
import { seededRandom } from '../ingest/5-write/communities.ts';
import type { GraphData, GraphEdge, GraphNode } from '../web/server/api-types.ts';

export const HUB_ID = 'synthetic:hub';
const TYPES = ['Person', 'Organization', 'Paper', 'Concept', 'Model'] as const;
const WORDS = ['sparse', 'reward', 'model', 'alignment', 'agent', 'probe', 'circuit', 'policy', 'feature', 'scaling', 'oversight', 'debate', 'interpretability', 'robust', 'preference', 'language'];

function relFor(a: string, b: string): string {
  if (a === 'Person' && b === 'Organization') return 'MEMBER_OF';
  if (a === 'Person' && b === 'Paper') return 'AUTHORED';
  if (a === 'Paper' && b === 'Paper') return 'CITES';
  if (b === 'Concept') return 'ABOUT';
  if (a === 'Organization' && b === 'Organization') return 'PART_OF';
  if (a === 'Person' && b === 'Concept') return 'STUDIES';
  return 'AFFILIATED_WITH';
}

export interface SyntheticOptions {
  nodes: number;
  edges: number;
  /** Neighbours of the hub (papers about it, people who study it, documents about it). */
  hubNeighbours: number;
  clusters?: number;
}

export function syntheticGraph(o: SyntheticOptions): GraphData & { hub: { neighbours: number } } {
  const rnd = seededRandom(20261201);
  const clusters = o.clusters ?? 24;
  const nodes: GraphNode[] = [];
  for (let i = 0; i < o.nodes; i++) {
    const type = TYPES[i % TYPES.length];
    const name = `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]} ${type.toLowerCase()} ${i}`;
    nodes.push({ id: `synthetic:${type.toLowerCase()}-${i}`, type, labels: ['Entity'], name, mentions: 1 + Math.floor(rnd() * 40) });
  }
  const cluster = (i: number) => i % clusters;
  const byCluster = Array.from({ length: clusters }, (_, c) => nodes.filter((_n, i) => cluster(i) === c));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  while (edges.length < o.edges) {
    const a = Math.floor(rnd() * o.nodes);
    // Nine in ten relations stay inside the cluster.
    const pool = rnd() < 0.9 ? byCluster[cluster(a)] : nodes;
    const b = pool[Math.floor(rnd() * pool.length)];
    const s = nodes[a];
    if (s.id === b.id) continue;
    const type = relFor(s.type, b.type);
    const id = `${type}:${s.id}->${b.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, type, source: s.id, target: b.id, support: 1 });
  }
  // The hub: a concept whose neighbours come in three kinds, none of them otherwise special.
  const hub: GraphNode = { id: HUB_ID, type: 'Concept', labels: ['Entity'], name: 'hub concept', mentions: 900 };
  const papers = nodes.filter((n) => n.type === 'Paper');
  const people = nodes.filter((n) => n.type === 'Person');
  const models = nodes.filter((n) => n.type === 'Model');
  const take = (list: GraphNode[], k: number) => list.slice(0, Math.min(k, list.length));
  const hubPapers = take(papers, Math.round(o.hubNeighbours * 0.6));
  const hubPeople = take(people, Math.round(o.hubNeighbours * 0.25));
  const hubModels = take(models, o.hubNeighbours - hubPapers.length - hubPeople.length);
  for (const p of hubPapers) edges.push({ id: `ABOUT:${p.id}->${HUB_ID}`, type: 'ABOUT', source: p.id, target: HUB_ID, support: 1 });
  for (const p of hubPeople) edges.push({ id: `STUDIES:${p.id}->${HUB_ID}`, type: 'STUDIES', source: p.id, target: HUB_ID, support: 1 });
  for (const m of hubModels) edges.push({ id: `ABOUT:${m.id}->${HUB_ID}`, type: 'ABOUT', source: m.id, target: HUB_ID, support: 1 });
  nodes.push(hub);
  return { nodes, edges, hub: { neighbours: hubPapers.length + hubPeople.length + hubModels.length } };
}

/** Write the graph into Neo4j as Atlas entities and relations (ids prefixed `synthetic:`). */
export async function writeSynthetic(driver: Driver, database: string | undefined, g: GraphData): Promise<void> {
  await ensureSchema({ driver, database });
  const run = (cypher: string, params: Record<string, unknown>) => driver.executeQuery(cypher, params, { database });
  // In the shape the ingest writes: the type as a label too, and (below) the stored degree.
  for (const type of new Set(g.nodes.map((n) => n.type))) {
    if (!/^[A-Za-z]+$/.test(type)) throw new Error(`unexpected entity type ${type}`);
    const ofType = g.nodes.filter((n) => n.type === type);
    for (let i = 0; i < ofType.length; i += 1000) {
      const batch = ofType.slice(i, i + 1000).map((n) => ({ id: n.id, type: n.type, name: n.name, mentions: n.mentions ?? 0 }));
      await run(`UNWIND $nodes AS n MERGE (e:Entity {id: n.id}) SET e:${type}, e.type = n.type, e.name = n.name, e.mentions = n.mentions, e.aliases = [n.name]`, { nodes: batch });
    }
  }
  const byType = new Map<string, { s: string; t: string }[]>();
  for (const e of g.edges) {
    const list = byType.get(e.type) ?? [];
    list.push({ s: e.source, t: e.target });
    byType.set(e.type, list);
  }
  for (const [type, list] of byType) {
    if (!/^[A-Z_]+$/.test(type)) throw new Error(`unexpected relation type ${type}`);
    for (let i = 0; i < list.length; i += 2000) {
      await run(`UNWIND $edges AS x MATCH (a:Entity {id: x.s}), (b:Entity {id: x.t}) MERGE (a)-[r:${type}]->(b) SET r.support = 1, r.confidence = 0.9`, { edges: list.slice(i, i + 2000) });
    }
  }
  // Each entity's degree as settle stores it: its relations, counted once all are written.
  const ids = g.nodes.map((n) => n.id);
  for (let i = 0; i < ids.length; i += 5000) {
    await run(`UNWIND $ids AS id MATCH (e:Entity {id: id}) SET e.degree = COUNT { (e)-[:${SEMANTIC_RELATION_TYPES.join('|')}]-() }`, { ids: ids.slice(i, i + 5000) });
  }
}

/** Take the synthetic graph out again (tests share their database with other test files). */
export async function removeSynthetic(driver: Driver, database: string | undefined): Promise<void> {
  await driver.executeQuery("MATCH (e:Entity) WHERE e.id STARTS WITH 'synthetic:' DETACH DELETE e", {}, { database });
}
