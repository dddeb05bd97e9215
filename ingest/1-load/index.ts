// Stage 1 — load: paths and URLs in, decoded `Document`s out (or a per-source IngestError).
//   load.ts      read (bounded, regular files only) or fetch, hash the bytes, skip what the graph holds
//   document.ts  bytes to a Document: decode, HTML / markdown / text / PDF, metadata
export { listSources, SUPPORTED_EXTENSIONS, type SourceList } from './sources.ts';
export { documentId, loadDocument, loadIfChanged, type LoadOptions } from './load.ts';
export { buildDocument } from './document.ts';
