import type { DocumentMeta } from '../types.ts';
import { readFrontMatter } from './front-matter.ts';
import { SOURCES } from '../knowledge/sources.ts';

// Field names that metadata headers use (wiki exports, arXiv listings, blog front matter), from the source
// profiles (lexicon/sources.json). They are generic labels, not content: a line "Author" followed by
// "evhub", or "Published: 2024-01-12".
export const FIELD_SET = new Set(SOURCES.textHeader.fields);
// Standalone labels whose value runs for more than one line (until the next label or a blank gap).
const MULTILINE = new Set(SOURCES.textHeader.multiline);

export const canonicalKey = (k: string) => k.trim().toLowerCase().replace(/\s+/g, ' ');
const titleCase = (k: string) => k.replace(/\b\w/g, (c) => c.toUpperCase());

/**
 * Reads key/value metadata from plain or markdown text: YAML or TOML front matter (front-matter.ts), "Key: value" lines, and the
 * wiki layout where a label stands alone on a line and its value follows. Only known field names count,
 * so prose that happens to contain a colon is never taken for metadata.
 */
export function readTextMetadata(text: string): DocumentMeta {
  const fields: Record<string, string> = {};
  const lines = text.split('\n');
  const set = (k: string, v: string) => {
    const key = titleCase(canonicalKey(k));
    const value = v.trim();
    if (value && !(key in fields)) fields[key] = value;
  };

  const fm = readFrontMatter(text);
  if (fm) for (const [k, v] of Object.entries(fm.fields)) set(k, v);
  // lines of the front matter block are read by the parser above, not as "Key: value" lines
  const firstLine = fm ? text.slice(0, fm.end).split('\n').length - 1 : 0;

  for (let j = firstLine; j < lines.length; j++) {
    const line = lines[j].trim();
    const inline = /^([A-Za-z][A-Za-z ]{1,30}):\s+(.+)$/.exec(line);
    if (inline && FIELD_SET.has(canonicalKey(inline[1]))) {
      set(inline[1], inline[2]);
      continue;
    }
    const by = /^By\s+(@?[\w.\- ]{2,60})$/.exec(line);
    if (by) {
      set('Author', by[1]);
      continue;
    }
    if (FIELD_SET.has(canonicalKey(line)) && line.length < 40) {
      // Standalone label: the value is the next non-empty line(s).
      const values: string[] = [];
      let k = j + 1;
      while (k < lines.length && lines[k].trim() === '') k++;
      while (k < lines.length) {
        const v = lines[k].trim();
        if (v === '') {
          // A blank line ends the value unless a bulleted list goes on after it.
          let n = k + 1;
          while (n < lines.length && lines[n].trim() === '') n++;
          if (!MULTILINE.has(canonicalKey(line)) || (values.length > 0 && !isBullet(lines[n] ?? ''))) break;
          k = n;
          continue;
        }
        if (FIELD_SET.has(canonicalKey(v))) break;
        values.push(v);
        if (!MULTILINE.has(canonicalKey(line))) break;
        k++;
      }
      if (values.length) set(line, values.join('\n'));
    }
  }

  const meta: DocumentMeta = { fields };
  if (fm?.authors.length) meta.authors = fm.authors;
  if (fm?.keywords.length) meta.keywords = fm.keywords;
  const author = fm?.authors.length ? fm.authors.map((a) => a.name).join(', ') : fields['Author'] ?? fields['Authors'] ?? fields['By'];
  if (author) meta.author = author;
  const published = normaliseDate(fm?.date ?? fields['Published'] ?? fields['Date']);
  if (published) meta.published = published;
  const url = fields['Url'] ?? fields['Source'] ?? fields['Link'] ?? urlFromArxiv(fields['Arxiv']);
  if (url && /^https?:\/\//.test(url)) meta.sourceUrl = url.split(/\s+/)[0];
  const title = fm?.title ?? fields['Title'];
  if (title) meta.title = title;
  return meta;
}

function isBullet(line: string): boolean {
  return /^\s*([-*•·‣▪]|\d+[.)])\s+/.test(line);
}

function urlFromArxiv(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /https?:\/\/\S+/.exec(v);
  return m ? m[0] : undefined;
}

/** ISO date from the common forms ("2024-01-12", "Jan 12, 2024", "12 January 2024"); undefined otherwise. */
export function normaliseDate(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const t = Date.parse(v.replace(/\(.*?\)/g, '').trim());
  if (!Number.isNaN(t)) return new Date(t).toISOString().slice(0, 10);
  return undefined;
}

/**
 * The document's title: an explicit Title field, else the first markdown heading, else a short first line
 * that reads like a title (arXiv listings put the title on line 1, followed by an Authors: line).
 */
export function guessTitle(text: string, meta: DocumentMeta): string | undefined {
  if (meta.title) return meta.title;
  const heading = /^#{1,2}\s+(.+)$/m.exec(text);
  if (heading) return heading[1].trim();
  const lines = text.split('\n');
  const first = lines[0]?.trim() ?? '';
  const second = lines[1]?.trim() ?? '';
  // A question or exclamation is a title too ("Do Sparse Autoencoders Capture …?"); a full stop is a sentence.
  if (first && first.length <= 200 && !/[.…]$/.test(first) && /^(Authors?|By)\b/i.test(second)) return first;
  return undefined;
}
