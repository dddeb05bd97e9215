// Domain types shared by every ingest stage. Offsets are always UTF-16 code-unit indexes into
// `Document.text` (the text Atlas stores and shows), so `doc.text.slice(start, end)` is the span.

// Dataset: datasets and benchmarks ("MMLU", "ImageNet"); Software: libraries and tools ("PyTorch", "vLLM").
export type EntityType = 'Person' | 'Organization' | 'Paper' | 'Concept' | 'Model' | 'Dataset' | 'Software';
export const ENTITY_TYPES: readonly EntityType[] = ['Person', 'Organization', 'Paper', 'Concept', 'Model', 'Dataset', 'Software'];

export type RelationType =
  | 'AUTHORED'
  | 'MEMBER_OF'
  | 'LEADS'
  | 'PART_OF'
  | 'AFFILIATED_WITH'
  | 'ABOUT'
  | 'CITES'
  | 'LINKS_TO'
  | 'STUDIES'
  | 'ACKNOWLEDGES'
  | 'REPLIES_TO'
  /** Paper → Dataset: "we evaluate on MMLU". */
  | 'EVALUATES_ON'
  /** Paper → Software or Dataset: "implemented in PyTorch", "trained on The Pile". */
  | 'USES';

/** Relations between things a reader cares about (REPLIES_TO links passages, so it is not among them). */
export const SEMANTIC_RELATION_TYPES = [
  'AUTHORED', 'MEMBER_OF', 'LEADS', 'PART_OF', 'AFFILIATED_WITH', 'ABOUT', 'CITES', 'LINKS_TO', 'STUDIES', 'ACKNOWLEDGES',
  'EVALUATES_ON', 'USES',
] as const satisfies readonly RelationType[];

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf';

/** A hyperlink kept from markdown or HTML; the span is the anchor text inside `Document.text`. */
export interface Link {
  start: number;
  end: number;
  href: string;
  text: string;
}

/** An author as structured metadata gives it (front matter, HTML meta, JSON-LD). */
export interface MetaAuthor {
  /** "First Last". */
  name: string;
  /** How the source writes it, when different ("Last, First"): the span evidence looks for. */
  surface?: string;
  affiliations: string[];
}

export interface DocumentMeta {
  title?: string;
  author?: string;
  /** Authors from structured metadata, in order, with their affiliations. */
  authors?: MetaAuthor[];
  /** Tags, keywords, subjects the metadata names (the document is ABOUT them). */
  keywords?: string[];
  /** A one-paragraph description (meta description, og:description, JSON-LD description). */
  description?: string;
  /** ISO date (YYYY-MM-DD) where it could be read. */
  published?: string;
  sourceUrl?: string;
  /** Every key/value field read from a metadata header (wiki pages, front matter, <meta>). */
  fields: Record<string, string>;
}

/** One loaded source: a file or a URL, decoded and reduced to plain text. */
export interface Document {
  /** Stable id: `doc:` + hash of the source path or URL. */
  id: string;
  /** Absolute path or URL it was read from. */
  source: string;
  /** File name or last URL segment, for display. */
  name: string;
  format: DocumentFormat;
  text: string;
  /** sha256 of `text`: an unchanged document is skipped on re-ingest. */
  contentHash: string;
  /** sha256 of the bytes as read (files and URLs): unchanged bytes are known before decoding and parsing. */
  sourceHash?: string;
  meta: DocumentMeta;
  links: Link[];
  /** Block structure the loader saw (HTML elements, markdown headings, PDF paragraphs); segment prefers it to guessing. */
  blocks?: Block[];
  /** Paged sources (PDF): where each page starts in `text`; page n (1-based) starts at `pages[n - 1]`. */
  pages?: number[];
}

/** A structural block found by the loader, in document offsets. */
export interface Block {
  start: number;
  end: number;
  kind: PassageKind;
}

export type PassageKind = 'paragraph' | 'heading' | 'list-item' | 'comment' | 'metadata' | 'quote';

export interface Span {
  start: number;
  end: number;
}

export interface Passage {
  /** `${docId}:p${index}` */
  id: string;
  docId: string;
  index: number;
  kind: PassageKind;
  start: number;
  end: number;
  text: string;
  /** Sentence spans, in document offsets, inside [start, end). */
  sentences: Span[];
  /** For comment threads: the index of the passage this one answers, where the structure shows it. */
  repliesTo?: number;
  /** Paged sources (PDF): the 1-based page the passage starts on. */
  page?: number;
}

/** A span of text that names an entity, before resolution. */
export interface Mention {
  passageId: string;
  start: number;
  end: number;
  /** Exactly `doc.text.slice(start, end)`. */
  text: string;
  type: EntityType;
  /** Canonical name where a rule or the lexicon knows it (e.g. "sparse autoencoder" for "SAEs"). */
  canonical?: string;
  /** Which signal found it: 'lexicon', 'compromise', 'quoted-title', 'link', 'byline', 'handle', … */
  method: string;
  confidence: number;
}

/** Where a relation is stated: the passage, the character span of the supporting sentence, how it was found. */
export interface Evidence {
  passageId: string;
  start: number;
  end: number;
  /** The supporting sentence text (`doc.text.slice(start, end)`). */
  sentence: string;
  method: string;
  confidence: number;
}

/** One end of a relation: an entity (by its resolved id), the document itself, or a passage. */
export type NodeRef =
  | { kind: 'entity'; id: string }
  | { kind: 'document'; id: string }
  | { kind: 'passage'; id: string };

/** A resolved real-world thing: one node in the graph however many ways it is written. */
export interface Entity {
  /** `${type.toLowerCase()}:${normalised key}` — deterministic, so entities merge across ingests. */
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  /** Lexicon entry id when the entity is a known term of the field. */
  lexiconId?: string;
  description?: string;
}

/** A resolved mention: the span plus the entity it names. */
export interface ResolvedMention extends Mention {
  entityId: string;
}

export interface Relation {
  type: RelationType;
  from: NodeRef;
  to: NodeRef;
  evidence: Evidence[];
}

/** Everything the extract+resolve stages produce for a batch of documents, ready to write. */
export interface GraphBatch {
  documents: Document[];
  passages: Passage[];
  entities: Entity[];
  mentions: ResolvedMention[];
  relations: Relation[];
}
