// GET /api/document/:id — a document's text with every mention at its span (document offsets, as stored)
// and its passages, for the document viewer.
import type { Node } from 'neo4j-driver';
import type { DocumentMention, DocumentResponse } from '../api-types.ts';
import { notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import { docMeta, str } from './cypher.ts';
import { byId, type Routes } from './route.ts';

export async function documentWithMentions(read: Read, id: string): Promise<DocumentResponse> {
  const [rec] = await read(`MATCH (d:Document {id: $id}) RETURN d`, { id });
  if (!rec) throw notFound(`Document "${id}"`);
  const d = (rec.get('d') as Node).properties as Record<string, unknown>;
  const text = str(d['text']) ?? '';
  const passRecs = await read(
    `MATCH (d:Document {id: $id})-[:HAS_PASSAGE]->(p:Passage)
     RETURN p.id AS id, p.start AS start, p.end AS end, p.kind AS kind, p.page AS page ORDER BY p.start`,
    { id },
  );
  const passages = passRecs.map((p) => {
    const page = p.get('page');
    return {
      id: String(p.get('id')),
      start: toNumber(p.get('start')),
      end: toNumber(p.get('end')),
      kind: String(p.get('kind') ?? 'paragraph'),
      ...(page === null || page === undefined ? {} : { page: toNumber(page) }),
    };
  });
  const mRecs = await read(
    `MATCH (d:Document {id: $id})-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e:Entity)
     RETURN m.start AS start, m.end AS end, m.text AS text, e.id AS entityId, e.type AS entityType, e.name AS entityName
     ORDER BY m.start`,
    { id },
  );
  const mentions: DocumentMention[] = [];
  for (const m of mRecs) {
    const start = toNumber(m.get('start'));
    const end = toNumber(m.get('end'));
    if (start < 0 || end > text.length || end <= start) continue;
    mentions.push({
      start,
      end,
      text: String(m.get('text') ?? ''),
      entityId: String(m.get('entityId')),
      entityType: String(m.get('entityType') ?? 'Entity'),
      entityName: String(m.get('entityName') ?? ''),
    });
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { ...docMeta(d), text, mentions, passages };
}

export const documentRoutes: Routes = {
  document: byId('/api/document/<id>', ({ read }, id) => documentWithMentions(read, id)),
};
