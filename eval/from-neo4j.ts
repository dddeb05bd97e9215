// `npm run eval`: ingest the seed documents through the real pipeline into Neo4j, read the graph back with
// Cypher (only what the seed documents support), and score it against the hand-made gold annotations; then
// the dev set of ../shared/eval (eval/dev-set.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { ingestSources, listSources, type EntityType, type RelationType } from '../ingest/index.ts';
import { score, type Gold, type Predicted, type RelEnd, type Score } from './score.ts';
import { formatScore } from './format.ts';
import { DEFAULT_SHARED, devSummary, evalDevSet, findDevSet, type DevResult } from './dev-set.ts';
import { resetGraph } from '../ingest/5-write/remove.ts';

/**
 * The predicted graph as Neo4j holds it, restricted to the documents read from `sources`. In a fixed order:
 * the scorer matches predictions to gold in order, so which of two predictions of one gold entity counts as
 * the duplicate would otherwise follow the store's layout (it differed between two databases).
 */
export async function predictedFromNeo4j(driver: Driver, sources: string[], database?: string): Promise<Predicted> {
  const read = async (q: string) => (await driver.executeQuery(q, { sources }, { database, routing: 'READ' })).records.map((r) => r.toObject());
  const entities = await read(`MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e:Entity) WHERE d.source IN $sources
    RETURN DISTINCT e.type AS type, e.name AS name, e.aliases AS aliases ORDER BY type, name`);
  const ends = `CASE WHEN a:Entity THEN {type: a.type, name: a.name} WHEN a:Document THEN {doc: a.name}
      ELSE {doc: head([(x:Document)-[:HAS_PASSAGE]->(a) | x.name]), passage: a.text} END AS from,
    CASE WHEN b:Entity THEN {type: b.type, name: b.name} WHEN b:Document THEN {doc: b.name}
      ELSE {doc: head([(x:Document)-[:HAS_PASSAGE]->(b) | x.name]), passage: b.text} END AS to`;
  // A relation counts when at least one of its evidence passages belongs to one of these documents.
  const relations = await read(`MATCH (d:Document) WHERE d.source IN $sources
    WITH collect(d.id + ':') AS prefixes
    MATCH (a)-[r]->(b) WHERE type(r) <> 'CO_OCCURS' AND r.evidencePassages IS NOT NULL AND any(p IN r.evidencePassages WHERE any(x IN prefixes WHERE p STARTS WITH x))
    WITH DISTINCT type(r) AS type, ${ends}
    RETURN type, from, to ORDER BY type, from.type, from.name, from.doc, from.passage, to.type, to.name, to.doc, to.passage`);
  return {
    entities: entities.map((e) => ({ type: e.type as EntityType, name: e.name, aliases: e.aliases ?? [] })),
    relations: relations.map((r) => ({ type: r.type as RelationType, from: r.from as RelEnd, to: r.to as RelEnd })),
  };
}

export async function evalThroughNeo4j(driver: Driver, o: { gold: string; seeds: string; database?: string }): Promise<Score> {
  const gold = JSON.parse(readFileSync(o.gold, 'utf8')) as Gold;
  await ingestSources([o.seeds], driver, { database: o.database });
  const { sources } = await listSources([o.seeds]);
  return score(gold, await predictedFromNeo4j(driver, sources, o.database));
}

export interface EvalOptions {
  gold: string;
  seeds: string;
  json?: boolean;
  /** Score the dev set of ../shared/eval as well (default true; skipped, with a note, when it is absent). */
  dev?: boolean;
}

/**
 * The seeds into the connected database when it holds nothing else; the dev set (and the seeds too, when the
 * connected graph holds other documents) into a throwaway Neo4j of its own. Resolution works across the
 * graph, so other documents' names and recurring phrases would change what the seeds are scored on, and the
 * dev set's whole export is scored: the user's graph must neither leak into a score nor receive the dev set.
 */
export async function runEval(c: { driver: Driver; database?: string }, o: EvalOptions): Promise<void> {
  const { sources } = await listSources([o.seeds]);
  const others = await c.driver.executeQuery('MATCH (d:Document) WHERE NOT d.source IN $sources RETURN count(d) AS n', { sources }, { database: c.database, routing: 'READ' });
  const shared = Number(others.records[0].get('n')) > 0;
  const set = o.dev === false ? undefined : findDevSet();
  if (shared && !o.json) console.log('The connected graph holds other documents: the seeds are scored in a throwaway Neo4j.');
  let s: Score | undefined;
  let dev: DevResult | undefined;
  if (!shared) s = await evalThroughNeo4j(c.driver, { ...o, database: c.database });
  if (shared || set) {
    await withThrowawayNeo4j(async (driver, database) => {
      if (shared) {
        s = await evalThroughNeo4j(driver, { ...o, database });
        await resetGraph({ driver, database }); // the dev set's eval needs an empty database
      }
      if (set) dev = await evalDevSet(driver, set, database);
    });
  }
  if (o.json) {
    console.log(JSON.stringify({ seeds: s!, dev: dev?.score ?? null }, null, 2));
    return;
  }
  console.log('SEEDS (gold/seeds.json)\n' + formatScore(s!));
  if (o.dev === false) return;
  if (!dev) {
    console.log(`\nDEV SET: skipped — ${DEFAULT_SHARED}/eval (dev-gold.json, score.mjs, from-export.mjs) and its corpora are not there.`);
    return;
  }
  console.log(`\nDEV SET (${dev.documents} documents of ../shared/corpora, scored by ../shared/eval/score.mjs on the JSON export)\n${dev.report}`);
  console.log(`dev: ${devSummary(dev.score)}`);
}

async function withThrowawayNeo4j<T>(fn: (driver: Driver, database?: string) => Promise<T>): Promise<T> {
  const { startLocalNeo4j, openDriver } = await import('../neo4j/server.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-eval-'));
  const local = await startLocalNeo4j({ dataDir, port: 0 });
  const driver = openDriver(local.target);
  try {
    return await fn(driver, local.target.database);
  } finally {
    await driver.close();
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
