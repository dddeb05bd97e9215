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
import type { SentenceGram } from '../core/phrases.ts';
import { found } from '../../knowledge/methods.ts';

const MIN_SENTENCES = 3;
/** A term of the document is introduced early: one use within this many characters of its body's start. */
const LEAD_CHARS = 1500;

/** `grams`: the document's candidate phrases (core/phrases.ts documentGrams), shared with its phrase uses. */
export function repeatedPhrases(ctx: Ctx, grams: SentenceGram[]): void {
  const { doc, index } = ctx;
  const byPhrase = new Map<string, SentenceGram[]>();
  for (const g of grams) (byPhrase.get(g.phrase) ?? byPhrase.set(g.phrase, []).get(g.phrase)!).push(g);
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
