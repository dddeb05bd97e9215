import { describe, expect, it } from 'vitest';
import { buildDocument, prepare, resolve } from '../../../ingest/index.ts';
import { chooseRecurring, withRecurringPhrases } from '../../../ingest/4-resolve/recurring.ts';
import { lexicon } from './helpers.ts';

const prepared = (texts: string[]) =>
  texts.map((t, i) => prepare(buildDocument(`/t/${i}.md`, `${i}.md`, t, 'markdown'), lexicon()));

// Made-up prose: "gradient starvation" comes back in two of the four documents that use it.
const corpus = [
  'We study gradient starvation in deep networks. Later sections show that gradient starvation slows training.',
  'Our analysis of gradient starvation uses small networks. A fix for gradient starvation is proposed at the end.',
  'We found gradient starvation again in a toy task.',
  'An unrelated note about cooking pasta. Gradient starvation is mentioned here once.',
  'Another unrelated note, about growing tomatoes in a cold summer.',
];

describe('run-level recurring noun phrases', () => {
  it('keeps every candidate phrase of a document with its place and its sentence', () => {
    const [x] = prepared(['We study gradient starvation in deep networks. Gradient starvation slows training.']).map((p) => p.extraction);
    const use = x.phrases!.find((u) => u.phrase === 'gradient starvation')!;
    expect(use.at.map((a) => a[1])).toEqual([9, 47]);
    // the sentence-initial capital is kept as written; two different sentences, two fingerprints
    expect(use.at[1][3]).toBe('Gradient starvation');
    expect(use.at[0][2]).not.toBe(use.at[1][2]);
  });

  it('chooses a phrase several documents use and some come back to', () => {
    const items = prepared(corpus).map((p) => ({ doc: p.doc, extraction: p.extraction }));
    const chosen = chooseRecurring(items);
    expect(chosen.map((c) => `${c.phrase} ${c.docs}/${c.returning}`)).toEqual(['gradient starvation 4/2']);
    // with only one document coming back to it, it is a turn of phrase
    expect(chooseRecurring([items[0], items[2], items[3]])).toEqual([]);
  });

  it('does not count sentences that documents share (templates, copies)', () => {
    const template = 'Check that the gradient starvation checklist is complete. Then describe the gradient starvation checklist item.';
    const items = prepared([`${template} One.`, `${template} Two.`, `${template} Three.`]).map((p) => ({ doc: p.doc, extraction: p.extraction }));
    expect(chooseRecurring(items)).toEqual([]);
  });

  it('adds the chosen phrase as Concept mentions where nothing else stands, keeping earlier mentions', () => {
    const items = prepared(corpus).map((p) => ({ doc: p.doc, extraction: p.extraction }));
    const out = withRecurringPhrases(items);
    const x = items[3].extraction;
    const y = out[3].extraction;
    expect(y.mentions.slice(0, x.mentions.length)).toEqual(x.mentions);
    expect(y.mentions.slice(x.mentions.length).map((m) => `${m.type}:${m.text}:${m.method}:${m.passageId}`)).toEqual([
      `Concept:Gradient starvation:recurring-phrase:${items[3].doc.id}:p0`,
    ]);
    // the document that never uses it gains nothing
    expect(out[4]).toBe(items[4]);
  });

  it('resolves the same whichever order the documents come in', () => {
    const items = prepared(corpus).map((p) => ({ doc: p.doc, extraction: p.extraction }));
    const names = (xs: typeof items) => resolve(xs, lexicon()).entities.filter((e) => e.type === 'Concept').map((e) => e.name).sort();
    expect(names(items)).toContain('gradient starvation');
    expect(names([...items].reverse())).toEqual(names(items));
  });
});
