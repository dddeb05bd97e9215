// Title job: quoted titles. “Sleeper Agents: Training Deceptive LLMs…”, our “Sleeper Agents” paper, Paul
// Christiano’s “What failure looks like” (the possessive names its author) — but not scare quotes
// ("wisdom deficit"), quoted sentences ("I’m less concerned about this; …") or code.

import type { Sentence } from '../../core/text-index.ts';
import { SENTENCE_STARTERS, isTitleCase } from '../../core/text-index.ts';
import { fold, straighten } from '../../../keys.ts';
import type { Ctx } from '../../core/types.ts';
import { evidenceOf, mentionEnd } from '../../core/types.ts';
import { lookupEntry } from '../../../lexicon.ts';
import { personRun } from '../../core/people.ts';
import { addTitle, paperNounAhead } from '../../core/title-span.ts';
import { titleCueRe } from '../../core/cue-patterns.ts';
import { found, type Grade } from '../../../knowledge/methods.ts';
import type { TitleFindings } from './findings.ts';

const QUOTES: Array<[RegExp, 'double' | 'single']> = [
  [/“\s*([^”\n]{2,300}?)\s*”/g, 'double'],
  [/(?<![\p{L}\p{N}])"\s*([^"\n]{2,300}?)\s*"/gu, 'double'],
  [/(?<![\p{L}\p{N}])[‘']([^‘’'\n]{3,200})[’'](?![\p{L}\p{N}])/gu, 'single'],
  [/«\s*([^»\n]{2,300}?)\s*»/g, 'double'],
];
export function quoted(ctx: Ctx, s: Sentence, selfKey: string, out: TitleFindings): void {
  const text = ctx.doc.text.slice(s.start, s.end);
  for (const [re, kind] of QUOTES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const inner = m[1].replace(/[\s,;]+$/, '');
      const innerStart = s.start + m.index + m[0].indexOf(m[1]);
      const innerEnd = innerStart + inner.length;
      const words = inner.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
      if (words.length === 0 || words.length > 30) continue;
      // code and styles ("height: auto; width: 300px") are not titles
      if (/[;{}=<>\\]|\d(?:px|em|%)\b/.test(inner) || words.filter((w) => /^[\p{L}'’:,?!-]+$/u.test(w)).length < words.length * 0.6) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      // a value assigned in code or a BibTeX field (`publisher = "…"`, `booktitle = "…"`) is not a title in prose
      if (/=\s*$/.test(before)) continue;
      const paperAfter = paperNounAhead(ctx, after);
      const colon = /^[^:]*\p{L}{2}[^:]*:\s*\p{L}\S*(?:\s+\S+)+/u.test(straighten(inner)) && !/\d:\d/.test(inner) && words.length >= 4;
      const title = isTitleCase(words);
      const sentenceLike = /[.]$/.test(inner) || SENTENCE_STARTERS.has(fold(words[0]).replace(/['’].*$/, '')) && !paperAfter
        || /^(i|i'm|i’m|it's|it’s|we're|we’re|you're|you’re|don't|don’t)$/i.test(words[0]);
      // "Paul Christiano’s “What failure looks like”": a person's possessive names the author of a quoted title
      const author = kind === 'double' && words.length >= 2 && /^\p{Lu}/u.test(words[0]) && !/[.!?]$/.test(inner)
        && (words.length >= 4 || (title && words.length >= 3) || paperAfter) ? possessivePerson(ctx, s, s.start + m.index) : -1;
      if (author >= 0) {
        const i = addTitle(ctx, s, innerStart, innerEnd, found('quoted-title', 'possessive'), selfKey);
        if (i >= 0) out.relations.push({ type: 'AUTHORED', from: mentionEnd(author), to: mentionEnd(i), evidence: evidenceOf(s, found('possessive-title')) });
        continue;
      }
      if (sentenceLike && !paperAfter) continue;
      let grade: Grade<'quoted-title'> | undefined;
      if (paperAfter && (title || colon || words.length >= 2)) grade = 'paperNoun';
      else if (colon && kind === 'double') grade = 'colon';
      else if (title && words.length >= 2 && titleCueRe(ctx.lexicon, true).test(before)) grade = 'cue';
      // a paper the field knows, quoted: whatever precedes it ("builds on “Toy Models of Superposition”")
      else if (kind === 'double' && words.length >= 2 && lookupEntry(ctx.lexicon, 'Paper', inner)) grade = 'knownPaper';
      // three or more title-cased words in double quotes are a title, not scare quotes
      else if (kind === 'double' && title && words.length >= 3 && !/[.!?]$/.test(inner)) grade = 'titleCase';
      if (!grade) continue;
      addTitle(ctx, s, innerStart, innerEnd, found('quoted-title', grade), selfKey);
    }
  }
}

/** The Person whose possessive ends right before offset `at` ("Paul Christiano’s “…”"), or -1. */
function possessivePerson(ctx: Ctx, s: Sentence, at: number): number {
  const before = ctx.doc.text.slice(Math.max(s.start, at - 60), at);
  const m = /(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3})['’]s\s*$/u.exec(before);
  if (!m) return -1;
  const start = at - before.length + m.index;
  const end = start + m[1].length;
  const known = ctx.acc.find(start, end, 'Person');
  if (known >= 0) return known;
  if (ctx.acc.overlapping(start, end).length) return -1;
  return personRun(ctx, s, start, end, found('possessive'));
}
