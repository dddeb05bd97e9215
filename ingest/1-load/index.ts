// Stage 1 — load: paths and URLs in, decoded `Document`s out (or a per-source IngestError).
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { IngestError } from '../errors.ts';
import type { Document, DocumentFormat, DocumentMeta } from '../types.ts';
import { decodeText, DEFAULT_MAX_BYTES } from './decode.ts';
import { fetchBounded } from './fetch-url.ts';
import { htmlToText } from './html.ts';
import { looksLikeMarkdown, markdownToText } from './markdown.ts';
import { guessTitle, readTextMetadata } from './metadata.ts';
import { readPdf } from './pdf.ts';
import { readRegularFile } from './read-file.ts';
import { isUrl, SUPPORTED_EXTENSIONS } from './sources.ts';

export { listSources, SUPPORTED_EXTENSIONS, type SourceList } from './sources.ts';

export interface LoadOptions {
  maxBytes?: number;
  /** Milliseconds before a URL fetch (answer and whole body) is abandoned. */
  fetchTimeoutMs?: number;
}

const isPdfBytes = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // "%PDF-"

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
    return { ...(await fromUrl(source, bytes, contentType, charset, maxBytes)), sourceHash };
  }
  const ext = extname(source).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    throw new IngestError('UNSUPPORTED', source, `unsupported file type "${ext || '(none)'}": Atlas reads ${SUPPORTED_EXTENSIONS.join(', ')}`);
  }
  const bytes = await readRegularFile(source, maxBytes);
  const sourceHash = bytesHash(bytes);
  if (unchanged(id, sourceHash)) return null;
  if (ext === '.pdf') return { ...(await pdfDocument(source, basename(source), bytes)), sourceHash };
  const raw = decodeText(bytes, source, { maxBytes });
  const format: DocumentFormat = ext === '.html' || ext === '.htm' ? 'html' : ext === '.txt' && !looksLikeMarkdown(raw) ? 'text' : 'markdown';
  return { ...buildDocument(source, basename(source), raw, format), sourceHash };
}

const bytesHash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function fromUrl(url: string, bytes: Uint8Array, contentType: string, charset: string | undefined, maxBytes: number): Promise<Document> {
  const name = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? new URL(url).hostname);
  let doc: Document;
  if (/application\/pdf/i.test(contentType) || isPdfBytes(bytes)) doc = await pdfDocument(url, name, bytes);
  else {
    const raw = decodeText(bytes, url, { maxBytes, charset });
    const format: DocumentFormat = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(raw) ? 'html' : /markdown/i.test(contentType) || looksLikeMarkdown(raw) ? 'markdown' : 'text';
    doc = buildDocument(url, name, raw, format);
  }
  doc.meta.sourceUrl ??= url;
  return doc;
}

async function pdfDocument(source: string, name: string, bytes: Uint8Array): Promise<Document> {
  if (bytes.length === 0) throw new IngestError('EMPTY', source, 'empty file: nothing to ingest');
  const pdf = await readPdf(bytes, source);
  return { ...identity(source, pdf.text), name, format: 'pdf', text: pdf.text, meta: pdf.meta, links: [], blocks: pdf.blocks, pages: pdf.pages };
}

const documentId = (source: string) => 'doc:' + createHash('sha256').update(source).digest('hex').slice(0, 16);

const identity = (source: string, text: string) => ({
  id: documentId(source),
  source,
  contentHash: createHash('sha256').update(text).digest('hex'),
});

/** Pure: raw decoded text to a Document (exported for tests and for in-memory runs). */
export function buildDocument(source: string, name: string, raw: string, format: DocumentFormat): Document {
  let text: string;
  let meta: DocumentMeta;
  let links: Document['links'] = [];
  let blocks: Document['blocks'];
  if (format === 'html') {
    const h = htmlToText(raw);
    ({ text, links, blocks, meta } = h);
  } else if (format === 'markdown') {
    const m = markdownToText(raw);
    ({ text, links, blocks } = m);
    meta = readTextMetadata(text);
  } else {
    text = raw;
    meta = readTextMetadata(text);
  }
  if (text.trim() === '') throw new IngestError('EMPTY', source, 'no readable text in the document');
  const title = meta.title ?? guessTitle(text, meta);
  if (title) meta.title = title;
  return {
    ...identity(source, text),
    name,
    format,
    text,
    meta,
    links,
    blocks,
  };
}
