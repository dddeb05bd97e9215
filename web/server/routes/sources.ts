// GET /api/sources/:id?skip=&limit=&sort=relevance|date — every document that mentions an entity, a page at
// a time: per document its mention and passage counts, its strongest mention confidence and its first
// passages with the mentions as spans. Relevance = most mentions, then most confident; date = newest first.
import type { Node } from 'neo4j-driver';
import type { EntityDocument, SourcesResponse } from '../api-types.ts';
import { badRequest, notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import { DOC_FIELDS, docMeta, int } from './cypher.ts';
import { passageWithMentions } from './entity.ts';
import { byId, type Routes } from './route.ts';

export type SourceSort = 'relevance' | 'date';

const ORDER: Record<SourceSort, string> = {
  relevance: 'mentionCount DESC, confidence DESC, d.title, d.id',
  // Undated documents last, then the same tie-breaks as relevance.
  date: 'd.published IS NULL, d.published DESC, mentionCount DESC, d.title, d.id',
};

export async function entitySources(
  read: Read,
  id: string,
  opts: { skip?: number; limit?: number; sort?: SourceSort; passagesPerDoc?: number } = {},
): Promise<SourcesResponse> {
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? 25;
  const sort = opts.sort ?? 'relevance';
  const [head] = await read(
    `MATCH (e:Entity {id: $id})
     RETURN COUNT { MATCH (e)<-[:MENTIONS]-(:Passage)<-[:HAS_PASSAGE]-(d:Document) RETURN DISTINCT d } AS total`,
    { id },
  );
  if (!head) throw notFound(`Entity "${id}"`);
  const recs = await read(
    `MATCH (e:Entity {id: $id})<-[m:MENTIONS]-(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
     WITH d, p, collect(m {.start, .end, .text}) AS ms, max(coalesce(m.confidence, 0)) AS pc
     ORDER BY p.index
     WITH d, collect({p: p, ms: ms}) AS ps, sum(size(ms)) AS mentionCount, max(pc) AS confidence
     ORDER BY ${ORDER[sort]}
     SKIP $skip LIMIT $limit
     RETURN d ${DOC_FIELDS} AS d, mentionCount, confidence, size(ps) AS passageCount, ps[0..$perDoc] AS ps`,
    { id, skip: int(skip), limit: int(limit), perDoc: int(opts.passagesPerDoc ?? 2) },
  );
  const documents = recs.map((r): EntityDocument => {
    const ps = (r.get('ps') as { p: Node; ms: { start: unknown; end: unknown; text: unknown }[] }[]).map((x) => passageWithMentions(x.p, x.ms));
    const passageCount = toNumber(r.get('passageCount'));
    return {
      ...docMeta(r.get('d') as Record<string, unknown>),
      mentionCount: toNumber(r.get('mentionCount')),
      passageCount,
      confidence: toNumber(r.get('confidence')),
      passages: ps,
      morePassages: Math.max(0, passageCount - ps.length),
    };
  });
  return { entity: id, total: toNumber(head.get('total')), skip, limit, sort, documents };
}

export const sourcesRoutes: Routes = {
  sources: byId('/api/sources/<entity id>', ({ read, query }, id) => {
    const sort = query.string('sort') || 'relevance';
    if (sort !== 'relevance' && sort !== 'date') throw badRequest('"sort" must be "relevance" or "date".');
    return entitySources(read, id, {
      skip: query.int('skip', 0, { min: 0, max: 1_000_000 }),
      limit: query.int('limit', 25, { min: 1, max: 100 }),
      sort,
      passagesPerDoc: query.int('passages', 2, { min: 0, max: 20 }),
    });
  }),
};
