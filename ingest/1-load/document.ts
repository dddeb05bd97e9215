// Stage 1 — load, its second step: bytes to a `Document` — decoded, HTML or markdown to text, metadata, PDF.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { IngestError } from '../errors.ts';
import type { Document, DocumentFormat, DocumentMeta } from '../types.ts';
import { decodeText } from './decode.ts';
import { htmlToText } from './html.ts';
import { documentId } from './load.ts';
import { looksLikeMarkdown, markdownToText } from './markdown.ts';
import { guessTitle, readTextMetadata } from './metadata.ts';
import { readPdf } from './pdf.ts';
import { SOURCES } from '../knowledge/sources.ts';

const GENERIC_TITLES = new Set(SOURCES.titles.generic);

const isPdfBytes = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // "%PDF-"

/** A file's bytes, by its extension (already checked to be supported). */
export async function fromFile(source: string, ext: string, bytes: Uint8Array, maxBytes: number): Promise<Document> {
  if (ext === '.pdf') return pdfDocument(source, basename(source), bytes);
  const raw = decodeText(bytes, source, { maxBytes });
  const format: DocumentFormat = ext === '.html' || ext === '.htm' ? 'html' : ext === '.txt' && !looksLikeMarkdown(raw) ? 'text' : 'markdown';
  return buildDocument(source, basename(source), raw, format);
}

export async function fromUrl(url: string, bytes: Uint8Array, contentType: string, charset: string | undefined, maxBytes: number): Promise<Document> {
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
  // a page heading such as "Gallery" or "Installation" titles no work: the file name stands for the document
  if (title && !GENERIC_TITLES.has(title.trim().toLowerCase().replace(/[.:!]+$/, ''))) meta.title = title;
  else delete meta.title;
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
