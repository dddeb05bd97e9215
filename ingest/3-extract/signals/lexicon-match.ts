// Signal: the domain lexicon. The token trie (core/lexicon-trie.ts) finds the longest alias at each position
// in one left-to-right pass over a sentence, so the cost is linear in the text whatever the lexicon size.

import type { Lexicon, LexiconEntry } from '../../lexicon.ts';
import { compile, matchAt, type AliasForm } from '../core/lexicon-trie.ts';
import type { CandidateMention } from '../core/types.ts';
import { mention } from '../core/types.ts';
import type { DocIndex } from '../core/text-index.ts';
import { fold } from '../../keys.ts';
import { found } from '../../knowledge/methods.ts';

const contextCache = new Map<string, RegExp>();
/** A context word as a whole word: "FAIR" must not fire on "Fairness". */
function contextRegex(w: string): RegExp {
  let re = contextCache.get(w);
  if (!re) {
    const body = (/\p{Lu}/u.test(w) ? w : fold(w)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    contextCache.set(w, (re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u')));
  }
  return re;
}

/** Every lexicon alias in the document, longest match first, as candidate mentions (not yet accepted). */
export function matchLexicon(index: DocIndex, lex: Lexicon): CandidateMention[] {
  const { first } = compile(lex);
  const doc = index.doc;
  const folded = { text: '' };
  const contextOk = new Map<LexiconEntry, boolean>();
  const allowed = (f: AliasForm): boolean => {
    if (!f.contextual) return true;
    let ok = contextOk.get(f.entry);
    if (ok === undefined) {
      if (!folded.text) folded.text = fold(doc.text);
      ok = f.entry.context.some((w) => contextRegex(w).test(/\p{Lu}/u.test(w) ? doc.text : folded.text));
      contextOk.set(f.entry, ok);
    }
    return ok;
  };
  const out: CandidateMention[] = [];
  for (const s of index.sentences) {
    const words = index.tokens(s).filter((t) => t.kind !== 'punct');
    for (let i = 0; i < words.length; ) {
      const forms = first.get(fold(words[i].text));
      let end = -1;
      let hit: AliasForm | undefined;
      if (forms) {
        for (const f of forms) {
          if (!allowed(f)) continue;
          end = matchAt(doc.text, words, i, f);
          // an ambiguous name as the first half of a compound is the ordinary word: "Meta-learning"
          if (end > 0 && f.contextual && /^-\p{Ll}/u.test(doc.text.slice(words[end - 1].end, words[end - 1].end + 2))) end = -1;
          if (end > 0) { hit = f; break; }
        }
      }
      if (hit && end > 0) {
        const e = hit.entry;
        out.push(mention(doc, s.passage, words[i].start, words[end - 1].end, e.type,
          e.type === 'Concept' ? found('lexicon', 'concept') : found('lexicon'), { canonical: e.name, lexiconId: e.id }));
        i = end;
      } else i++;
    }
  }
  return out;
}
