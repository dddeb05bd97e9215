// Stage 1 — load: paths and URLs in, decoded `Document`s out (or a per-source IngestError).
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { IngestError } from '../errors.ts';
import type { Document, DocumentFormat, DocumentMeta } from '../types.ts';
import { decodeUtf8, DEFAULT_MAX_BYTES } from './decode.ts';
import { htmlToText } from './html.ts';
import { looksLikeMarkdown, markdownToText } from './markdown.ts';
import { guessTitle, readTextMetadata } from './metadata.ts';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'];

export interface LoadOptions {
  maxBytes?: number;
  /** Milliseconds before a URL fetch is abandoned. */
  fetchTimeoutMs?: number;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * Expands the user's inputs into single sources: folders are walked recursively (hidden entries skipped,
 * files sorted so runs are reproducible), unsupported files in folders are ignored, a missing path is an error.
 */
export async function listSources(inputs: string[]): Promise<{ sources: string[]; errors: IngestError[] }> {
  const sources: string[] = [];
  const errors: IngestError[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && SUPPORTED_EXTENSIONS.includes(extname(e.name).toLowerCase())) sources.push(p);
    }
  };
  for (const input of inputs) {
    if (isUrl(input)) {
      sources.push(input);
      continue;
    }
    const abs = resolve(input);
    try {
      const s = await stat(abs);
      if (s.isDirectory()) await walk(abs);
      else sources.push(abs);
    } catch (cause) {
      errors.push(new IngestError('UNREADABLE', abs, 'no such file or folder', { cause }));
    }
  }
  return { sources: [...new Set(sources)], errors };
}

/** Loads one file or URL. Throws IngestError with the source (and byte position where known). */
export async function loadDocument(source: string, opts: LoadOptions = {}): Promise<Document> {
  const maxBytes = opts.maxBytes ?? (Number(process.env.ATLAS_MAX_BYTES) || DEFAULT_MAX_BYTES);
  if (isUrl(source)) return loadUrl(source, maxBytes, opts.fetchTimeoutMs ?? 15000);
  const ext = extname(source).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    throw new IngestError('UNSUPPORTED', source, `unsupported file type "${ext || '(none)'}": Atlas reads ${SUPPORTED_EXTENSIONS.join(', ')}`);
  }
  let bytes: Buffer;
  try {
    const s = await stat(source);
    if (s.size > maxBytes) throw new IngestError('TOO_LARGE', source, `file too large: ${(s.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(1)} MB limit (set ATLAS_MAX_BYTES to raise it)`);
    bytes = await readFile(source);
  } catch (cause) {
    if (cause instanceof IngestError) throw cause;
    throw new IngestError('UNREADABLE', source, `cannot read file: ${(cause as Error).message}`, { cause });
  }
  const raw = decodeUtf8(bytes, source, maxBytes);
  const format: DocumentFormat = ext === '.html' || ext === '.htm' ? 'html' : ext === '.txt' && !looksLikeMarkdown(raw) ? 'text' : 'markdown';
  return buildDocument(source, basename(source), raw, format);
}

async function loadUrl(url: string, maxBytes: number, timeoutMs: number): Promise<Document> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { 'user-agent': 'Atlas/0.1 (knowledge-graph builder)' } });
  } catch (cause) {
    const why = (cause as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `unreachable (${(cause as Error & { cause?: Error }).cause?.message ?? (cause as Error).message})`;
    throw new IngestError('FETCH_FAILED', url, `cannot fetch URL: ${why}`, { retriable: true, cause });
  }
  if (!res.ok) throw new IngestError('FETCH_FAILED', url, `cannot fetch URL: HTTP ${res.status} ${res.statusText}`, { retriable: res.status >= 500 });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const raw = decodeUtf8(bytes, url, maxBytes);
  const type = res.headers.get('content-type') ?? '';
  const format: DocumentFormat = /html/i.test(type) || /^\s*<(!doctype|html)/i.test(raw) ? 'html' : /markdown/i.test(type) || looksLikeMarkdown(raw) ? 'markdown' : 'text';
  const name = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? new URL(url).hostname);
  const doc = buildDocument(url, name, raw, format);
  doc.meta.sourceUrl ??= url;
  return doc;
}

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
    id: 'doc:' + createHash('sha256').update(source).digest('hex').slice(0, 16),
    source,
    name,
    format,
    text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    meta,
    links,
    blocks,
  };
}
