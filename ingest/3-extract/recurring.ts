// Run-level concepts, the half that reads one document: every candidate noun phrase it uses (core/phrases.ts),
// where each use stands and a fingerprint of its sentence. Kept with the extraction, so that resolution can
// choose, over every document of the run and of the graph, the phrases several documents repeat
// (4-resolve/recurring.ts) without reading any text again. The fingerprint lets it tell a term that
// documents share from a sentence they share (a template checklist, a copied paragraph).

import type { DocIndex } from './core/text-index.ts';
import type { SentenceGram } from './core/phrases.ts';
import type { PhraseAt, PhraseUse } from './core/types.ts';

export function phraseUses(index: DocIndex, grams: SentenceGram[]): PhraseUse[] {
  const text = index.doc.text;
  const fps = new Map<number, string>();
  const byPhrase = new Map<string, PhraseAt[]>();
  for (const g of grams) {
    // an occurrence must be re-creatable from its start and the phrase (lower-casing may change a length)
    if (g.end - g.start !== g.phrase.length) continue;
    const s = index.sentences[g.sentence];
    let fp = fps.get(g.sentence);
    if (fp === undefined) fps.set(g.sentence, (fp = sentenceFingerprint(text.slice(s.start, s.end))));
    const written = text.slice(g.start, g.end);
    const at: PhraseAt = written === g.phrase ? [s.passage.index, g.start, fp] : [s.passage.index, g.start, fp, written];
    (byPhrase.get(g.phrase) ?? byPhrase.set(g.phrase, []).get(g.phrase)!).push(at);
  }
  return [...byPhrase].map(([phrase, at]) => ({ phrase, at }));
}

/** Two 32-bit multiplicative hashes over the sentence with case and spacing folded: equal sentences, equal
 * fingerprints, and few collisions among a corpus's million sentences. */
export function sentenceFingerprint(sentence: string): string {
  const s = sentence.toLowerCase().replace(/\s+/g, ' ').trim();
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x85ebca6b);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}
