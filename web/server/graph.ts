// The explorer's read queries: overview, search, entity detail, expand, edge evidence, document, path,
// subgraph. Pure functions of a `Read` (one read transaction per call) and their inputs; the HTTP layer
// only parses requests and sends what these return.
import neo4j from 'neo4j-driver';
import type { Node, Relationship, Path, Record as NeoRecord } from 'neo4j-driver';
import type {
  DocumentMetaJson,
  DocumentMention,
  DocumentResponse,
  EdgeDetail,
  EntityDetail,
  EntityDocument,
  EvidenceItem,
  ExpandResponse,
  GraphData,
  GraphEdge,
  GraphNode,
  MentionSpan,
  OverviewResponse,
  PassageWithMentions,
  PathResponse,
  SearchHit,
  SearchResponse,
} from './api-types.ts';
import { notFound, badRequest } from './errors.ts';
import { ENTITY_TYPES, SEMANTIC_RELS, nodeKey, nodeToGraph, relToGraph, toJson, toNumber } from './serialize.ts';

export type Read = (cypher: string, params?: Record<string, unknown>) => Promise<NeoRecord[]>;

const REL_PATTERN = SEMANTIC_RELS.join('|');
const int = (n: number) => neo4j.int(Math.max(0, Math.floor(n)));
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : v == null ? null : String(toJson(v)));

/** Cypher that binds `n` to the Entity or Document whose `id` is `$id`, using the per-label indexes. */
const NODE_BY_ID = `CALL () { MATCH (n:Entity {id: $id}) RETURN n UNION MATCH (n:Document {id: $id}) RETURN n }`;
/** Also passages and works: what a console result can show and the detail panel can describe. */
const ANY_NODE_BY_ID = `CALL () {
  MATCH (n:Entity {id: $id}) RETURN n UNION MATCH (n:Document {id: $id}) RETURN n
  UNION MATCH (n:Passage {id: $id}) RETURN n UNION MATCH (n:Work {id: $id}) RETURN n }`;
const nodesByIds = (v = 'n') =>
  `CALL () { MATCH (${v}:Entity) WHERE ${v}.id IN $ids RETURN ${v} UNION MATCH (${v}:Document) WHERE ${v}.id IN $ids RETURN ${v} }`;
const DEGREE = (v: string) => `COUNT { (${v})-[:${REL_PATTERN}]-() }`;

function withDegree(n: Node, degree: unknown): GraphNode {
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

function docMeta(d: Record<string, unknown>): DocumentMetaJson {
  return {
    id: String(d['id']),
    name: str(d['name']) ?? '',
    title: str(d['title']) ?? str(d['name']) ?? String(d['id']),
    author: str(d['author']),
    published: str(d['published']),
    sourceUrl: safeUrl(d['sourceUrl']),
    source: str(d['source']) ?? '',
    format: str(d['format']) ?? '',
  };
}

const DOC_FIELDS = `{.id, .name, .title, .author, .published, .sourceUrl, .source, .format}`;

/** Edges among a set of node ids (either direction), semantic relationships only. */
async function edgesAmong(read: Read, ids: string[]): Promise<GraphEdge[]> {
  if (ids.length === 0) return [];
  const recs = await read(
    `${nodesByIds('a')}
     MATCH (a)-[r:${REL_PATTERN}]->(b) WHERE b.id IN $ids AND (b:Entity OR b:Document)
     RETURN r, a.id AS a, b.id AS b`,
    { ids },
  );
  return recs.map((rec) => {
    const e = relToGraph(rec.get('r') as Relationship);
    e.source = rec.get('a') as string;
    e.target = rec.get('b') as string;
    return e;
  });
}

// ---------------------------------------------------------------------------------------------- overview

export async function overview(read: Read, limit = 60): Promise<OverviewResponse> {
  const countRecs = await read(
    `MATCH (e:Entity) RETURN e.type AS type, count(*) AS n
     UNION ALL MATCH (d:Document) RETURN 'Document' AS type, count(*) AS n`,
  );
  const counts: Record<string, number> = {};
  for (const r of countRecs) counts[String(r.get('type'))] = toNumber(r.get('n'));
  const totalDocuments = counts['Document'] ?? 0;
  const totalEntities = Object.entries(counts)
    .filter(([t]) => t !== 'Document')
    .reduce((s, [, n]) => s + n, 0);

  // 1. The most connected entities (mentions break ties).
  const recs = await read(
    `MATCH (e:Entity)
     WITH e, ${DEGREE('e')} AS degree
     WHERE degree > 0
     ORDER BY degree DESC, coalesce(e.mentions, 0) DESC, e.id
     LIMIT $limit
     RETURN e, degree`,
    { limit: int(limit) },
  );
  const nodes = recs.map((r) => withDegree(r.get('e') as Node, r.get('degree')));
  // 2. A few of the most mentioned unconnected entities, so a graph with few relations still shows its main
  //    actors — at most a quarter of the view, so they do not drown the structure.
  const spare = Math.min(limit - nodes.length, Math.ceil(limit / 4));
  if (spare > 0) {
    const lone = await read(
      `MATCH (e:Entity) WHERE NOT e.id IN $ids
       RETURN e, ${DEGREE('e')} AS degree ORDER BY coalesce(e.mentions, 0) DESC, e.id LIMIT $spare`,
      { ids: nodes.map((n) => n.id), spare: int(spare) },
    );
    nodes.push(...lone.map((r) => withDegree(r.get('e') as Node, r.get('degree'))));
  }
  // 3. The documents that tie several of them together (they carry ABOUT / CITES / ACKNOWLEDGES …).
  const docs = await read(
    `MATCH (d:Document)-[:${REL_PATTERN}]-(e:Entity) WHERE e.id IN $ids
     WITH d, count(DISTINCT e) AS k WHERE k >= 2
     RETURN d, ${DEGREE('d')} AS degree ORDER BY k DESC, d.id LIMIT $docLimit`,
    { ids: nodes.map((n) => n.id), docLimit: int(Math.max(1, Math.round(limit / 8))) },
  );
  nodes.push(...docs.map((r) => withDegree(r.get('d') as Node, r.get('degree'))));
  const edges = await edgesAmong(
    read,
    nodes.map((n) => n.id),
  );
  return { nodes, edges, counts, totalEntities, totalDocuments };
}

// ------------------------------------------------------------------------------------------------ search

/** Lucene query for type-ahead: every term must match, the last as a prefix; fuzzy as an alternative. */
export function luceneQuery(q: string): string | null {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (terms.length === 0) return null;
  const prefix = terms.map((t, i) => (i === terms.length - 1 ? `${t}*` : t)).join(' AND ');
  const fuzzy = terms.map((t) => (t.length > 3 ? `${t}~` : t)).join(' AND ');
  const phrase = `"${terms.join(' ')}"^4`;
  return `${phrase} OR (${prefix})^2 OR (${fuzzy})`;
}

function rankHits(q: string, hits: SearchHit[]): SearchHit[] {
  const ql = q.trim().toLowerCase();
  const rank = (h: SearchHit) => {
    const n = h.name.toLowerCase();
    const names = [n, ...h.aliases.map((a) => a.toLowerCase())];
    if (names.includes(ql)) return 0;
    if (names.some((x) => x === ql.replace(/s$/, '') || x.replace(/s$/, '') === ql)) return 1;
    if (names.some((x) => x.startsWith(ql))) return 2;
    return 3;
  };
  return hits
    .map((h) => ({ h, r: rank(h) }))
    .sort((a, b) => a.r - b.r || b.h.score - a.h.score || b.h.mentions - a.h.mentions)
    .map((x) => x.h);
}

function hitFrom(n: Node, score: number, q: string): SearchHit {
  const p = n.properties as Record<string, unknown>;
  const aliases = Array.isArray(p['aliases']) ? (p['aliases'] as unknown[]).map(String) : [];
  const name = str(p['name']) ?? nodeKey(n);
  const ql = q.trim().toLowerCase();
  const hit: SearchHit = {
    id: nodeKey(n),
    type: str(p['type']) ?? 'Entity',
    name,
    aliases,
    mentions: toNumber(p['mentions'] ?? 0),
    score,
  };
  if (!name.toLowerCase().includes(ql)) {
    const alias = aliases.find((a) => a.toLowerCase().includes(ql));
    if (alias) hit.matchedAlias = alias;
  }
  return hit;
}

export async function search(read: Read, q: string, limit = 10): Promise<SearchResponse> {
  const query = q.trim();
  if (!query) return { hits: [], method: 'fulltext' };
  const lucene = luceneQuery(query);
  let hits: SearchHit[] = [];
  let method: SearchResponse['method'] = 'fulltext';
  if (lucene) {
    try {
      const recs = await read(
        `CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $limit}) YIELD node, score
         WHERE node:Entity RETURN node, score`,
        { q: lucene, limit: int(limit * 3) },
      );
      hits = recs.map((r) => hitFrom(r.get('node') as Node, Number(r.get('score')), query));
    } catch {
      hits = []; // no index (or an unparsable query): fall back below
    }
  }
  if (hits.length === 0) {
    method = 'contains';
    const ql = query.toLowerCase();
    const recs = await read(
      `MATCH (e:Entity)
       WHERE toLower(e.name) CONTAINS $q OR toLower(coalesce(e.aliasText, '')) CONTAINS $q
       RETURN e AS node ORDER BY coalesce(e.mentions, 0) DESC LIMIT $limit`,
      { q: ql.replace(/s$/, '') || ql, limit: int(limit * 3) },
    );
    hits = recs.map((r) => hitFrom(r.get('node') as Node, 1, query));
  }
  return { hits: rankHits(query, hits).slice(0, limit), method };
}

// ------------------------------------------------------------------------------------------------ entity

/** Offsets of a mention relative to its passage, whichever convention the writer used. */
function relSpan(passageText: string, pStart: number, m: { start: number; end: number; text: string }): MentionSpan | null {
  const len = m.end - m.start;
  const candidates = [m.start - pStart, m.start];
  for (const s of candidates) {
    if (s >= 0 && passageText.slice(s, s + len) === m.text) return { start: s, end: s + len, text: m.text };
  }
  const i = m.text ? passageText.indexOf(m.text) : -1;
  return i >= 0 ? { start: i, end: i + m.text.length, text: m.text } : null;
}

function passageWithMentions(p: Node, ms: { start: unknown; end: unknown; text: unknown }[]): PassageWithMentions {
  const pp = p.properties as Record<string, unknown>;
  const text = str(pp['text']) ?? '';
  const start = toNumber(pp['start']);
  const spans: MentionSpan[] = [];
  for (const m of ms) {
    const s = relSpan(text, start, { start: toNumber(m.start), end: toNumber(m.end), text: String(m.text ?? '') });
    if (s && !spans.some((x) => x.start === s.start)) spans.push(s);
  }
  spans.sort((a, b) => a.start - b.start);
  return {
    id: String(pp['id']),
    index: toNumber(pp['index']),
    kind: str(pp['kind']) ?? 'paragraph',
    start,
    end: toNumber(pp['end']),
    text,
    mentions: spans,
  };
}

export async function entityDetail(
  read: Read,
  id: string,
  opts: { docLimit?: number; passagesPerDoc?: number } = {},
): Promise<EntityDetail> {
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
      const ms = r.get('ms') as { start: unknown; end: unknown; text: unknown }[];
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
    const ps = r.get('ps') as { p: Node; ms: { start: unknown; end: unknown; text: unknown }[] }[];
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

/** Nodes by id, with degree, plus the semantic edges among them (for reopening a shared view). */
export async function subgraph(read: Read, ids: string[]): Promise<GraphData> {
  const unique = [...new Set(ids)].slice(0, 500);
  if (unique.length === 0) return { nodes: [], edges: [] };
  const recs = await read(`${nodesByIds()} RETURN n, ${DEGREE('n')} AS degree`, { ids: unique });
  const nodes = recs.map((r) => withDegree(r.get('n') as Node, r.get('degree')));
  const edges = await edgesAmong(
    read,
    nodes.map((n) => n.id),
  );
  return { nodes, edges };
}

// ------------------------------------------------------------------------------------------------ expand

export async function expand(
  read: Read,
  id: string,
  opts: { skip?: number; limit?: number; types?: string[]; rels?: string[] } = {},
): Promise<ExpandResponse> {
  const skip = Math.max(0, opts.skip ?? 0);
  const limit = Math.min(200, Math.max(1, opts.limit ?? 25));
  const rels = (opts.rels?.length ? opts.rels : [...SEMANTIC_RELS]).filter((r) =>
    (SEMANTIC_RELS as readonly string[]).includes(r),
  );
  const types = opts.types?.length ? opts.types : null;
  if (rels.length === 0) return { nodes: [], edges: [], center: id, total: 0, skip, limit, hasMore: false };
  const params = { id, skip: int(skip), limit: int(limit), types, rels };
  const filter = `type(r) IN $rels AND (m:Entity OR m:Document)
     AND ($types IS NULL OR m.type IN $types OR (m:Document AND 'Document' IN $types))`;

  const [head] = await read(`${NODE_BY_ID} RETURN n, ${DEGREE('n')} AS degree`, { id });
  if (!head) throw notFound(`Entity "${id}"`);
  const center = withDegree(head.get('n') as Node, head.get('degree'));

  const [totalRec] = await read(
    `${NODE_BY_ID} MATCH (n)-[r]-(m) WHERE ${filter} RETURN count(DISTINCT m) AS total`,
    params,
  );
  const recs = await read(
    `${NODE_BY_ID}
     MATCH (n)-[r]-(m) WHERE ${filter}
     WITH n, m, collect(r) AS rs, max(coalesce(r.support, 1)) AS support
     WITH n, m, rs, support, ${DEGREE('m')} AS degree
     ORDER BY support DESC, degree DESC, coalesce(m.mentions, 0) DESC, m.id
     SKIP $skip LIMIT $limit
     RETURN m, degree, [r IN rs | {r: r, out: startNode(r) = n}] AS rs`,
    params,
  );
  const nodes: GraphNode[] = [center];
  const edges: GraphEdge[] = [];
  for (const rec of recs) {
    const m = withDegree(rec.get('m') as Node, rec.get('degree'));
    nodes.push(m);
    for (const x of rec.get('rs') as { r: Relationship; out: boolean }[]) {
      const e = relToGraph(x.r);
      e.source = x.out ? center.id : m.id;
      e.target = x.out ? m.id : center.id;
      edges.push(e);
    }
  }
  const total = totalRec ? toNumber(totalRec.get('total')) : nodes.length - 1;
  return { nodes, edges, center: center.id, total, skip, limit, hasMore: skip + recs.length < total };
}

// -------------------------------------------------------------------------------------------------- edge

export async function edgeDetail(read: Read, elementId: string): Promise<EdgeDetail> {
  const [rec] = await read(
    `MATCH (a)-[r]->(b) WHERE elementId(r) = $id RETURN a, r, b, ${DEGREE('a')} AS da, ${DEGREE('b')} AS db`,
    { id: elementId },
  );
  if (!rec) throw notFound('Relationship');
  const a = rec.get('a') as Node;
  const b = rec.get('b') as Node;
  const r = rec.get('r') as Relationship;
  const source = withDegree(a, rec.get('da'));
  const target = withDegree(b, rec.get('db'));
  const edge = relToGraph(r);
  edge.source = source.id;
  edge.target = target.id;

  const p = r.properties as Record<string, unknown>;
  const list = (k: string): unknown[] => (Array.isArray(p[k]) ? (p[k] as unknown[]) : []);
  const pids = list('evidencePassages').map(String);
  const starts = list('evidenceStarts').map(toNumber);
  const ends = list('evidenceEnds').map(toNumber);
  const sentences = list('evidenceSentences').map((s) => String(s ?? ''));
  const methods = list('evidenceMethods').map((s) => String(s ?? ''));
  const confs = list('evidenceConfidences').map((c) => (c == null ? null : toNumber(c)));

  // MENTIONS edges themselves carry their span: show the passage as the evidence.
  if (r.type === 'MENTIONS' && a.labels.includes('Passage')) {
    pids.push(String(a.properties['id']));
    starts.push(toNumber(p['start']));
    ends.push(toNumber(p['end']));
    sentences.push(String(p['text'] ?? ''));
    methods.push(String(p['method'] ?? ''));
    confs.push(p['confidence'] == null ? null : toNumber(p['confidence']));
  }

  const endIds = [source.id, target.id];
  const ctx = new Map<string, { doc: DocumentMetaJson | null; ms: { start: number; end: number; text: string }[] }>();
  if (pids.length) {
    const recs = await read(
      `UNWIND $pids AS pid
       MATCH (p:Passage {id: pid})
       OPTIONAL MATCH (d:Document)-[:HAS_PASSAGE]->(p)
       OPTIONAL MATCH (p)-[m:MENTIONS]->(e:Entity) WHERE e.id IN $ends
       RETURN pid, p.start AS pStart, d ${DOC_FIELDS} AS d, collect(m {.start, .end, .text}) AS ms`,
      { pids: [...new Set(pids)], ends: endIds },
    );
    for (const x of recs) {
      const pStart = toNumber(x.get('pStart'));
      const d = x.get('d') as Record<string, unknown> | null;
      const ms = (x.get('ms') as { start: unknown; end: unknown; text: unknown }[]).map((m) => ({
        start: toNumber(m.start),
        end: toNumber(m.end),
        text: String(m.text ?? ''),
      }));
      ctx.set(String(x.get('pid')), { doc: d ? docMeta(d) : null, ms: ms.map((m) => ({ ...m, pStart })) });
    }
  }

  const evidence: EvidenceItem[] = pids.map((pid, i) => {
    const c = ctx.get(pid);
    const sentence = sentences[i] ?? '';
    const start = starts[i] ?? 0;
    const highlights: MentionSpan[] = [];
    for (const m of c?.ms ?? []) {
      const pStart = (m as { pStart?: number }).pStart ?? 0;
      // Mentions are document offsets; accept passage-relative ones too.
      for (const abs of [m.start, m.start + pStart]) {
        const s = abs - start;
        if (s >= 0 && sentence.slice(s, s + (m.end - m.start)) === m.text && m.text) {
          if (!highlights.some((h) => h.start === s)) highlights.push({ start: s, end: s + m.end - m.start, text: m.text });
          break;
        }
      }
    }
    highlights.sort((x, y) => x.start - y.start);
    return {
      passageId: pid,
      document: c?.doc ?? null,
      start,
      end: ends[i] ?? start + sentence.length,
      sentence,
      method: methods[i] ?? '',
      confidence: confs[i] ?? null,
      highlights,
    };
  });
  return { edge, source, target, evidence };
}

// ---------------------------------------------------------------------------------------------- document

export async function documentWithMentions(read: Read, id: string): Promise<DocumentResponse> {
  const [rec] = await read(`MATCH (d:Document {id: $id}) RETURN d`, { id });
  if (!rec) throw notFound(`Document "${id}"`);
  const d = (rec.get('d') as Node).properties as Record<string, unknown>;
  const text = str(d['text']) ?? '';
  const passRecs = await read(
    `MATCH (d:Document {id: $id})-[:HAS_PASSAGE]->(p:Passage)
     RETURN p.id AS id, p.start AS start, p.end AS end, p.kind AS kind ORDER BY p.start`,
    { id },
  );
  const passages = passRecs.map((p) => ({
    id: String(p.get('id')),
    start: toNumber(p.get('start')),
    end: toNumber(p.get('end')),
    kind: String(p.get('kind') ?? 'paragraph'),
  }));
  const mRecs = await read(
    `MATCH (d:Document {id: $id})-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e:Entity)
     RETURN m.start AS start, m.end AS end, m.text AS text, p.start AS pStart,
            e.id AS entityId, e.type AS entityType, e.name AS entityName
     ORDER BY m.start`,
    { id },
  );
  const mentions: DocumentMention[] = [];
  for (const m of mRecs) {
    let start = toNumber(m.get('start'));
    let end = toNumber(m.get('end'));
    const mt = String(m.get('text') ?? '');
    if (mt && text.slice(start, end) !== mt) {
      const pStart = toNumber(m.get('pStart'));
      if (text.slice(start + pStart, end + pStart) === mt) {
        start += pStart;
        end += pStart;
      }
    }
    if (start < 0 || end > text.length || end <= start) continue;
    mentions.push({
      start,
      end,
      text: text.slice(start, end),
      entityId: String(m.get('entityId')),
      entityType: String(m.get('entityType') ?? 'Entity'),
      entityName: String(m.get('entityName') ?? ''),
    });
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { ...docMeta(d), text, mentions, passages };
}

// -------------------------------------------------------------------------------------------------- path

export async function shortestPath(read: Read, from: string, to: string, maxHops = 8): Promise<PathResponse> {
  if (!from || !to) throw badRequest('Give both ends of the path: ?from=<id>&to=<id>.');
  if (from === to) throw badRequest('Pick two different entities to find a path between them.');
  const found = await read(`${nodesByIds()} RETURN n.id AS id`, { ids: [from, to] });
  const have = new Set(found.map((r) => String(r.get('id'))));
  for (const x of [from, to]) if (!have.has(x)) throw notFound(`Entity "${x}"`);
  const recs = await read(
    `CALL () { MATCH (n:Entity {id: $from}) RETURN n AS a UNION MATCH (n:Document {id: $from}) RETURN n AS a }
     CALL () { MATCH (n:Entity {id: $to}) RETURN n AS b UNION MATCH (n:Document {id: $to}) RETURN n AS b }
     MATCH p = shortestPath((a)-[:${REL_PATTERN}*..${Math.max(1, Math.min(15, maxHops))}]-(b))
     RETURN p`,
    { from, to },
  );
  if (recs.length === 0) return { nodes: [], edges: [], found: false, length: 0, order: [] };
  const path = recs[0].get('p') as Path;
  const ids = new Map<string, string>();
  const nodeList: Node[] = [path.start, ...path.segments.map((s) => s.end)];
  for (const n of nodeList) ids.set(n.elementId, nodeKey(n));
  const degRecs = await read(`${nodesByIds()} RETURN n.id AS id, ${DEGREE('n')} AS degree`, {
    ids: nodeList.map(nodeKey),
  });
  const deg = new Map(degRecs.map((r) => [String(r.get('id')), toNumber(r.get('degree'))]));
  const nodes = nodeList.map((n) => {
    const g = nodeToGraph(n);
    g.degree = deg.get(g.id) ?? 0;
    return g;
  });
  const edges = path.segments.map((s) => relToGraph(s.relationship, ids));
  return { nodes, edges, found: true, length: path.length, order: nodes.map((n) => n.id) };
}

export { ENTITY_TYPES };
