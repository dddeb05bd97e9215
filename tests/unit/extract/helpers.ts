// Test helpers for the extraction specs: run load(buildDocument) → segment → extract (→ resolve) on a string
// and describe the results as short readable strings, so each test reads as a specification.

import { buildDocument, loadLexicon, prepare, resolve, type Document, type DocumentFormat, type End, type Extraction, type Lexicon, type Passage } from '../../../ingest/index.ts';

let shared: Lexicon | undefined;
export const lexicon = (): Lexicon => (shared ??= loadLexicon());

export interface Run {
  doc: Document;
  passages: Passage[];
  x: Extraction;
  /** "Type:text" of every mention. */
  mentions: string[];
  /** "TYPE from -> to" with ends as "Type:canonical-or-text", "DOC" or "p<index>". */
  relations: string[];
}

export function run(text: string, opts: { format?: DocumentFormat; name?: string; lex?: Lexicon } = {}): Run {
  const doc = buildDocument(`/test/${opts.name ?? 'doc.md'}`, opts.name ?? 'doc.md', text, opts.format ?? 'markdown');
  const { passages, extraction: x } = prepare(doc, opts.lex ?? lexicon());
  const end = (e: End): string => {
    if (e.kind === 'document') return 'DOC';
    if (e.kind === 'passage') return e.passageId.slice(e.passageId.lastIndexOf(':') + 1);
    if (e.kind === 'named') return `${e.type}:${e.name}`;
    const m = x.mentions[e.index];
    return `${m.type}:${m.canonical ?? m.text}`;
  };
  return {
    doc, passages, x,
    mentions: x.mentions.map((m) => `${m.type}:${m.text}`),
    relations: [...new Set(x.relations.map((r) => `${r.type} ${end(r.from)} -> ${end(r.to)}`))],
  };
}

/** Run several documents through extract and resolve together. */
export function runBatch(texts: Array<{ name: string; text: string; format?: DocumentFormat }>, lex: Lexicon = lexicon()) {
  const items = texts.map((t) => prepare(buildDocument(`/test/${t.name}`, t.name, t.text, t.format ?? 'markdown'), lex));
  return { items, ...resolve(items, lex) };
}
