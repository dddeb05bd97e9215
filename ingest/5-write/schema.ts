// Schema: constraints and indexes, created once per database (a run that finds them all present costs one
// SHOW INDEXES), and safely when two ingests start together: IF NOT EXISTS plus a retry when Neo4j reports a
// schema conflict or a transient error (two processes creating the same constraint at the same moment).
import { driverErrorCode, fromDriverError, isRetriable } from '../../errors/driver.ts';
import { read, type WriteTarget } from './target.ts';

const SCHEMA: Array<[name: string, cypher: string]> = [
  ['document_id', 'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE'],
  ['passage_id', 'CREATE CONSTRAINT passage_id IF NOT EXISTS FOR (n:Passage) REQUIRE n.id IS UNIQUE'],
  ['entity_id', 'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE'],
  ['work_id', 'CREATE CONSTRAINT work_id IF NOT EXISTS FOR (n:Work) REQUIRE n.id IS UNIQUE'],
  // Beside the graph: each document's resolution inputs, the ingest lease and the run state (not exported).
  ['extraction_id', 'CREATE CONSTRAINT extraction_id IF NOT EXISTS FOR (n:Extraction) REQUIRE n.id IS UNIQUE'],
  ['atlas_lock_id', 'CREATE CONSTRAINT atlas_lock_id IF NOT EXISTS FOR (n:AtlasLock) REQUIRE n.id IS UNIQUE'],
  ['entity_name', 'CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)'],
  ['entity_type', 'CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)'],
  ['passage_doc', 'CREATE INDEX passage_doc IF NOT EXISTS FOR (n:Passage) ON (n.docId)'],
  ['document_source', 'CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)'],
  // The degree settle keeps on every entity: the explorer's start view reads the most connected entities off
  // this index in order instead of counting every entity's relations.
  ['entity_degree', 'CREATE INDEX entity_degree IF NOT EXISTS FOR (n:Entity) ON (n.degree)'],
  // aliasText (aliases joined) sits beside the list so full-text search covers every alias on any 5.x.
  ['entity_names', 'CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText]'],
  ['passage_text', 'CREATE FULLTEXT INDEX passage_text IF NOT EXISTS FOR (n:Passage) ON EACH [n.text]'],
];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function ensureSchema(t: WriteTarget): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const present = new Set<string>((await read(t, 'SHOW INDEXES YIELD name RETURN collect(name) AS names'))[0].get('names'));
    const missing = SCHEMA.filter(([name]) => !present.has(name));
    if (missing.length === 0) return;
    const session = t.driver.session({ database: t.database });
    try {
      for (const [, cypher] of missing) await session.run(cypher);
      await session.run('CALL db.awaitIndexes(300)');
      return;
    } catch (e) {
      // Another process creating the same rule at the same moment: look again, then create what is left.
      if (attempt < 5 && (isRetriable(e) || driverErrorCode(e) === 'QUERY_FAILED')) await sleep(100 + Math.random() * 400);
      else throw fromDriverError(e);
    } finally {
      await session.close();
    }
  }
}
