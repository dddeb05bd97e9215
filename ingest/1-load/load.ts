// Stage 1 — load, its first step: read a file (or fetch a URL) and hash its bytes. Parsing (HTML, markdown,
// front matter, PDF) is imported only for bytes the graph does not hold yet, so an unchanged re-ingest loads
// none of it.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { IngestError } from '../errors.ts';
import type { Document } from '../types.ts';
import { DEFAULT_MAX_BYTES } from './decode.ts';
import { fetchBounded } from './fetch-url.ts';
import { readRegularFile } from './read-file.ts';
import { isUrl, SUPPORTED_EXTENSIONS } from './sources.ts';

const parsers = () => import('./document.ts');

export interface LoadOptions {
  maxBytes?: number;
  /** Milliseconds before a URL fetch (answer and whole body) is abandoned. */
  fetchTimeoutMs?: number;
}

/** Loads one file or URL. Throws IngestError with the source (and byte position where known). */
export async function loadDocument(source: string, opts: LoadOptions = {}): Promise<Document> {
  return (await loadIfChanged(source, opts, () => false))!;
}

/**
 * Loads one file or URL unless `unchanged(id, sourceHash)` says the graph already holds these very bytes:
 * then answers null without decoding or parsing, so an unchanged re-ingest costs a read and a hash per file.
 */
export async function loadIfChanged(source: string, opts: LoadOptions, unchanged: (id: string, sourceHash: string) => boolean): Promise<Document | null> {
  const maxBytes = opts.maxBytes ?? (Number(process.env.ATLAS_MAX_BYTES) || DEFAULT_MAX_BYTES);
  const id = documentId(source);
  if (isUrl(source)) {
    const { bytes, contentType, charset } = await fetchBounded(source, maxBytes, opts.fetchTimeoutMs ?? 15000);
    const sourceHash = bytesHash(bytes);
    if (unchanged(id, sourceHash)) return null;
    return { ...(await (await parsers()).fromUrl(source, bytes, contentType, charset, maxBytes)), sourceHash };
  }
  const ext = extname(source).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    throw new IngestError('UNSUPPORTED', source, `unsupported file type "${ext || '(none)'}": Atlas reads ${SUPPORTED_EXTENSIONS.join(', ')}`);
  }
  const bytes = await readRegularFile(source, maxBytes);
  const sourceHash = bytesHash(bytes);
  if (unchanged(id, sourceHash)) return null;
  return { ...(await (await parsers()).fromFile(source, ext, bytes, maxBytes)), sourceHash };
}

const bytesHash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Stable id: `doc:` + hash of the source path or URL. */
export const documentId = (source: string) => 'doc:' + createHash('sha256').update(source).digest('hex').slice(0, 16);
