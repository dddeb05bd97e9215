import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import { loadDocument } from '../../ingest/1-load/index.ts';
import { assignWorks, containment, fingerprint } from '../../ingest/4-resolve/dedupe.ts';

const files = ['000_21b7a242badc503d.txt', '001_167c7b21bb755419.txt', '002_8cbe44fa147b9f2d.txt', '004_2ce8cbb06aa7e3b9.txt'];

describe('near-duplicate works', () => {
  it.skipIf(lacks('seeds'))(needs('seeds', 'puts the three versions of the announcement in one work, whatever the order, and the excerpt list apart'), async () => {
    const docs = await Promise.all(files.map((f) => loadDocument(join(SEEDS, f))));
    const items = docs.map((d) => ({ docId: d.id, fp: fingerprint(d.text) }));
    for (const order of [items, [...items].reverse(), [items[1], items[2], items[3], items[0]]]) {
      const { works, merges } = assignWorks([], order);
      const w = docs.map((d) => works.get(d.id)!.workId);
      expect(w[0]).toBe(w[1]);
      expect(w[1]).toBe(w[2]);
      expect(w[3]).not.toBe(w[0]);
      void merges;
    }
  });

  it('keeps the signature of its definition (stored signatures must compare across versions)', () => {
    // The definition, written plainly: word 5-shingles joined by spaces, FNV-1a, 128 seeded affine hashes.
    const reference = (text: string) => {
      const words = text.toLowerCase().replace(/[’‘]/g, "'").split(/[^\p{L}\p{N}']+/u).filter(Boolean);
      const fnv = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) >>> 0;
      const shingles = new Set(words.slice(0, Math.max(0, words.length - 4)).map((_, i) => fnv(words.slice(i, i + 5).join(' '))));
      const minhash = Array.from({ length: 128 }, (_, k) => {
        const h = createHash('sha256').update(`atlas-minhash-${k}`).digest();
        const [a, b] = [h.readUInt32LE(0) | 1, h.readUInt32LE(4)];
        return Math.min(0xffffffff, ...[...shingles].map((x) => (Math.imul(a, x) + b) >>> 0));
      });
      return { minhash, shingles: shingles.size };
    };
    const text = 'Élodie’s team at the lab trained 12 sparse autoencoders on GPT-2 small; the features they found were monosemantic, and the team’s follow-up scaled them to a frontier model with 34 million features.';
    expect(fingerprint(text)).toEqual(reference(text));
    expect(fingerprint(text + ' ' + text).shingles).toBeGreaterThan(reference(text).shingles);
    expect(fingerprint('too short')).toEqual(reference('too short'));
  });

  it('does not join unrelated texts', () => {
    const a = fingerprint('Sparse autoencoders find interpretable features in language models by learning an overcomplete dictionary of directions in the residual stream of a transformer trained on web text.');
    const b = fingerprint('Reward hacking happens when a policy exploits flaws in the reward model, scoring highly on the proxy objective while failing the intended task in ways that human raters do not notice.');
    expect(containment(a, b)).toBeLessThan(0.1);
  });

  it('merges works an incoming version bridges, reporting the merge', () => {
    const words = (prefix: string) => Array.from({ length: 80 }, (_, i) => `${prefix}${i}`).join(' ');
    const a = fingerprint(words('alpha'));
    const b = fingerprint(words('beta'));
    const bridge = fingerprint(words('alpha') + ' ' + words('beta'));
    const { works, merges } = assignWorks([{ docId: 'doc:a', workId: 'work:a', fp: a }, { docId: 'doc:b', workId: 'work:b', fp: b }], [{ docId: 'doc:c', fp: bridge }]);
    expect(works.get('doc:c')!.workId).toBe('work:a');
    expect(merges.get('work:b')).toBe('work:a');
  });
});
