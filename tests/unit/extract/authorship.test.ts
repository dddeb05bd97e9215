import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('authorship and affiliation in running text', () => {
  it('"“Title” by A, B and C" gives AUTHORED for each name in the list, and only those', () => {
    const r = run('See "AI safety via debate" by Geoffrey Irving, Paul Christiano and Dario Amodei, which Jan Leike liked.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Geoffrey Irving -> Paper:AI safety via debate',
      'AUTHORED Person:Paul Christiano -> Paper:AI safety via debate',
      'AUTHORED Person:Dario Amodei -> Paper:AI safety via debate',
    ]));
    expect(r.relations.filter((x) => x.startsWith('AUTHORED Person:Jan Leike'))).toEqual([]);
  });

  it('"This post was written by @handle" gives AUTHORED → the document', () => {
    const r = run('This post was written by @TurnTrout during his time at Google DeepMind.');
    expect(r.relations).toContain('AUTHORED Person:TurnTrout -> DOC'); // the handle; resolve merges it with Alex Turner through the lexicon
  });

  it('"X, who leads the Y team at Z" gives LEADS', () => {
    const r = run('Chris Olah, who leads the interpretability team at Anthropic, discussed superposition.');
    expect(r.relations).toContain('LEADS Person:Chris Olah -> Organization:Anthropic Interpretability team');
  });

  it('reads a list of people before "at ORG" in text order, whichever signal found each name', () => {
    const r = run('Joint work with Nina Panickssery and Alexander Matt Turner at MATS.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AFFILIATED_WITH Person:Nina Panickssery -> Organization:ML Alignment & Theory Scholars',
      'AFFILIATED_WITH Person:Alex Turner -> Organization:ML Alignment & Theory Scholars',
    ]));
  });
});

describe('a reading list wrapped over several lines', () => {
  const list = [
    'Work built on the library:',
    '',
    '- [A circuit for Python docstrings in a 4-layer attention-only',
    '  transformer](https://www.alignmentforum.org/posts/u6KXXmKFbXfWzoAXn/a-circuit-for-python-docstrings) by Quill Ardent',
    '  and Jory Vantrell',
    '- [Eliciting Latent Predictions from Transformers with the Tuned',
    '  Lens](https://arxiv.org/abs/2303.08112) by Nora Belrose, Zach Furman, Logan Smith',
    '',
  ].join('\n');

  it('reads each item as one line: the linked title whole, and every name of its "by" list an author', () => {
    const r = run(list);
    expect(r.mentions).toEqual(expect.arrayContaining([
      'Paper:A circuit for Python docstrings in a 4-layer attention-only transformer',
      'Paper:Eliciting Latent Predictions from Transformers with the Tuned Lens',
    ]));
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Quill Ardent -> Paper:A circuit for Python docstrings in a 4-layer attention-only transformer',
      'AUTHORED Person:Jory Vantrell -> Paper:A circuit for Python docstrings in a 4-layer attention-only transformer',
      'AUTHORED Person:Nora Belrose -> Paper:Eliciting Latent Predictions from Transformers with the Tuned Lens',
      'AUTHORED Person:Logan Smith -> Paper:Eliciting Latent Predictions from Transformers with the Tuned Lens',
    ]));
  });

  it('a short anchor opening with an article is no title', () => {
    const r = run('Read [A recent paper](https://arxiv.org/abs/2303.08112) on this.');
    // the paper is named from its link target, not from the anchor
    expect(r.x.mentions.filter((m) => m.type === 'Paper').map((m) => `${m.canonical}:${m.method}`)).toEqual(['arXiv:2303.08112:link-target']);
  });
});
