// GET /api/entity/:id — what the detail panel shows for a node: type, aliases, degree, relation counts, and
// the documents that mention it with their passages, each mention as a span of its passage's text.
// Mention offsets are document offsets (the writer stores nothing else): a span in a passage is the
// mention's offset minus the passage's start.
import type { Node } from 'neo4j-driver';
import type { EntityDetail, EntityDocument, MentionSpan, PassageWithMentions } from '../api-types.ts';
import { notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import { ANY_NODE_BY_ID, DEGREE, DOC_FIELDS, NODE_BY_ID, REL_PATTERN, docMeta, int, str, withDegree } from './cypher.ts';
import { byId, type Routes } from './route.ts';

interface StoredMention {
  start: unknown;
  end: unknown;
  text: unknown;
}

export function passageWithMentions(p: Node, ms: StoredMention[]): PassageWithMentions {
  const pp = p.properties as Record<string, unknown>;
  const text = str(pp['text']) ?? '';
  const start = toNumber(pp['start']);
  const spans: MentionSpan[] = [];
  for (const m of ms) {
    const s = toNumber(m.start) - start;
    const e = toNumber(m.end) - start;
    if (s < 0 || e > text.length || e <= s || spans.some((x) => x.start === s)) continue;
    spans.push({ start: s, end: e, text: String(m.text ?? '') });
  }
  spans.sort((a, b) => a.start - b.start);
  const out: PassageWithMentions = { id: String(pp['id']), index: toNumber(pp['index']), kind: str(pp['kind']) ?? 'paragraph', start, end: toNumber(pp['end']), text, mentions: spans };
  if (pp['page'] !== null && pp['page'] !== undefined) out.page = toNumber(pp['page']);
  return out;
}

export async function entityDetail(read: Read, id: string, opts: { docLimit?: number; passagesPerDoc?: number } = {}): Promise<EntityDetail> {
  const docLimit = opts.docLimit ?? 25;
  const perDoc = opts.passagesPerDoc ?? 3;
  // Two reads at once instead of four one after another: the node with its degree and relation counts, and
  // (for an entity) its page of documents with their total. A request costs one round trip of waiting.
  const [[head], docRecs] = await Promise.all([
    read(
      `${ANY_NODE_BY_ID}
       CALL (n) {
         OPTIONAL MATCH (n)-[r:${REL_PATTERN}]-()
         WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(r) AS count
         WHERE type IS NOT NULL
         ORDER BY count DESC, type, direction
         RETURN collect({type: type, direction: direction, count: count}) AS relations
       }
       RETURN n, ${DEGREE('n')} AS degree, relations`,
      { id },
    ),
    read(
      `MATCH (e:Entity {id: $id})<-[m:MENTIONS]-(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
       WITH d, p, collect(m {.start, .end, .text}) AS ms
       ORDER BY p.index
       WITH d, collect({p: p, ms: ms}) AS ps, sum(size(ms)) AS mentionCount
       ORDER BY mentionCount DESC, d.title
       WITH collect({d: d ${DOC_FIELDS}, mentionCount: mentionCount, ps: ps[0..$perDoc], passageCount: size(ps)}) AS docs
       RETURN size(docs) AS total, docs[0..$docLimit] AS page`,
      { id, perDoc: int(perDoc), docLimit: int(docLimit) },
    ),
  ]);
  if (!head) throw notFound(`Entity "${id}"`);
  const n = head.get('n') as Node;
  const node = withDegree(n, head.get('degree'));
  const props = n.properties as Record<string, unknown>;
  const aliases = Array.isArray(props['aliases']) ? (props['aliases'] as unknown[]).map(String) : [];
  const relations = (head.get('relations') as { type: string; direction: 'out' | 'in'; count: unknown }[]).map((r) => ({
    type: String(r.type),
    direction: r.direction,
    count: toNumber(r.count),
  }));

  const detail: EntityDetail = { node, aliases, degree: node.degree ?? 0, relations, documents: [], totalDocuments: 0 };

  if (n.labels.includes('Document')) {
    detail.document = docMeta(props);
    return detail;
  }
  if (n.labels.includes('Passage')) {
    // A passage: its document, and the passage itself with every mention in it.
    const recs = await read(
      `MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage {id: $id})
       OPTIONAL MATCH (p)-[m:MENTIONS]->()
       RETURN d ${DOC_FIELDS} AS d, p, collect(m {.start, .end, .text}) AS ms`,
      { id },
    );
    detail.documents = recs.map((r) => {
      const ms = r.get('ms') as StoredMention[];
      return { ...docMeta(r.get('d') as Record<string, unknown>), mentionCount: ms.length, passages: [passageWithMentions(r.get('p') as Node, ms)], morePassages: 0 };
    });
    detail.totalDocuments = detail.documents.length;
    return detail;
  }
  if (n.labels.includes('Work')) {
    const recs = await read(`MATCH (d:Document)-[:VERSION_OF]->(:Work {id: $id}) RETURN d ${DOC_FIELDS} AS d ORDER BY d.title`, { id });
    detail.documents = recs.map((r) => ({ ...docMeta(r.get('d') as Record<string, unknown>), mentionCount: 0, passages: [], morePassages: 0 }));
    detail.totalDocuments = detail.documents.length;
    return detail;
  }

  const [docs] = docRecs;
  detail.totalDocuments = docs ? toNumber(docs.get('total')) : 0;
  const page = (docs?.get('page') ?? []) as { d: Record<string, unknown>; mentionCount: unknown; ps: { p: Node; ms: StoredMention[] }[]; passageCount: unknown }[];
  detail.documents = page.map((r): EntityDocument => {
    const passages = r.ps.map((x) => passageWithMentions(x.p, x.ms));
    return {
      ...docMeta(r.d),
      mentionCount: toNumber(r.mentionCount),
      passages,
      morePassages: Math.max(0, toNumber(r.passageCount) - passages.length),
    };
  });
  return detail;
}

export const entityRoutes: Routes = {
  entity: byId('/api/entity/<id>', ({ read, query }, id) =>
    entityDetail(read, id, { docLimit: query.int('docs', 25, { min: 1, max: 500 }), passagesPerDoc: query.int('passages', 3, { min: 0, max: 100 }) }),
  ),
};
