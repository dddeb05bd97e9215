import { describe, expect, it } from 'vitest';
import { longFormStart } from '../../../ingest/3-extract/signals/acronyms.ts';
import { run } from './helpers.ts';

describe('acronym definitions', () => {
  it('finds the long form by the Schwartz–Hearst letter walk, plural acronyms included', () => {
    const before = 'We use a scalable and unsupervised method called Sparse Autoencoders';
    expect(before.slice(longFormStart('SAEs', before))).toBe('Sparse Autoencoders');
    const b2 = 'a circuit for Indirect Object Identification';
    expect(b2.slice(longFormStart('IOI', b2))).toBe('Indirect Object Identification');
    expect(longFormStart('XYZ', 'nothing matching here')).toBe(-1);
  });

  it('"Long Form (LF)" names one entity, and later uses of LF name it too', () => {
    const r = run('We study Indirect Object Identification (IOI) in small models. Our IOI circuit has nine heads.');
    const ioi = r.x.mentions.filter((m) => m.text === 'IOI');
    expect(ioi).toHaveLength(2);
    expect(ioi.every((m) => m.type === 'Concept' && m.canonical === 'indirect object identification')).toBe(true);
  });

  it('a defined acronym of a term the lexicon knows takes the lexicon entry', () => {
    const r = run('We train Sparse Autoencoders (SAEs) on the residual stream. SAEs find features.');
    const saes = r.x.mentions.filter((m) => /SAEs|Sparse Autoencoders/.test(m.text));
    expect(saes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(saes.map((m) => m.canonical))).toEqual(new Set(['sparse autoencoder']));
  });

  it('an organisation head word types the definition as an Organization', () => {
    const r = run('She works at the Quantum Alignment Institute (QAI). QAI is small.');
    expect(r.x.mentions.filter((m) => m.text === 'QAI').map((m) => m.type)).toEqual(['Organization', 'Organization']);
  });

  it('a parenthesis that is not an acronym of the words before is ignored', () => {
    const r = run('The model was evaluated carefully (GPU) last week.');
    expect(r.mentions.filter((m) => m.startsWith('Concept:'))).toEqual([]);
  });
});
