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
