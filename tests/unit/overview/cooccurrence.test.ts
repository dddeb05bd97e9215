import { describe, expect, it } from 'vitest';
import { cooccurringPairs, npmi, pairCounts, pairEnds, pairKey, pairKeysIn, pairSpan, type PassageMentions } from '../../../ingest/5-write/cooccurrence/pairs.ts';

// "Anthropic trains Claude. Sparse autoencoders find features. Claude uses them." as one passage at offset 100.
const passage: PassageMentions = {
  id: 'doc:a:p0',
  start: 100,
  end: 180,
  sentenceStarts: [100, 125, 160],
  sentenceEnds: [124, 159, 180],
  mentions: [
    { entityId: 'Organization:anthropic', start: 100, end: 109, confidence: 0.9 },
    { entityId: 'Model:claude', start: 117, end: 123, confidence: 0.8 },
    { entityId: 'Concept:sparse autoencoder', start: 125, end: 145, confidence: 0.7 },
    { entityId: 'Model:claude', start: 160, end: 166, confidence: 0.95 },
  ],
};

describe('co-occurrence pairs', () => {
  it('keys a pair the same way whichever end comes first', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
    expect(pairEnds(pairKey('Model:x', 'Concept:y'))).toEqual(['Concept:y', 'Model:x']);
  });

  it('finds every pair of distinct entities in a passage, once per passage', () => {
    const pairs = cooccurringPairs([passage]);
    expect([...pairs.keys()].map(pairEnds)).toEqual([
      ['Concept:sparse autoencoder', 'Model:claude'],
      ['Concept:sparse autoencoder', 'Organization:anthropic'],
      ['Model:claude', 'Organization:anthropic'],
    ]);
    for (const ev of pairs.values()) expect(ev).toHaveLength(1);
  });

  it('takes the closest mentions and widens them to whole sentences', () => {
    const [a, b] = [passage.mentions.filter((m) => m.entityId === 'Organization:anthropic'), passage.mentions.filter((m) => m.entityId === 'Model:claude')];
    expect(pairSpan(passage, a, b)).toEqual({ passageId: 'doc:a:p0', start: 100, end: 124, confidence: 0.8 });
    const sae = passage.mentions.filter((m) => m.entityId === 'Concept:sparse autoencoder');
    // Claude at 117 is 2 characters from the concept, the one at 160 is 15: the first wins, two sentences.
    expect(pairSpan(passage, sae, b)).toEqual({ passageId: 'doc:a:p0', start: 100, end: 159, confidence: 0.7 });
  });

  it('takes the earliest sentence holding both, whatever order the mentions come in', () => {
    // Anthropic and Claude together in sentence 0 and again in sentence 2; sentence 2's mentions are closer.
    const twice: PassageMentions = {
      ...passage,
      mentions: [...passage.mentions, { entityId: 'Organization:anthropic', start: 167, end: 176, confidence: 0.6 }],
    };
    const of = (id: string, ms: PassageMentions['mentions']) => ms.filter((m) => m.entityId === id);
    const spans = [twice.mentions, [...twice.mentions].reverse()].map((ms) => pairSpan(twice, of('Organization:anthropic', ms), of('Model:claude', ms)));
    expect(spans).toEqual([
      { passageId: 'doc:a:p0', start: 100, end: 124, confidence: 0.8 },
      { passageId: 'doc:a:p0', start: 100, end: 124, confidence: 0.8 },
    ]);
    // No sentence holds both and two pairs are equally close: the earlier one, in either order.
    const tie: PassageMentions = {
      ...passage,
      mentions: [
        { entityId: 'x', start: 119, end: 124, confidence: 0.5 },
        { entityId: 'y', start: 125, end: 130, confidence: 0.5 },
        { entityId: 'y', start: 154, end: 159, confidence: 0.5 },
        { entityId: 'x', start: 160, end: 165, confidence: 0.5 },
      ],
    };
    const tied = [tie.mentions, [...tie.mentions].reverse()].map((ms) => pairSpan(tie, of('x', ms), of('y', ms)));
    expect(tied).toEqual([
      { passageId: 'doc:a:p0', start: 100, end: 159, confidence: 0.5 },
      { passageId: 'doc:a:p0', start: 100, end: 159, confidence: 0.5 },
    ]);
  });

  it('falls back to the passage bounds when sentences are unknown', () => {
    const bare = { ...passage, sentenceStarts: [], sentenceEnds: [] };
    expect(pairSpan(bare, [passage.mentions[0]], [passage.mentions[2]])).toEqual({ passageId: 'doc:a:p0', start: 100, end: 180, confidence: 0.7 });
  });

  it('counts shared passages like the evidence it would collect', () => {
    const other = { ...passage, id: 'doc:b:p0', mentions: passage.mentions.slice(1) };
    const counts = pairCounts([passage, other]);
    expect(Object.fromEntries([...counts].map(([k, n]) => [pairEnds(k).join(' + '), n]))).toEqual({
      'Concept:sparse autoencoder + Model:claude': 2,
      'Concept:sparse autoencoder + Organization:anthropic': 1,
      'Model:claude + Organization:anthropic': 1,
    });
    expect([...cooccurringPairs([passage, other])].map(([k, ev]) => [k, ev.length])).toEqual([...counts]);
  });

  it('restricts to the given pairs and lists the pairs of new passages', () => {
    const only = pairKeysIn([{ entityIds: ['Model:claude', 'Organization:anthropic', 'Model:claude'] }]);
    expect([...only]).toEqual([pairKey('Model:claude', 'Organization:anthropic')]);
    expect([...cooccurringPairs([passage], only).keys()]).toEqual([...only]);
  });
});

describe('NPMI', () => {
  it('is 1 for entities that only appear together, 0 for independent ones, negative when they avoid each other', () => {
    expect(npmi(5, 5, 5, 100)).toBeCloseTo(1, 12);
    expect(npmi(10, 20, 50, 100)).toBeCloseTo(0, 12);
    expect(npmi(1, 50, 50, 100)).toBeCloseTo(Math.log(0.04) / -Math.log(0.01), 12);
    expect(npmi(1, 50, 50, 100)).toBeLessThan(0);
    expect(npmi(0, 3, 3, 100)).toBe(-1);
  });
});
