// Run-level concepts: noun phrases that several documents of one run repeat, though no lexicon entry or
// cue names them ("residual stream", "reward model"). Pure functions the pipeline calls over a batch:
//   1. phraseCandidates(doc, passages)      per document: lower-case word runs cut into 2–4-word n-grams
//   2. recurringPhrases(candidates, opts)   over the run: document frequency and C-value (Frantzi et al.
//                                           2000: a phrase nested in longer ones counts only its own uses)
//   3. addRecurringConcepts(...)            per document: the chosen phrases as Concept mentions where no
//                                           other mention owns the span (appended: existing indexes hold)
// Generic and descriptive words of the lexicon and compromise's function-word tags hold precision.

import type { Document, Passage } from '../types.ts';
import type { Lexicon } from '../lexicon.ts';
import { buildIndex } from './core/text-index.ts';
import { phraseGrams } from './core/phrases.ts';
import type { CandidateMention, Extraction } from './core/types.ts';
import { found } from '../knowledge/methods.ts';

/** The 2–4-word lower-case phrases of one document (each counted once per document). */
export function phraseCandidates(doc: Document, passages: Passage[], lexicon: Lexicon): Set<string> {
  const index = buildIndex(doc, passages);
  const out = new Set<string>();
  for (const s of index.sentences) for (const g of phraseGrams(index.tokens(s), doc.text, lexicon)) out.add(g.phrase);
  return out;
}

export interface RecurringPhrase { phrase: string; docs: number; cvalue: number }

/** Phrases used by at least `minDocs` documents, best C-value first (document frequency as the count). */
export function recurringPhrases(perDoc: Iterable<Set<string>>, opts: { minDocs?: number; minCValue?: number; max?: number } = {}): RecurringPhrase[] {
  const minDocs = opts.minDocs ?? 3;
  const df = new Map<string, number>();
  for (const set of perDoc) for (const p of set) df.set(p, (df.get(p) ?? 0) + 1);
  const kept = [...df].filter(([, n]) => n >= minDocs);
  // longer phrases that contain each phrase, for the nesting correction
  const nestedIn = new Map<string, number[]>();
  for (const [p, n] of kept) {
    const words = p.split(' ');
    for (let len = 1; len < words.length; len++) {
      for (let i = 0; i + len <= words.length; i++) {
        const sub = words.slice(i, i + len).join(' ');
        if (df.has(sub)) (nestedIn.get(sub) ?? nestedIn.set(sub, []).get(sub)!).push(n);
      }
    }
  }
  const out: RecurringPhrase[] = kept.map(([phrase, n]) => {
    const len = phrase.split(' ').length;
    const longer = nestedIn.get(phrase);
    const own = longer?.length ? n - longer.reduce((a, b) => a + b, 0) / longer.length : n;
    return { phrase, docs: n, cvalue: Math.log2(len) * own };
  }).filter((r) => r.cvalue >= (opts.minCValue ?? 1));
  out.sort((a, b) => b.cvalue - a.cvalue || a.phrase.localeCompare(b.phrase));
  return opts.max ? out.slice(0, opts.max) : out;
}

/** The phrases' occurrences in one document as Concept mentions where no mention of the extraction overlaps. */
export function addRecurringConcepts(doc: Document, passages: Passage[], x: Extraction, phrases: RecurringPhrase[]): Extraction {
  if (!phrases.length) return x;
  const index = buildIndex(doc, passages);
  const lower = doc.text.toLowerCase();
  if (lower.length !== doc.text.length) return x;
  const taken = x.mentions.map((m) => [m.start, m.end] as const).sort((a, b) => a[0] - b[0]);
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => a < e && s < b);
  const added: CandidateMention[] = [];
  // longest phrases first, so "sparse reward model" wins over "reward model" at the same place
  for (const { phrase } of [...phrases].sort((a, b) => b.phrase.length - a.phrase.length)) {
    for (let i = lower.indexOf(phrase); i >= 0; i = lower.indexOf(phrase, i + 1)) {
      const end = i + phrase.length;
      if (/[\p{L}\p{N}]/u.test(lower[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(lower[end] ?? '') || overlaps(i, end)) continue;
      const p = index.passageAt(i);
      if (!p || end > p.end) continue;
      const how = found('recurring-phrase');
      added.push({ passageId: p.id, start: i, end, text: doc.text.slice(i, end), type: 'Concept', canonical: phrase, method: how.method, confidence: how.confidence });
      taken.push([i, end]);
    }
  }
  return { mentions: [...x.mentions, ...added], relations: x.relations };
}
