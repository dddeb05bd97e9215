// Signal: concepts a document keeps returning to though no lexicon entry or cue names them — a lower-case
// noun phrase (core/phrases.ts) used in at least MIN_SENTENCES sentences of the document ("relative
// reachability", "online exploration"), one of them in the opening of the body (title, abstract, first
// paragraphs: where a document introduces its terms; a phrase only its later sections repeat is more often
// a turn of phrase than a term). Longer phrases claim their occurrences first, so "neural style
// transfer" is not also counted as "neural style"; a phrase keeps only the occurrences no other mention
// owns. Text inside inline code or markup is not prose. Repetition alone does not make the document ABOUT
// the phrase (topics.ts): only its title or a topic cue does, as for any concept.

import type { Ctx } from '../core/types.ts';
import { mention } from '../core/types.ts';
import { phraseGrams, type PhraseGram } from '../core/phrases.ts';
import { found } from '../../knowledge/methods.ts';

const MIN_SENTENCES = 3;
/** A term of the document is introduced early: one use within this many characters of its body's start. */
const LEAD_CHARS = 1500;

export function repeatedPhrases(ctx: Ctx): void {
  const { doc, index } = ctx;
  const text = doc.text;
  const byPhrase = new Map<string, Array<PhraseGram & { sentence: number }>>();
  index.sentences.forEach((s, si) => {
    if (s.passage.kind === 'metadata') return;
    for (const g of phraseGrams(index.tokens(s), text, ctx.lexicon)) {
      if (inCodeOrMarkup(text, s.start, g)) continue;
      const list = byPhrase.get(g.phrase) ?? byPhrase.set(g.phrase, []).get(g.phrase)!;
      list.push({ ...g, sentence: si });
    }
  });
  const distinct = (xs: Array<{ sentence: number }>) => new Set(xs.map((x) => x.sentence)).size;
  const kept = [...byPhrase].filter(([, xs]) => distinct(xs) >= MIN_SENTENCES);
  // longest first; ties by the phrase, so the result does not depend on map order
  kept.sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || a[0].localeCompare(b[0]));
  const how = found('repeated-phrase');
  const body = index.passages.find((p) => p.kind !== 'metadata' && !index.isTitle(p));
  const leadEnd = (body?.start ?? 0) + LEAD_CHARS;
  for (const [phrase, xs] of kept) {
    const free = xs.filter((x) => ctx.acc.overlapping(x.start, x.end).length === 0);
    if (distinct(free) < MIN_SENTENCES) continue;
    if (!free.some((x) => x.start < leadEnd)) continue;
    for (const x of free) {
      const s = index.sentences[x.sentence];
      ctx.acc.add(mention(doc, s.passage, x.start, x.end, 'Concept', how, { canonical: phrase }));
    }
  }
}

/** Inside `inline code` (an odd number of backticks before it in the sentence) or an HTML tag (`<span style=`). */
function inCodeOrMarkup(text: string, sentenceStart: number, g: PhraseGram): boolean {
  const before = text.slice(sentenceStart, g.start);
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return true;
  const lt = before.lastIndexOf('<');
  return lt >= 0 && before.indexOf('>', lt) < 0;
}
