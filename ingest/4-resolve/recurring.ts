// Run-level concepts: noun phrases that several documents repeat though no lexicon entry or cue names them
// ("jailbreak attacks", "red teaming"), chosen over the phrase uses every extraction keeps
// (3-extract/recurring.ts) and added as Concept mentions wherever no other mention stands. A phrase is chosen
// when
//   - MIN_DOCS documents use it and MIN_RETURNING of them in two sentences or more: a document coming back to
//     a phrase marks a term, a single use across many abstracts ("extensive experiments") a turn of phrase;
//   - counted outside shared sentences: a sentence that two documents both hold (a template checklist, a
//     copied abstract, another version of the same post) says nothing about the field's vocabulary, so it
//     neither counts nor gets mentions;
//   - a phrase used mostly inside a longer chosen one ("language processing" in "natural language
//     processing") is a fragment of it (C-value's nesting correction, Frantzi et al. 2000).
// Pure and order-free: the same documents choose the same phrases whichever run saw them first, so two halves
// ingested apart give the graph of one run over the whole (settle resolves every document of the graph).
import { passageId } from '../2-segment/index.ts';
import type { CandidateMention, Extraction, PhraseUse } from '../3-extract/core/types.ts';
import { found } from '../knowledge/methods.ts';

export const MIN_DOCS = 3;
export const MIN_RETURNING = 2;

export interface RecurringPhrase {
  phrase: string;
  /** Documents that use it outside shared sentences; of them, those that use it in two sentences or more. */
  docs: number;
  returning: number;
}

interface Item {
  doc: { id: string };
  extraction: Extraction;
}

/** The chosen phrases, most used first; `shared`: the fingerprints of the sentences documents share. */
export function chooseRecurring(items: Item[], shared: Set<string> = sharedSentences(items)): RecurringPhrase[] {
  const docs = new Map<string, number>();
  const returning = new Map<string, number>();
  for (const it of items) {
    for (const u of it.extraction.phrases ?? []) {
      const own = new Set(u.at.filter((a) => !shared.has(a[2])).map((a) => a[2])).size;
      if (own === 0) continue;
      docs.set(u.phrase, (docs.get(u.phrase) ?? 0) + 1);
      if (own >= 2) returning.set(u.phrase, (returning.get(u.phrase) ?? 0) + 1);
    }
  }
  const kept = [...docs].filter(([p, n]) => n >= MIN_DOCS && (returning.get(p) ?? 0) >= MIN_RETURNING);
  const count = new Map(kept);
  // the document counts of the longer candidates each candidate stands inside
  const inside = new Map<string, number[]>();
  for (const [p, n] of kept) {
    const w = p.split(' ');
    for (let len = 2; len < w.length; len++) {
      for (let i = 0; i + len <= w.length; i++) {
        const sub = w.slice(i, i + len).join(' ');
        if (count.has(sub)) (inside.get(sub) ?? inside.set(sub, []).get(sub)!).push(n);
      }
    }
  }
  const out: RecurringPhrase[] = [];
  for (const [phrase, n] of kept) {
    const longer = inside.get(phrase);
    const own = longer ? n - longer.reduce((a, b) => a + b, 0) / longer.length : n;
    if (own >= MIN_DOCS && own >= n / 2) out.push({ phrase, docs: n, returning: returning.get(phrase)! });
  }
  return out.sort((a, b) => b.docs - a.docs || (a.phrase < b.phrase ? -1 : 1));
}

/** The items with the chosen phrases' occurrences appended as Concept mentions (earlier mentions keep their indexes). */
export function withRecurringPhrases<T extends Item>(items: T[]): T[] {
  const shared = sharedSentences(items);
  const chosen = new Set(chooseRecurring(items, shared).map((r) => r.phrase));
  if (chosen.size === 0) return items;
  const how = found('recurring-phrase');
  return items.map((it) => {
    const x = it.extraction;
    // longer phrases first, so "sparse reward model" wins over "reward model" at the same place
    const uses = (x.phrases ?? []).filter((u) => chosen.has(u.phrase)).sort(byLength);
    if (uses.length === 0) return it;
    const taken: Array<[number, number]> = x.mentions.map((m) => [m.start, m.end]);
    const added: CandidateMention[] = [];
    for (const u of uses) {
      for (const [passage, start, fp, written] of u.at) {
        const end = start + u.phrase.length;
        if (shared.has(fp) || taken.some(([a, b]) => a < end && start < b)) continue;
        taken.push([start, end]);
        added.push({ passageId: passageId(it.doc.id, passage), start, end, text: written ?? u.phrase, type: 'Concept', canonical: u.phrase, method: how.method, confidence: how.confidence });
      }
    }
    return added.length ? { ...it, extraction: { ...x, mentions: [...x.mentions, ...added] } } : it;
  });
}

/** Fingerprints of the sentences that two documents or more hold. */
function sharedSentences(items: Item[]): Set<string> {
  const seen = new Map<string, number>();
  for (const it of items) {
    const own = new Set<string>();
    for (const u of it.extraction.phrases ?? []) for (const a of u.at) own.add(a[2]);
    for (const fp of own) seen.set(fp, (seen.get(fp) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= 2).map(([fp]) => fp));
}

const byLength = (a: PhraseUse, b: PhraseUse): number => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0);
