// The ingest pipeline's public face. Stages in order: 1-load (sources → Documents), 2-segment (passages and
// sentences), 3-extract (mentions and candidate relations), 4-resolve (entities, works), 5-write (Neo4j).
// prepare() is stages 2–3 for one document; ingestSources() runs all five over files, folders and URLs.
export { ingestSources, sliceForDocuments, type IngestOptions, type IngestSummary, type SourceError } from './pipeline.ts';
export { prepare, type Prepared } from './prepare.ts';
export { buildDocument, listSources, loadDocument, SUPPORTED_EXTENSIONS, type LoadOptions } from './1-load/index.ts';
export { segment } from './2-segment/index.ts';
export { extract, type CandidateMention, type CandidateRelation, type End, type Extraction } from './3-extract/index.ts';
export { resolve, type ResolveInput, type ResolveOutput } from './4-resolve/index.ts';
export { loadLexicon, type Lexicon } from './lexicon.ts';
export { IngestError, type IngestErrorCode } from './errors.ts';
export type * from './types.ts';
export { ENTITY_TYPES } from './types.ts';
