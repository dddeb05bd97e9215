// The dev-set eval finds ../shared/eval when it is complete and reports it absent otherwise.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDevSet } from '../../eval/dev-set.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-devset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findDevSet', () => {
  it('is undefined without a shared folder', () => {
    expect(findDevSet(join(dir, 'missing'))).toBeUndefined();
  });

  it('lists the gold file\'s documents under corpora/, and is undefined when one of them is missing', () => {
    mkdirSync(join(dir, 'eval'));
    mkdirSync(join(dir, 'corpora', 'part'), { recursive: true });
    writeFileSync(join(dir, 'eval', 'dev-gold.json'), JSON.stringify({ documents: { 'part/a.md': {}, 'part/b.txt': {} } }));
    writeFileSync(join(dir, 'eval', 'score.mjs'), '');
    writeFileSync(join(dir, 'eval', 'from-export.mjs'), '');
    writeFileSync(join(dir, 'corpora', 'part', 'a.md'), 'x');
    expect(findDevSet(dir)).toBeUndefined();
    writeFileSync(join(dir, 'corpora', 'part', 'b.txt'), 'y');
    expect(findDevSet(dir)).toEqual({
      gold: join(dir, 'eval', 'dev-gold.json'), fromExport: join(dir, 'eval', 'from-export.mjs'), scorer: join(dir, 'eval', 'score.mjs'),
      documents: [join(dir, 'corpora', 'part', 'a.md'), join(dir, 'corpora', 'part', 'b.txt')],
    });
  });
});
