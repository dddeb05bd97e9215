// The JSON shapes the explorer API sends. Shared by the server (which builds them) and the client (which
// renders them) through type-only imports, so both sides change together.

/** One node as the graph view draws it. `id` is the `id` property (Entity, Document, Passage, Work) or,
 *  for nodes without one, the element id. */
export interface GraphNode {
  id: string;
  /** Display type: an entity type, 'Document', 'Passage', 'Work', or the first label. */
  type: string;
  labels: string[];
  /** Display name: entity name, document title, passage id… */
  name: string;
  mentions?: number;
  degree?: number;
  /** The id of the entity's community (ingest/5-write/communities.ts), where it has one. */
  community?: string;
  /** Properties, with long strings shortened and bulky internals (text, minhash, evidence lists) left out. */
  props?: Record<string, unknown>;
}

export interface GraphEdge {
  /** Relationship element id. */
  id: string;
  type: string;
  source: string;
  target: string;
  support?: number;
  confidence?: number;
  /** CO_OCCURS: its NPMI. */
  weight?: number;
  props?: Record<string, unknown>;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface OverviewResponse extends GraphData {
  /** The communities shown, most mentioned first (absent when the graph has none yet). */
  communities?: CommunityJson[];
  /** Entities in the database, per type (for the legend). */
  counts: Record<string, number>;
  totalEntities: number;
  totalDocuments: number;
}

export interface SearchHit {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  mentions: number;
  score: number;
  /** Which alias matched, when the match was not on the name. */
  matchedAlias?: string;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** 'fulltext' when the `entity_names` index answered, 'contains' for the fallback. */
  method: 'fulltext' | 'contains';
}

export interface MentionSpan {
  /** Offsets into the passage text (not the document), ready to highlight. */
  start: number;
  end: number;
  text: string;
}

export interface PassageWithMentions {
  id: string;
  index: number;
  kind: string;
  /** Document offsets of the passage. */
  start: number;
  end: number;
  text: string;
  mentions: MentionSpan[];
  /** Paged sources (PDF): the 1-based page the passage starts on. */
  page?: number;
}

export interface DocumentMetaJson {
  id: string;
  name: string;
  title: string;
  author: string | null;
  published: string | null;
  /** Only http(s) URLs; anything else is dropped. */
  sourceUrl: string | null;
  source: string;
  format: string;
}

export interface EntityDocument extends DocumentMetaJson {
  mentionCount: number;
  /** Passages of the document that mention it, and the most confident of those mentions (sources paging). */
  passageCount?: number;
  confidence?: number;
  passages: PassageWithMentions[];
  /** Passages with a mention beyond the ones sent. */
  morePassages: number;
}

export interface EntityDetail {
  node: GraphNode;
  aliases: string[];
  degree: number;
  /** Relationship counts by type and direction, e.g. { 'AUTHORED out': 3 }. */
  relations: { type: string; direction: 'out' | 'in'; count: number }[];
  documents: EntityDocument[];
  totalDocuments: number;
  /** For a Document node: its own metadata. */
  document?: DocumentMetaJson;
}

export interface ExpandResponse extends GraphData {
  center: string;
  total: number;
  skip: number;
  limit: number;
  hasMore: boolean;
}

export interface EvidenceItem {
  passageId: string;
  document: DocumentMetaJson | null;
  /** Document offsets of the supporting sentence. */
  start: number;
  end: number;
  sentence: string;
  method: string;
  confidence: number | null;
  /** Mentions of either end of the edge inside the sentence, offsets relative to the sentence. */
  highlights: MentionSpan[];
}

export interface EdgeDetail {
  edge: GraphEdge;
  source: GraphNode;
  target: GraphNode;
  evidence: EvidenceItem[];
}

export interface DocumentMention {
  start: number;
  end: number;
  text: string;
  entityId: string;
  entityType: string;
  entityName: string;
}

export interface DocumentResponse extends DocumentMetaJson {
  text: string;
  mentions: DocumentMention[];
  /** `page`: the 1-based page a passage of a paged source (PDF) starts on. */
  passages: { id: string; start: number; end: number; kind: string; page?: number }[];
}

export interface PathResponse extends GraphData {
  found: boolean;
  length: number;
  /** Node ids in path order. */
  order: string[];
}

export interface QueryResponse {
  columns: string[];
  rows: unknown[][];
  graph: GraphData;
  /** True when the answer is not the whole result: the row cap or the byte budget stopped it, or values in
   *  it were cut (see `notice`). */
  truncated: boolean;
  rowCap: number;
  elapsedMs: number;
  /** The caps on one answer: bytes of row JSON, items per list, characters per string. */
  limits?: { byteBudget: number; maxList: number; maxString: number };
  /** What was cut and why, in words ("stopped after 40 rows at the 8 MB answer budget; 40 lists cut …"). */
  notice?: string;
}

export interface NamedQueryParam {
  name: string;
  /** 'string' | 'int' | 'float' | 'bool' */
  type: string;
  default?: string;
}

export interface NamedQuery {
  file: string;
  name: string;
  description: string;
  params: NamedQueryParam[];
  cypher: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** How a Neo4j value that is not plain JSON travels in query results. */
export type SerialNode = { $node: GraphNode };
export type SerialRel = { $rel: GraphEdge };
export type SerialPath = { $path: { nodes: GraphNode[]; edges: GraphEdge[] } };

/** A node's neighbours of one kind: one relation type and one neighbour type (/api/expand-groups/:id). */
export interface ExpandGroup {
  rel: string;
  /** Neighbour type: an entity type or 'Document'. */
  type: string;
  /** 'out' when every such relation starts at the expanded node, 'in' when every one ends there. */
  direction: 'out' | 'in' | 'both';
  /** Distinct neighbours in the group. */
  count: number;
}

export interface ExpandGroupsResponse {
  center: string;
  groups: ExpandGroup[];
}

/** A community of entities (Louvain over co-occurrence and stated relations), named by its strongest members. */
export interface CommunityJson {
  id: string;
  name: string;
  /** 1 = the most mentioned community. */
  rank: number;
  size: number;
  mentions: number;
}

export interface CommunityView extends GraphData {
  communities: CommunityJson[];
}

/** Documents per month of their published date; `inView` counts those that mention (or are) a node in view. */
export interface TimelineResponse {
  months: { month: string; documents: number; inView: number }[];
  /** Documents without a usable date. */
  undated: number;
  /** With a range: the view's nodes that have a document in it (`to` exclusive). */
  range?: { from: string; to: string };
  inRange?: string[];
}

/** One page of the documents that mention an entity (GET /api/sources/:id). */
export interface SourcesResponse {
  entity: string;
  /** Every document that mentions it. */
  total: number;
  skip: number;
  limit: number;
  sort: 'relevance' | 'date';
  documents: EntityDocument[];
}
