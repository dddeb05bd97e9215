import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('acknowledgements', () => {
  it('thanks every person of the list, even names compromise does not know', () => {
    const r = run('Thanks to Lee Sharkey for feedback on the first section and Lee Sharkey, Jake Mendel, Kaarel Hänni and others at the LISA office for conversations around this post.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'ACKNOWLEDGES DOC -> Person:Lee Sharkey',
      'ACKNOWLEDGES DOC -> Person:Jake Mendel',
      'ACKNOWLEDGES DOC -> Person:Kaarel Hänni',
    ]));
    expect(r.relations.filter((x) => x.startsWith('ACKNOWLEDGES'))).toHaveLength(3);
  });

  it('"and others at ORG" affiliates the listed people with the organisation', () => {
    const r = run('Thanks to Jake Mendel, Kaarel Hänni and others at the LISA office for conversations.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AFFILIATED_WITH Person:Jake Mendel -> Organization:London Initiative for Safe AI',
      'AFFILIATED_WITH Person:Kaarel Hänni -> Organization:London Initiative for Safe AI',
    ]));
  });

  it('organisations thanked "for compute" are not people', () => {
    const r = run('Huge thanks to Logan Riggs, Aidan Ewart for their work, Chris Mathwin for comments on the draft, EleutherAI for compute and OpenAI for credits.');
    const thanked = r.relations.filter((x) => x.startsWith('ACKNOWLEDGES')).map((x) => x.split('-> ')[1]);
    expect(thanked.sort()).toEqual(['Person:Aidan Ewart', 'Person:Chris Mathwin', 'Person:Logan Riggs']);
    expect(r.mentions).toEqual(expect.arrayContaining(['Organization:EleutherAI', 'Organization:OpenAI']));
  });

  it('"Thanks for the pointers" thanks nobody by name', () => {
    const r = run('Thanks for the pointers. I think these proposals are unlikely to succeed.');
    expect(r.relations.filter((x) => x.startsWith('ACKNOWLEDGES'))).toEqual([]);
  });

  it('words that start a sentence in an acknowledgements list are not people', () => {
    const r = run('## Acknowledgements\n\nFinally, we thank Chris Olah for comments. As always, mistakes are ours.');
    expect(r.mentions.filter((m) => m.startsWith('Person:'))).toEqual(['Person:Chris Olah']);
  });
});
