// Settle: after the streamed documents are in, write what run-wide resolution says — entities, mentions of
// the documents whose resolution changed, relations with their complete evidence lists (SET in full, never
// rewritten element by element), works, derived counts — then mark the documents complete. Every step is an
// idempotent diff against the graph, and completion comes last, so a run killed anywhere is finished by the
// next one (which sees pending documents and settles again).
import type { ManagedTransaction } from 'neo4j-driver';
import { assignWorks } from '../4-resolve/dedupe.ts';
import { resolve, type ResolveOutput } from '../4-resolve/index.ts';
import { byDocumentOrder, decodeInput, withoutPhrases } from '../4-resolve/inputs.ts';
import { withRecurringPhrases } from '../4-resolve/recurring.ts';
import type { Lexicon } from '../lexicon.ts';
import type { EntityType, NodeRef, Relation } from '../types.ts';
import { ENTITY_TYPES } from '../types.ts';
import { workCandidates } from './documents.ts';
import { parseRelationKey, planSettle, relationKey, type SettlePlan } from './plan.ts';
import { chunks, inWrite, profiled, read, readEach, ROWS_PER_QUERY, type WriteTarget } from './target.ts';
import { mergeWorks, refreshWorkTitles } from './works.ts';
import { withLearnedNames, type LearnedCache } from './learned-names.ts';

export interface Settled {
  resolved: ResolveOutput;
  plan: SettlePlan;
  completed: string[];
}

/** Runs when some document is pending (written by this run, or left by an interrupted one). */
export async function settle(t: WriteTarget, lexicon: Lexicon, o: { onStep?: (step: string) => void } = {}): Promise<Settled> {
  const step = o.onStep ?? (() => {});
  step('resolving');
  const pending = (await read(t, 'MATCH (d:Document) WHERE d.contentHash IS NULL AND d.pendingHash IS NOT NULL RETURN d.id AS id, d.source AS source, d.minhash AS minhash, d.shingles AS shingles ORDER BY source, id')).map((r) => ({
    docId: r.get('id') as string,
    fp: { minhash: (r.get('minhash') as number[]).map(Number), shingles: Number(r.get('shingles')) },
  }));
  const { resolved, xs } = await resolveGraph(t, lexicon);

  // Works first: the works count of an entity depends on them. Near-duplicates are decided over all pending
  // documents at once, against every complete one.
  step('works');
  const pendingIds = new Set(pending.map((p) => p.docId));
  const candidates = await workCandidates(t, pendingIds);
  let t0 = performance.now();
  const { works, merges } = assignWorks(candidates, pending);
  profiled(t0, pending.length, '(compute) near-duplicate works');
  // Renames and merges first, so the similarities written next are not overwritten by the moved edges' old ones.
  if (merges.size) await mergeWorks(t, merges);
  await inWrite(t, (tx) => writeVersions(tx, [...works].map(([docId, w]) => ({ docId, workId: w.workId, similarity: w.similarity }))));
  await refreshWorkTitles(t);
  const workOf = new Map((await read(t, 'MATCH (d:Document)-[:VERSION_OF]->(w:Work) RETURN d.id AS d, w.id AS w')).map((r) => [r.get('d') as string, r.get('w') as string]));

  const entities = (await read(t, 'MATCH (e:Entity) RETURN e.id AS id, properties(e) AS props')).map((r) => ({ id: r.get('id') as string, props: r.get('props') as Record<string, unknown> }));
  t0 = performance.now();
  const plan = planSettle(resolved, { extractions: xs, entities, workOf });
  profiled(t0, plan.mentions.length, '(compute) settle plan');

  step('writing');
  const old = new Map(xs.map((x) => [x.id, x.relations]));
  const statements: Statement[] = [
    ...entityStatements(plan),
    // Remember the relations about to be written before writing them, so a crash in between cannot orphan one.
    { cypher: 'UNWIND $rows AS row MATCH (x:Extraction {id: row.id}) USING INDEX SEEK x:Extraction(id) SET x.relations = row.relations', rows: plan.done.map((d) => ({ id: d.id, relations: [...new Set([...(old.get(d.id) ?? []), ...d.relations])] })) },
    // One row is a document: all its mentions go, so each chunk is its own transaction (Neo4j bounds a
    // transaction's memory; a corpus re-resolved after a lexicon change deletes every mention of the graph).
    { cypher: 'UNWIND $rows AS id MATCH (d:Document {id: id})-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS]->() USING INDEX SEEK d:Document(id) DELETE m', rows: plan.rewrite, size: 100, weight: ROWS_PER_QUERY / 100 },
    { cypher: MENTIONS, rows: plan.mentions.map((m) => ({ passageId: m.passageId, entityId: m.entityId, start: m.start, end: m.end, text: m.text, method: m.method, confidence: m.confidence })) },
    ...relationStatements(plan.relations, plan.staleRelations),
    { cypher: 'UNWIND $rows AS id MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id) WHERE NOT EXISTS { (e)<-[:MENTIONS]-() } DETACH DELETE e', rows: plan.drop },
  ];
  await runPacked(t, statements);
  // Last: completion. Until here every pending document stays pending and the next run settles again.
  await inWrite(t, async (tx) => {
    await tx.run('UNWIND $rows AS row MATCH (x:Extraction {id: row.id}) USING INDEX SEEK x:Extraction(id) SET x.resolvedHash = row.hash, x.relations = row.relations', { rows: plan.done });
    await tx.run('UNWIND $ids AS id MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id) SET d.contentHash = d.pendingHash REMOVE d.pendingHash', { ids: [...pendingIds] });
  });
  return { resolved, plan, completed: [...pendingIds] };
}

/**
 * Every document's resolution input, with the names learned across the graph, resolved together. Each stored
 * input is decoded as it streams in (its JSON is garbage at once), and the inputs go out of scope with this
 * call: at corpus scale they are the largest thing settle holds, and what comes next needs only the result.
 */
export async function resolveGraph(t: WriteTarget, lexicon: Lexicon): Promise<{ resolved: ResolveOutput; xs: Array<{ id: string; resolvedHash: string | null; relations: string[] }> }> {
  const xs: Array<{ id: string; resolvedHash: string | null; relations: string[] }> = [];
  // Names that structured signals found anywhere in the graph, looked for in every document's running text.
  const cache = new Map<string, LearnedCache>();
  const stored = await readEach(t, 'MATCH (x:Extraction) MATCH (d:Document {id: x.id}) RETURN x.id AS id, x.source AS source, x.data AS data, x.resolvedHash AS hash, x.relations AS relations, x.gazetteerKey AS gkey, x.gazetteer AS gadded', {}, (r) => {
    const id = r.get('id') as string;
    xs.push({ id, resolvedHash: (r.get('hash') as string | null) ?? null, relations: (r.get('relations') as string[] | null) ?? [] });
    cache.set(id, { key: r.get('gkey') as string | null, added: r.get('gadded') as string | null });
    return decodeInput(id, r.get('source'), r.get('data'));
  });
  // The recurring phrases are chosen here, once, and the phrase uses dropped: at corpus scale they are a third
  // of the inputs, and resolve() needs only the mentions they add (it finds no phrases left to choose).
  const learned = await withLearnedNames(t, stored.sort(byDocumentOrder), cache, lexicon);
  let t0 = performance.now();
  const inputs = withRecurringPhrases(learned).map(withoutPhrases);
  profiled(t0, inputs.length, '(compute) recurring phrases');
  stored.length = 0;
  learned.length = 0;
  t0 = performance.now();
  const resolved = resolve(inputs, lexicon);
  profiled(t0, resolved.mentions.length, '(compute) resolve');
  return { resolved, xs };
}

/** One parameterised UNWIND over `rows`, run in chunks of `size` rows. */
interface Statement {
  cypher: string;
  rows: unknown[];
  size?: number;
  /** What one row weighs in a transaction, in plain rows (default 1). */
  weight?: number;
}

/**
 * Runs the statements in order, packed into as few transactions as keep each under about ROWS_PER_QUERY
 * rows (weighted): a small settle is one transaction, a corpus-sized one many bounded ones.
 */
async function runPacked(t: WriteTarget, statements: Statement[]): Promise<void> {
  const units = statements.flatMap((s) => [...chunks(s.rows, s.size)].map((rows) => ({ cypher: s.cypher, rows, weight: rows.length * (s.weight ?? 1) })));
  for (let i = 0; i < units.length; ) {
    const pack = [units[i++]];
    let n = pack[0].weight;
    while (i < units.length && n + units[i].weight <= ROWS_PER_QUERY) {
      n += units[i].weight;
      pack.push(units[i++]);
    }
    await inWrite(t, async (tx) => {
      for (const u of pack) {
        const t0 = performance.now();
        await tx.run(u.cypher, { rows: u.rows });
        profiled(t0, u.rows.length, u.cypher);
      }
    });
  }
}

const MENTIONS = `UNWIND $rows AS row
  MATCH (p:Passage {id: row.passageId}) USING INDEX SEEK p:Passage(id)
  MATCH (e:Entity {id: row.entityId}) USING INDEX SEEK e:Entity(id)
  CREATE (p)-[:MENTIONS {start: row.start, end: row.end, text: row.text, method: row.method, confidence: row.confidence}]->(e)`;

async function writeVersions(tx: ManagedTransaction, rows: Array<{ docId: string; workId: string; similarity: number }>): Promise<void> {
  for (const chunk of chunks(rows)) {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (d:Document {id: row.docId}) USING INDEX SEEK d:Document(id)
       MERGE (w:Work {id: row.workId}) ON CREATE SET w.title = d.title
       MERGE (d)-[v:VERSION_OF]->(w) SET v.similarity = row.similarity`,
      { rows: chunk },
    );
  }
  // Works left without versions by replaced documents.
  await tx.run('MATCH (w:Work) WHERE NOT EXISTS { (w)<-[:VERSION_OF]-() } DELETE w');
}

function entityStatements(plan: SettlePlan): Statement[] {
  // The label comes from a closed enum, so interpolating it is safe; values always go as parameters.
  return ENTITY_TYPES.flatMap((type: EntityType) => [
    { cypher: `UNWIND $rows AS row CREATE (e:Entity:${type}) SET e = row`, rows: plan.create.filter((e) => e.type === type).map((e) => e.props) },
    { cypher: 'UNWIND $rows AS row MATCH (e:Entity {id: row.id}) USING INDEX SEEK e:Entity(id) SET e += row', rows: plan.update.filter((e) => e.type === type).map((e) => e.props) },
  ]);
}

const LABEL: Record<NodeRef['kind'], string> = { entity: 'Entity', document: 'Document', passage: 'Passage' };
const groupKey = (type: string, from: NodeRef, to: NodeRef) => `${type}|${from.kind}|${to.kind}`;

/** Relations grouped by (type, end kinds) so each group is one parameterised UNWIND with fixed labels. */
function relationStatements(relations: Relation[], stale: string[]): Statement[] {
  const groups = new Map<string, { type: string; from: NodeRef['kind']; to: NodeRef['kind']; rows: unknown[]; drop: unknown[] }>();
  const group = (type: string, from: NodeRef, to: NodeRef) => {
    const k = groupKey(type, from, to);
    if (!groups.has(k)) groups.set(k, { type, from: from.kind, to: to.kind, rows: [], drop: [] });
    return groups.get(k)!;
  };
  for (const key of stale) {
    const r = parseRelationKey(key);
    group(r.type, r.from, r.to).drop.push({ from: r.from.id, to: r.to.id });
  }
  for (const r of relations) {
    const ev = r.evidence;
    group(r.type, r.from, r.to).rows.push({
      from: r.from.id, to: r.to.id,
      props: {
        evidenceKeys: ev.map((e) => `${e.passageId}@${e.start}-${e.end}`), evidencePassages: ev.map((e) => e.passageId),
        evidenceStarts: ev.map((e) => e.start), evidenceEnds: ev.map((e) => e.end), evidenceSentences: ev.map((e) => e.sentence),
        evidenceMethods: ev.map((e) => e.method), evidenceConfidences: ev.map((e) => e.confidence),
        support: ev.length, confidence: ev.reduce((m, e) => Math.max(m, e.confidence), 0),
      },
    });
  }
  return [...groups.values()].flatMap((g) => {
    if (!/^[A-Z_]+$/.test(g.type)) throw new Error(`unexpected relation type ${g.type}`);
    const a = LABEL[g.from];
    const b = LABEL[g.to];
    return [
      { cypher: `UNWIND $rows AS row MATCH (a:${a} {id: row.from})-[r:${g.type}]->(:${b} {id: row.to}) USING INDEX SEEK a:${a}(id) DELETE r`, rows: g.drop },
      { cypher: `UNWIND $rows AS row MATCH (a:${a} {id: row.from}) USING INDEX SEEK a:${a}(id) MATCH (b:${b} {id: row.to}) USING INDEX SEEK b:${b}(id) MERGE (a)-[r:${g.type}]->(b) SET r = row.props`, rows: g.rows },
    ];
  });
}

export { relationKey };
