// Signal: datasets and software a document uses, where the text states it (mentions come from the lexicon's
// Dataset and Software terms):
//   "we evaluate on MMLU, GSM8K and HumanEval", "accuracy on ImageNet"    → EVALUATES_ON document → Dataset
//   "implemented in PyTorch", "using vLLM", "built on JAX"                 → USES document → Software
//   "trained on The Pile", "fine-tuned on UltraChat"                       → USES document → Dataset
// A cue counts when it ends right before the first mention of a list ("on A, B and C" gives all three).

import type { CandidateRelation, Ctx } from '../core/types.ts';
import { docEnd, evidenceOf, mentionEnd } from '../core/types.ts';
import { CUES } from '../../knowledge/cues.ts';
import { alternation } from '../../knowledge/data-file.ts';
import { found, type Method } from '../../knowledge/methods.ts';
import type { RelationType } from '../../types.ts';

// the cue, then at most a determiner and two words ("on the held-out MMLU")
const cueBefore = (words: string[]) => new RegExp(`\\b${alternation(words)}\\s+(?:(?:the|a|an|our|their|its)\\s+)?(?:[\\w-]+\\s+){0,2}$`, 'i');
const EVALUATE = cueBefore(CUES.usage.evaluate);
const USE = cueBefore(CUES.usage.use);
const TRAIN_ON = cueBefore(CUES.usage.trainOn);
const LIST_GLUE = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|as well as\s+)$/i;

export function resources(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const text = ctx.doc.text;
  for (const s of ctx.index.sentences) {
    const inS = ctx.acc.inSentence(s).filter((i) => ['Dataset', 'Software'].includes(ctx.acc.list[i].type));
    if (!inS.length) continue;
    const ordered = inS.sort((a, b) => ctx.acc.list[a].start - ctx.acc.list[b].start);
    let chain: { type: RelationType; method: Method } | null = null;
    let prevEnd = -1;
    for (const i of ordered) {
      const m = ctx.acc.list[i];
      // a list continues the relation of its first item
      if (chain && prevEnd >= 0 && LIST_GLUE.test(text.slice(prevEnd, m.start))) {
        if (fits(chain.type, m.type)) out.push({ type: chain.type, from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found(chain.method)) });
        prevEnd = m.end;
        continue;
      }
      chain = null;
      const lead = text.slice(Math.max(s.start, m.start - CUES.usage.window), m.start);
      if (m.type === 'Dataset' && EVALUATE.test(lead)) chain = { type: 'EVALUATES_ON', method: 'evaluated-on' };
      else if (m.type === 'Dataset' && TRAIN_ON.test(lead)) chain = { type: 'USES', method: 'trained-on' };
      else if (m.type === 'Software' && USE.test(lead)) chain = { type: 'USES', method: 'uses-software' };
      if (chain) out.push({ type: chain.type, from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found(chain.method)) });
      prevEnd = m.end;
    }
  }
  return out;
}

const fits = (rel: RelationType, type: string): boolean => (rel === 'EVALUATES_ON' ? type === 'Dataset' : true);
