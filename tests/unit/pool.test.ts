// Extraction in worker threads: the same output as in this thread whatever the number of workers, and a
// document over its time budget fails alone, with TIME_BUDGET, while the others in its batch go through.
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument, loadLexicon } from '../../ingest/index.ts';
import { inThread, workerPool, type Preparer } from '../../ingest/workers/pool.ts';

const doc = (name: string, text: string) => buildDocument(`/test/${name}`, name, text, 'markdown');
const DOCS = [
  doc('a.md', 'Chris Olah leads the Interpretability team at Anthropic. We study sparse autoencoders (SAEs) in Pythia-70M.'),
  doc('b.md', 'Thanks to Jane Doe and John Smith for feedback on "Toy Models of Superposition".'),
  doc('c.md', 'Reward hacking in large language models (LLMs) is studied by the Alignment team at Google DeepMind.'),
];

const pools: Preparer[] = [];
afterAll(async () => Promise.all(pools.map((p) => p.close())));

describe('the extraction pool', () => {
  it('gives the in-thread result, in input order, with one worker and with two', async () => {
    const expected = await inThread(loadLexicon()).prepareAll(DOCS);
    for (const workers of [1, 2]) {
      const pool = await workerPool({ workers, timeBudgetMs: 60_000 });
      pools.push(pool);
      expect(await pool.prepareAll(DOCS)).toEqual(expected);
    }
  }, 180_000);

  it('fails only the document that runs over its time budget', async () => {
    const pool = await workerPool({ workers: 1, timeBudgetMs: 2_000 });
    pools.push(pool);
    // Repetitive text with many names: far more than two seconds of extraction.
    const slow = doc('slow.md', 'The Alignment team at Anthropic and Jane Doe from Google Research met Ada Lovelace. '.repeat(6000));
    const [first, timedOut, last] = await pool.prepareAll([DOCS[0], slow, DOCS[1]]);
    expect(timedOut).toMatchObject({ code: 'TIME_BUDGET', source: '/test/slow.md', retriable: false });
    expect((timedOut as Error).message).toBe('extraction took longer than the 2 s budget per document (set ATLAS_TIME_BUDGET_MS to raise it)');
    // The worker that was terminated is replaced: the next document is extracted as usual.
    expect(first).toMatchObject({ doc: { source: '/test/a.md' } });
    expect(last).toMatchObject({ doc: { source: '/test/b.md' } });
    expect((last as { extraction: { mentions: unknown[] } }).extraction.mentions.length).toBeGreaterThan(0);
  }, 180_000);
});
