// Signal: acknowledgements. "Thanks to A for …, and B, C and others at the LISA office for …", "Huge thanks
// to …", "We thank …", "I’m grateful to …", and every list under an "Acknowledgements" heading. The names in
// the list after the cue become Person mentions (context is enough even for names compromise does not know)
// and ACKNOWLEDGES from the document; organisations in the list (EleutherAI "for compute") are skipped.

import type { CandidateRelation, Ctx } from '../core/types.ts';
import { docEnd, evidenceOf, mentionEnd } from '../core/types.ts';
import { personsInList } from '../core/people.ts';
import { found } from '../../knowledge/methods.ts';

const CUE = /\b(?:(?:huge|many|special|big|sincere|warm)\s+)?(?:thanks|thank\s+you|(?:we|i)\s+(?:would\s+(?:also\s+)?like\s+to\s+|also\s+|'d\s+like\s+to\s+)?thank|(?:are|am|'m|’m|is|deeply|very)\s+grateful|gratitude|indebted)\b(?:\s+(?:go(?:es)?\s+)?(?:also\s+)?(?:to|for))?\s*/gi;
const ACK_HEADING = /^\W*acknowledge?ments?\W*$/i;

export function acknowledgements(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const { doc, index } = ctx;
  let underHeading = false;
  let lastPassage = '';
  for (const s of index.sentences) {
    const p = s.passage;
    if (p.id !== lastPassage) {
      lastPassage = p.id;
      if (p.kind === 'heading') underHeading = ACK_HEADING.test(p.text.replace(/^#+\s*/, ''));
    }
    const text = doc.text.slice(s.start, s.end);
    let from = -1;
    CUE.lastIndex = 0;
    const m = CUE.exec(text);
    if (m) {
      // "Thanks for the pointers" thanks the reader, not named people: the list must follow "to" or "thank"
      if (/\bfor\s*$/i.test(m[0]) && !/thank\s*$/i.test(m[0].replace(/\s+for\s*$/i, ''))) continue;
      from = s.start + m.index + m[0].length;
    } else if (underHeading && p.kind !== 'heading' && (text.match(/,/g) ?? []).length >= 2 && text.split(/\s+/).length <= 60 && !/\b(?:is|are|was|were|wrote|did|made|helped)\b/.test(text)) {
      from = s.start; // a bare list of names under an "Acknowledgements" heading
    }
    if (from < 0) continue;
    const people = personsInList(ctx, s, from, s.end, found('acknowledgement', 'person'));
    for (const i of people) {
      out.push({ type: 'ACKNOWLEDGES', from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found('acknowledgement')) });
    }
  }
  return out;
}
