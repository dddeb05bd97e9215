// Counts over the whole graph, for `atlas stats` and the line after an ingest summary.
import neo4j, { type Driver } from 'neo4j-driver';

export async function graphStats(driver: Driver, database?: string) {
  const one = async (q: string) => {
    const r = await driver.executeQuery(q, {}, { database, routing: 'READ' });
    return r.records;
  };
  const num = (v: unknown) => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v));
  const [counts] = await one(`RETURN COUNT { (:Document) } AS documents, COUNT { (:Work) } AS works, COUNT { (:Passage) } AS passages, COUNT { ()-[:MENTIONS]->() } AS mentions`);
  const ents = await one(`MATCH (e:Entity) RETURN e.type AS type, count(*) AS n ORDER BY n DESC`);
  const rels = await one(`MATCH ()-[r]->() WHERE NOT type(r) IN ['MENTIONS','HAS_PASSAGE','VERSION_OF'] RETURN type(r) AS type, count(*) AS n ORDER BY n DESC`);
  return {
    documents: num(counts.get('documents')),
    works: num(counts.get('works')),
    passages: num(counts.get('passages')),
    mentions: num(counts.get('mentions')),
    entities: Object.fromEntries(ents.map((r) => [r.get('type'), num(r.get('n'))])) as Record<string, number>,
    relations: Object.fromEntries(rels.map((r) => [r.get('type'), num(r.get('n'))])) as Record<string, number>,
  };
}
