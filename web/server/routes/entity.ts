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
  const [head] = await read(`${ANY_NODE_BY_ID} RETURN n, ${DEGREE('n')} AS degree`, { id });
  if (!head) throw notFound(`Entity "${id}"`);
  const n = head.get('n') as Node;
  const node = withDegree(n, head.get('degree'));
  const props = n.properties as Record<string, unknown>;
  const aliases = Array.isArray(props['aliases']) ? (props['aliases'] as unknown[]).map(String) : [];

  const relRecs = await read(
    `${NODE_BY_ID}
     MATCH (n)-[r:${REL_PATTERN}]-()
     RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(*) AS count
     ORDER BY count DESC`,
    { id },
  );
  const relations = relRecs.map((r) => ({
    type: String(r.get('type')),
    direction: r.get('direction') as 'out' | 'in',
    count: toNumber(r.get('count')),
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

  const docRecs = await read(
    `MATCH (e:Entity {id: $id})<-[m:MENTIONS]-(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
     WITH d, p, collect(m {.start, .end, .text}) AS ms
     ORDER BY p.index
     WITH d, collect({p: p, ms: ms}) AS ps, sum(size(ms)) AS mentionCount
     RETURN d ${DOC_FIELDS} AS d, mentionCount, ps[0..$perDoc] AS ps, size(ps) AS passageCount
     ORDER BY mentionCount DESC, d.title
     LIMIT $docLimit`,
    { id, perDoc: int(perDoc), docLimit: int(docLimit) },
  );
  const [countRec] = await read(
    `MATCH (e:Entity {id: $id})<-[:MENTIONS]-(:Passage)<-[:HAS_PASSAGE]-(d:Document) RETURN count(DISTINCT d) AS n`,
    { id },
  );
  detail.totalDocuments = countRec ? toNumber(countRec.get('n')) : docRecs.length;
  detail.documents = docRecs.map((r): EntityDocument => {
    const ps = r.get('ps') as { p: Node; ms: StoredMention[] }[];
    const passages = ps.map((x) => passageWithMentions(x.p, x.ms));
    return {
      ...docMeta(r.get('d') as Record<string, unknown>),
      mentionCount: toNumber(r.get('mentionCount')),
      passages,
      morePassages: Math.max(0, toNumber(r.get('passageCount')) - passages.length),
    };
  });
  return detail;
}

export const entityRoutes: Routes = {
  entity: byId('/api/entity/<id>', ({ read, query }, id) =>
    entityDetail(read, id, { docLimit: query.int('docs', 25, { min: 1, max: 500 }), passagesPerDoc: query.int('passages', 3, { min: 0, max: 100 }) }),
  ),
};
