// Neo4j values → plain JSON. Integers become numbers (or strings beyond 2^53), temporal and spatial values
// their ISO text, and graph values the GraphNode / GraphEdge shapes the client draws.
import neo4j from 'neo4j-driver';
import path from 'node:path';
import type { Node, Relationship, Path } from 'neo4j-driver';
import type { GraphData, GraphEdge, GraphNode } from './api-types.ts';

import { ENTITY_TYPES, SEMANTIC_RELATION_TYPES } from '../../ingest/types.ts';

export { ENTITY_TYPES };
/** Relationship types between things a reader cares about (not the provenance plumbing). */
export const SEMANTIC_RELS = SEMANTIC_RELATION_TYPES;

/** Properties kept out of graph payloads: bulky, internal, or shown elsewhere. */
const HIDDEN_PROPS = new Set([
  'text',
  'minhash',
  'contentHash',
  'aliasText',
  'sentenceStarts',
  'sentenceEnds',
  'evidenceKeys',
  'evidencePassages',
  'evidenceStarts',
  'evidenceEnds',
  'evidenceSentences',
  'evidenceMethods',
  'evidenceConfidences',
  'evidenceHash',
]);

export interface SerializeOptions {
  /** Strings longer than this are cut, with an ellipsis. */
  maxString?: number;
  /** Lists longer than this keep their first items only. Default: no limit. */
  maxList?: number;
  /** Values nested deeper than this become "…". Default 64 (Cypher can build lists 100k levels deep). */
  maxDepth?: number;
  /** Drop HIDDEN_PROPS from node/relationship properties. */
  hideInternal?: boolean;
  /** Counts what the limits above cut, so an answer can say it was shortened. */
  cuts?: Cuts;
}

export interface Cuts {
  strings: number;
  lists: number;
  depth: number;
  /** List items and string characters read, cut or not: how much the values weighed as they arrived. */
  seen: number;
}

export function toNumber(v: unknown): number {
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (typeof v === 'bigint') return Number(v);
  return typeof v === 'number' ? v : Number(v ?? 0);
}

function cut(s: string, max: number, cuts?: Cuts): string {
  if (s.length <= max) return s;
  if (cuts) cuts.strings++;
  return s.slice(0, max) + '…';
}

const isTemporalOrSpatial = (v: unknown) =>
  neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isLocalTime(v) || neo4j.isTime(v) || neo4j.isDuration(v) || neo4j.isPoint(v);

/** Any driver value → JSON-safe value. Graph values become { $node } / { $rel } / { $path }. */
export function toJson(v: unknown, opts: SerializeOptions = {}, ids?: Map<string, string>): unknown {
  return valueToJson(v, opts, ids, 0);
}

function valueToJson(v: unknown, opts: SerializeOptions, ids: Map<string, string> | undefined, depth: number): unknown {
  const maxString = opts.maxString ?? 20_000;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    if (opts.cuts) opts.cuts.seen += v.length;
    return cut(v, maxString, opts.cuts);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (neo4j.isInt(v)) {
    const i = v as unknown as { inSafeRange(): boolean; toNumber(): number; toString(): string };
    return i.inSafeRange() ? i.toNumber() : i.toString();
  }
  if (depth >= (opts.maxDepth ?? 64)) {
    if (opts.cuts) opts.cuts.depth++;
    return '…';
  }
  const small = { ...opts, maxString: Math.min(300, maxString) };
  if (neo4j.isNode(v)) return { $node: nodeToGraph(v as Node, small) };
  if (neo4j.isRelationship(v)) return { $rel: relToGraph(v as Relationship, ids, small) };
  if (neo4j.isPath(v)) return { $path: pathToGraph(v as Path, small) };
  if (isTemporalOrSpatial(v)) return String(v);
  if (Array.isArray(v)) {
    const max = opts.maxList ?? Infinity;
    if (opts.cuts) opts.cuts.seen += v.length;
    if (v.length > max && opts.cuts) opts.cuts.lists++;
    return (v.length > max ? v.slice(0, max) : v).map((x) => valueToJson(x, opts, ids, depth + 1));
  }
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = valueToJson(x, opts, ids, depth + 1);
    return out;
  }
  return String(v);
}

function propsToJson(props: Record<string, unknown>, opts: SerializeOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(props)) {
    if (opts.hideInternal !== false && HIDDEN_PROPS.has(k)) continue;
    out[k] = toJson(x, opts);
  }
  return out;
}

/** A document's source as the browser sees it: a URL as it is, a file path as its file name only, so the
 *  layout of the machine that ingested it stays there (a query that returns `d.source` itself gets it whole). */
export function shownSource(source: unknown): string {
  const s = typeof source === 'string' ? source : source == null ? '' : String(source);
  if (/^https?:\/\//i.test(s)) return s;
  return path.basename(s);
}

/** The id the client uses for a node: its `id` property when it has one, else the element id. */
export function nodeKey(n: Node): string {
  const id = n.properties['id'];
  return typeof id === 'string' && id ? id : n.elementId;
}

export function displayType(labels: string[], props: Record<string, unknown>): string {
  if (labels.includes('Entity')) {
    const t = props['type'];
    if (typeof t === 'string' && t) return t;
    return labels.find((l) => (ENTITY_TYPES as readonly string[]).includes(l)) ?? 'Entity';
  }
  for (const l of ['Document', 'Passage', 'Work']) if (labels.includes(l)) return l;
  return labels[0] ?? 'Node';
}

export function displayName(type: string, props: Record<string, unknown>, fallback: string): string {
  const s = (k: string) => (typeof props[k] === 'string' && props[k] ? (props[k] as string) : '');
  if (type === 'Document') return s('title') || s('name') || fallback;
  if (type === 'Work') return s('title') || fallback;
  if (type === 'Passage') {
    const t = s('text');
    return t ? cut(t, 60) : s('id') || fallback;
  }
  return s('name') || s('title') || s('id') || fallback;
}

export function nodeToGraph(n: Node, opts: SerializeOptions = {}): GraphNode {
  const props = n.properties as Record<string, unknown>;
  const type = displayType(n.labels, props);
  const id = nodeKey(n);
  const node: GraphNode = {
    id,
    type,
    labels: [...n.labels],
    name: displayName(type, props, id),
    props: propsToJson(props, { maxString: 300, ...opts }),
  };
  if (type === 'Document' && node.props && 'source' in node.props) node.props['source'] = shownSource(props['source']);
  if (props['mentions'] !== undefined && props['mentions'] !== null) node.mentions = toNumber(props['mentions']);
  return node;
}

/**
 * A relation's id from its ends and type: the graph holds at most one relation of a type between two nodes,
 * and unlike the element id it survives re-ingesting the document (a shared edge link keeps working).
 */
export const relationId = (type: string, source: string, target: string): string => `${source}-[${type}]->${target}`;

/** The parts of a relationId; null for anything else (an element id). */
export function parseRelationId(id: string): { source: string; type: string; target: string } | null {
  const m = /^(.+?)-\[([A-Z_]+)\]->(.+)$/.exec(id);
  return m ? { source: m[1], type: m[2], target: m[3] } : null;
}

/** The ids map for one relationship whose ends' client ids are known. */
export const endsOf = (r: Relationship, source: string, target: string): Map<string, string> =>
  new Map([[r.startNodeElementId, source], [r.endNodeElementId, target]]);

/** `ids` maps element ids of nodes to their client ids; with both ends known the edge gets its relationId,
 *  otherwise ends and id stay element ids. */
export function relToGraph(r: Relationship, ids?: Map<string, string>, opts: SerializeOptions = {}): GraphEdge {
  const props = r.properties as Record<string, unknown>;
  const [source, target] = [ids?.get(r.startNodeElementId), ids?.get(r.endNodeElementId)];
  const edge: GraphEdge = {
    id: source && target ? relationId(r.type, source, target) : r.elementId,
    type: r.type,
    source: source ?? r.startNodeElementId,
    target: target ?? r.endNodeElementId,
    props: propsToJson(props, { maxString: 300, ...opts }),
  };
  if (props['support'] != null) edge.support = toNumber(props['support']);
  if (props['confidence'] != null) edge.confidence = toNumber(props['confidence']);
  return edge;
}

export function pathToGraph(p: Path, opts: SerializeOptions = {}): GraphData {
  const ids = new Map<string, string>();
  const nodes: GraphNode[] = [];
  const add = (n: Node) => {
    if (ids.has(n.elementId)) return;
    ids.set(n.elementId, nodeKey(n));
    nodes.push(nodeToGraph(n, opts));
  };
  add(p.start);
  for (const seg of p.segments) {
    add(seg.start);
    add(seg.end);
  }
  const edges = p.segments.map((seg) => relToGraph(seg.relationship, ids, opts));
  return { nodes, edges };
}

/** Collect every node, relationship and path anywhere inside a result value (rows, lists, maps), without
 *  recursion (a value can nest 100k levels deep) and looking at no more than `maxVisits` values. */
export function collectGraph(
  values: unknown[],
  acc: { nodes: Map<string, Node>; rels: Map<string, Relationship> },
  maxVisits = 100_000,
): void {
  const stack: unknown[] = [...values];
  let visits = 0;
  while (stack.length && visits++ < maxVisits) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (neo4j.isNode(v)) {
      const n = v as Node;
      acc.nodes.set(n.elementId, n);
    } else if (neo4j.isRelationship(v)) {
      const r = v as Relationship;
      acc.rels.set(r.elementId, r);
    } else if (neo4j.isPath(v)) {
      const p = v as Path;
      acc.nodes.set(p.start.elementId, p.start);
      for (const seg of p.segments) {
        acc.nodes.set(seg.start.elementId, seg.start);
        acc.nodes.set(seg.end.elementId, seg.end);
        acc.rels.set(seg.relationship.elementId, seg.relationship);
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && stack.length < maxVisits; i++) stack.push(v[i]);
    } else if (!neo4j.isInt(v) && Object.getPrototypeOf(v) === Object.prototype) {
      stack.push(...Object.values(v as Record<string, unknown>));
    }
  }
}
