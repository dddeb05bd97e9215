// Cypher fragments and result helpers that several endpoint families share: finding a node by id, degree,
// the edges among a node set, a document's metadata as the client shows it.
import neo4j from 'neo4j-driver';
import type { Node, Relationship } from 'neo4j-driver';
import type { DocumentMetaJson, GraphEdge, GraphNode } from '../api-types.ts';
import type { Read } from '../read.ts';
import { SEMANTIC_RELS, endsOf, nodeToGraph, relToGraph, shownSource, toJson, toNumber } from '../serialize.ts';

export const REL_PATTERN = SEMANTIC_RELS.join('|');
export const int = (n: number) => neo4j.int(Math.max(0, Math.floor(n)));
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : v == null ? null : String(toJson(v)));

/** Binds `n` to the Entity or Document whose `id` is `$id`, using the per-label indexes. */
export const NODE_BY_ID = `CALL () { MATCH (n:Entity {id: $id}) RETURN n UNION MATCH (n:Document {id: $id}) RETURN n }`;
/** Also passages and works: what a console result can show and the detail panel can describe. */
export const ANY_NODE_BY_ID = `CALL () {
  MATCH (n:Entity {id: $id}) RETURN n UNION MATCH (n:Document {id: $id}) RETURN n
  UNION MATCH (n:Passage {id: $id}) RETURN n UNION MATCH (n:Work {id: $id}) RETURN n }`;
export const nodesByIds = (v = 'n') =>
  `CALL () { MATCH (${v}:Entity) WHERE ${v}.id IN $ids RETURN ${v} UNION MATCH (${v}:Document) WHERE ${v}.id IN $ids RETURN ${v} }`;
export const DEGREE = (v: string) => `COUNT { (${v})-[:${REL_PATTERN}]-() }`;
/**
 * The same number, read from the `degree` the ingest's settle step keeps on every entity (relations other
 * than MENTIONS and CO_OCCURS), counted only where a node has none (documents): one property read instead
 * of a count per relation type, which matters when a query sorts a hub's thousands of neighbours by it.
 */
export const STORED_DEGREE = (v: string) => `coalesce(${v}.degree, ${DEGREE(v)})`;
export const DOC_FIELDS = `{.id, .name, .title, .author, .published, .sourceUrl, .source, .format}`;

export function withDegree(n: Node, degree: unknown): GraphNode {
  const g = nodeToGraph(n);
  g.degree = toNumber(degree);
  return g;
}

export function safeUrl(u: unknown): string | null {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function docMeta(d: Record<string, unknown>): DocumentMetaJson {
  return {
    id: String(d['id']),
    name: str(d['name']) ?? '',
    title: str(d['title']) ?? str(d['name']) ?? String(d['id']),
    author: str(d['author']),
    published: str(d['published']),
    sourceUrl: safeUrl(d['sourceUrl']),
    source: shownSource(d['source']),
    format: str(d['format']) ?? '',
  };
}

/** Edges among a set of node ids (either direction), semantic relationships only. */
export async function edgesAmong(read: Read, ids: string[]): Promise<GraphEdge[]> {
  if (ids.length === 0) return [];
  const recs = await read(
    `${nodesByIds('a')}
     MATCH (a)-[r:${REL_PATTERN}]->(b) WHERE b.id IN $ids AND (b:Entity OR b:Document)
     RETURN r, a.id AS a, b.id AS b`,
    { ids },
  );
  return recs.map((rec) => {
    const r = rec.get('r') as Relationship;
    const e = relToGraph(r, endsOf(r, rec.get('a') as string, rec.get('b') as string));
    return e;
  });
}
