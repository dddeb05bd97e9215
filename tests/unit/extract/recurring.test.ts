import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../ingest/1-load/index.ts';
import { segment } from '../../../ingest/2-segment/index.ts';
import { extract } from '../../../ingest/3-extract/index.ts';
import { addRecurringConcepts, phraseCandidates, recurringPhrases } from '../../../ingest/3-extract/recurring.ts';
import { lexicon } from './helpers.ts';

const docs = [
  'We study gradient starvation in deep networks. Gradient starvation slows training.',
  'Our analysis of gradient starvation uses small networks and a toy task.',
  'We found gradient starvation again, and also a toy task that shows it.',
  'An unrelated note about cooking pasta.',
].map((t, i) => buildDocument(`/t/${i}.md`, `${i}.md`, t, 'markdown'));

describe('run-level recurring noun phrases', () => {
  it('keeps phrases that several documents use, ranked by C-value', () => {
    const lex = lexicon();
    const cands = docs.map((d) => phraseCandidates(d, segment(d), lex));
    expect([...cands[3]].sort()).toEqual(['cooking pasta', 'unrelated note']);
    const r = recurringPhrases(cands, { minDocs: 2 });
    expect(r).toEqual([{ phrase: 'gradient starvation', docs: 3, cvalue: 3 }, { phrase: 'toy task', docs: 2, cvalue: 2 }]);
  });

  it('adds the phrases as Concept mentions where nothing else is, keeping earlier mentions', () => {
    const d = docs[1];
    const passages = segment(d);
    const x = extract(d, passages, lexicon());
    const y = addRecurringConcepts(d, passages, x, [{ phrase: 'gradient starvation', docs: 3, cvalue: 3 }]);
    expect(y.mentions.slice(0, x.mentions.length)).toEqual(x.mentions);
    expect(y.mentions.slice(x.mentions.length).map((m) => `${m.type}:${m.text}:${m.method}`)).toEqual(['Concept:gradient starvation:recurring-phrase']);
  });
});
