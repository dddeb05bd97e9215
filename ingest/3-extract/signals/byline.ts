// Signal: who wrote the document. Metadata fields (Author, Authors, By — read by the loader into doc.meta),
// byline lines in the header ("By evhub", "Authors: A, B and C"), and a label passage followed by the name
// (wiki pages render "Author" and the name as separate lines). Each author becomes a Person mention where the
// name appears in the text (else a named end) and AUTHORED → the document.

import type { CandidateRelation, Ctx, End } from '../core/types.ts';
import { docEnd, evidenceOf, mention, mentionEnd } from '../core/types.ts';
import type { Passage } from '../../types.ts';
import { wholeWordOccurrences } from '../core/text-index.ts';
import { fold, nameKey } from '../../keys.ts';
import { found } from '../../knowledge/methods.ts';
import { PARTICLES } from '../../knowledge/cues.ts';
import { SOURCES } from '../../knowledge/sources.ts';
import { alternation } from '../../knowledge/data-file.ts';

const AUTHOR_FIELDS = new Set(SOURCES.textHeader.authorFields);
// "By evhub" is a short line of its own ("By default, LLMs are trained …" is prose); author lists may be long
const BYLINE_LINE = new RegExp(`^[ \\t]*${alternation(SOURCES.textHeader.bylineCues)}[ \\t]*:?[ \\t]+([^\\n]{1,60}?)[ \\t]*$|^[ \\t]*authors?[ \\t]*:[ \\t]*([^\\n]{1,600}?)[ \\t]*$`, 'gim');
const HEADER_CHARS = 4000;

/** Split "A, B and C" / "A; B" / "A & B" into names. */
export function splitNames(s: string): string[] {
  return s
    .replace(/\s*\((?:[^()]*)\)/g, '') // "(Anthropic)" affiliations in author lists
    .split(/\s*(?:,|;|\band\b|&|\|)\s*/)
    .map((x) => x.trim().replace(/^(?:and|by)\s+/i, '').replace(/[.*_]+$/, '').trim())
    .filter(Boolean);
}

/** A plausible personal name or handle: 1–5 words, no sentence punctuation, not a stop name. */
export function plausibleAuthor(name: string, ctx: Ctx): boolean {
  if (name.length < 2 || name.length > 60) return false;
  // middle initials are part of a name ("Samuel R. Bowman", "J. R. R. Tolkien"), other punctuation is not
  if (/[.!?:;"“”()[\]{}<>=/\\]|https?|\d{3,}/.test(name.replace(/(?<=\s|^)\p{Lu}\.(?=\s)/gu, 'X'))) return false;
  const words = name.split(/\s+/);
  if (words.length > 5) return false;
  if (words.some((w) => ctx.lexicon.vocab.personStopWords.has(w))) return false;
  if (ctx.lexicon.vocab.stopNames.has(fold(name))) return false;
  if (ctx.lexicon.vocab.genericWords.has(fold(name))) return false;
  // an organisation or model named as "author" (e.g. a lab's report) is not a person
  if ((ctx.lexicon.byKey.get(nameKey(name)) ?? []).some((e) => e.type !== 'Person')) return false;
  // several words must look like a name (capitalised); a single word may be a handle ("evhub")
  if (words.length > 1 && !words.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w))) return false;
  return true;
}

export function bylines(ctx: Ctx): CandidateRelation[] {
  const { doc, index } = ctx;
  const names: string[] = [];
  const push = (s: string | undefined) => {
    for (const n of splitNames(s ?? '')) if (plausibleAuthor(n, ctx) && !names.some((x) => fold(x) === fold(n))) names.push(n);
  };
  push(doc.meta.author);
  for (const [k, v] of Object.entries(doc.meta.fields ?? {})) if (AUTHOR_FIELDS.has(k.trim().toLowerCase())) push(v);

  const header = doc.text.slice(0, HEADER_CHARS);
  BYLINE_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BYLINE_LINE.exec(header))) push(m[1] ?? m[2]);
  // "Author" on its own line, the name in the next passage
  const headerPassages = index.passages.filter((p) => p.start < HEADER_CHARS);
  headerPassages.forEach((p: Passage, i) => {
    const next = headerPassages[i + 1];
    if (next && /^\s*(author|authors|by)\s*:?\s*$/i.test(p.text) && next.text.trim().length <= 80) push(next.text.trim());
  });

  const relations: CandidateRelation[] = [];
  for (const name of names) {
    const ends = markOccurrences(ctx, name);
    const end: End = ends[0] ?? { kind: 'named', type: 'Person', name };
    ctx.authors.push(end);
    // evidence: the first byline occurrence, else the first passage of the document
    const at = end.kind === 'mention' ? ctx.acc.list[end.index].start : index.passages[0]?.start ?? 0;
    const s = index.sentenceAt(at) ?? index.sentences[0];
    if (!s) continue;
    relations.push({
      type: 'AUTHORED', from: end, to: docEnd,
      evidence: evidenceOf(s, found('byline')),
    });
  }
  return relations;
}

/** Mark every whole-word occurrence of an author's name as a Person mention; returns their ends. */
function markOccurrences(ctx: Ctx, name: string): End[] {
  const { doc } = ctx;
  const out: End[] = [];
  let first = true;
  for (const at of wholeWordOccurrences(doc.text, name)) {
    const p = ctx.index.passageAt(at);
    if (!p) continue;
    const i = ctx.acc.add(mention(doc, p, at, at + name.length, 'Person', first ? found('byline') : found('byline-name')));
    if (i >= 0) out.push(mentionEnd(i));
    first = false;
  }
  return out;
}
