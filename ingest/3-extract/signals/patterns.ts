// Signal: name families from the lexicon's regex patterns (models such as "GPT-4o", "Pythia-70M",
// "Llama 3.1 70B"; safety levels such as "ASL-3"). Each pattern runs once over the document text.
// Size lists are expanded: "Pythia-70M/410M" names two models, Pythia-70M and Pythia-410M.

import type { Lexicon } from '../../lexicon.ts';
import { lookupEntry } from '../../lexicon.ts';
import type { CandidateMention } from '../core/types.ts';
import { mention } from '../core/types.ts';
import type { DocIndex } from '../core/text-index.ts';
import { ADJUSTMENTS } from '../../knowledge/methods.ts';

const SIZE_AT_END = /(\d+(?:\.\d+)?[KMBT])$/i;
const MORE_SIZES = /^\/(\d+(?:\.\d+)?[KMBT])\b/i;

function fill(template: string | undefined, m: RegExpExecArray): string {
  if (!template) return m[0];
  return template
    .replace(/\$\{(\w+)\}/g, (_, g: string) => m.groups?.[g] ?? '')
    .replace(/\$0/g, m[0])
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchPatterns(index: DocIndex, lex: Lexicon): CandidateMention[] {
  const doc = index.doc;
  const text = doc.text;
  const out: CandidateMention[] = [];
  for (const p of lex.patterns) {
    p.regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.regex.exec(text))) {
      if (m[0].length === 0) { p.regex.lastIndex++; continue; }
      const start = m.index;
      const end = start + m[0].length;
      const passage = index.passageAt(start);
      if (!passage || end > passage.end) continue;
      const canonical = fill(p.canonical, m);
      const entry = lookupEntry(lex, p.type, canonical);
      out.push(mention(doc, passage, start, end, p.type, { method: 'pattern', confidence: p.confidence },
        { canonical: entry?.name ?? canonical, ...(entry ? { lexiconId: entry.id } : {}) }));
      // "Pythia-70M/410M/1.4B": the same family at other sizes
      const size = SIZE_AT_END.exec(m[0]);
      if (size) {
        let pos = end;
        let more: RegExpExecArray | null;
        while ((more = MORE_SIZES.exec(text.slice(pos, pos + 16)))) {
          const s2 = pos + 1;
          const e2 = s2 + more[1].length;
          const name = canonical.replace(SIZE_AT_END, more[1]);
          // the bare size ("410M") names the model here but is no alias of it
          out.push(mention(doc, passage, s2, e2, p.type, { method: 'pattern-list', confidence: p.confidence * ADJUSTMENTS.sizeList }, { canonical: name, surfaceNotAlias: true }));
          pos = e2;
        }
      }
    }
  }
  return out;
}
