import { describe, expect, it } from 'vitest';
import { predictedFromBatch, score, type Gold, type Predicted } from '../../../eval/score.ts';
import { formatScore } from '../../../eval/format.ts';
import { runBatch } from './helpers.ts';

const gold: Gold = {
  entities: [
    { type: 'Concept', name: 'sparse autoencoder', aliases: ['SAE'], core: true },
    { type: 'Organization', name: 'Anthropic', core: true },
    { type: 'Paper', name: 'Model Organisms of Misalignment: The Case for a New Pillar of Alignment Research' },
    { type: 'Person', name: 'evhub', aliases: ['Evan Hubinger'] },
  ],
  relations: [
    { type: 'AUTHORED', from: { type: 'Person', name: 'evhub' }, to: { doc: 'a.md' } },
    { type: 'LINKS_TO', from: { doc: 'a.md' }, to: { type: 'Paper', name: 'Model Organisms of Misalignment: The Case for a New Pillar of Alignment Research' } },
    { type: 'REPLIES_TO', from: { doc: 'a.md', passage: 'It is not clear' }, to: { doc: 'a.md', passage: 'I feel strongly' } },
  ],
};

describe('score', () => {
  it('matches any alias, plurals and case, and truncated titles by word prefix', () => {
    const pred: Predicted = {
      entities: [
        { type: 'Concept', name: 'SAEs' },
        { type: 'Organization', name: 'anthropic' },
        { type: 'Paper', name: 'Model organisms of misalignment the case for a new pillar of' },
        { type: 'Person', name: 'Evan Hubinger', aliases: ['evhub'] },
      ],
      relations: [
        { type: 'AUTHORED', from: { type: 'Person', name: 'Evan Hubinger' }, to: { doc: 'a.md' } },
        { type: 'LINKS_TO', from: { doc: 'a.md' }, to: { type: 'Paper', name: 'Model organisms of misalignment the case for a new pillar of' } },
        { type: 'REPLIES_TO', from: { doc: 'a.md', passage: 'It is not clear to me.' }, to: { doc: 'a.md', passage: 'I feel strongly that X.' } },
      ],
    };
    const s = score(gold, pred);
    expect(s.entities.typed).toMatchObject({ tp: 4, fp: 0, fn: 0, f1: 1 });
    expect(s.entities.core.recall).toBe(1);
    expect(s.relations.all).toMatchObject({ tp: 3, fp: 0, fn: 0 });
  });

  it('counts duplicates and wrong types, and lists misses and false positives', () => {
    const pred: Predicted = {
      entities: [
        { type: 'Concept', name: 'sparse autoencoder' },
        { type: 'Concept', name: 'SAE' },
        { type: 'Model', name: 'Anthropic' },
        { type: 'Concept', name: 'team' },
      ],
      relations: [{ type: 'AUTHORED', from: { type: 'Person', name: 'Someone' }, to: { doc: 'a.md' } }],
    };
    const s = score(gold, pred);
    expect(s.entities.typed).toMatchObject({ tp: 1, fp: 3, fn: 3 });
    expect(s.entities.untyped.tp).toBe(2);
    expect(s.entities.duplicates.map((d) => d.predicted.name)).toEqual(['SAE']);
    expect(s.entities.typeErrors.map((d) => d.gold.name)).toEqual(['Anthropic']);
    expect(s.entities.core.missed.map((g) => g.name)).toEqual(['Anthropic']);
    expect(s.relations.all).toMatchObject({ tp: 0, fp: 1, fn: 3 });
    expect(formatScore(s)).toMatch(/core-entity recall/);
  });

  it('predictedFromBatch gives the same shape a Neo4j read-back gives', () => {
    const b = runBatch([{ name: 'a.md', text: '# T\nBy evhub\n\nWe train SAEs at Anthropic.' }]);
    const p = predictedFromBatch({ documents: b.items.map((i) => i.doc), passages: b.items.flatMap((i) => i.passages), entities: b.entities, relations: b.relations });
    expect(p.relations).toContainEqual({ type: 'AUTHORED', from: { type: 'Person', name: 'Evan Hubinger' }, to: { doc: 'a.md' } });
    expect(score(gold, p).entities.byType.Concept.tp).toBe(1);
  });
});
