import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLexicon, loadLexicon, lookupEntry } from '../../../ingest/lexicon.ts';
import { run } from './helpers.ts';
import type { AtlasError } from '../../../errors/index.ts';

function catchError(f: () => unknown): AtlasError {
  try {
    f();
  } catch (e) {
    return e as AtlasError;
  }
  throw new Error('expected an error');
}

describe('lexicon', () => {
  const saved = process.env.ATLAS_LEXICON;
  afterEach(() => {
    if (saved === undefined) delete process.env.ATLAS_LEXICON;
    else process.env.ATLAS_LEXICON = saved;
  });

  it('is broad: hundreds of entries over every type, with model patterns', () => {
    const lex = loadLexicon();
    expect(lex.entries.length).toBeGreaterThan(400);
    for (const t of ['Organization', 'Model', 'Concept', 'Person', 'Paper']) expect(lex.entries.some((e) => e.type === t)).toBe(true);
    expect(lex.patterns.length).toBeGreaterThan(15);
    expect(lookupEntry(lex, 'Concept', 'SAEs')?.name).toBe('sparse autoencoder');
    expect(lookupEntry(lex, 'Organization', 'SERI MATS')?.id).toBe(lookupEntry(lex, 'Organization', 'MATS')?.id);
  });

  it('extra files in ATLAS_LEXICON merge on top: new entries, new aliases, removals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lex-'));
    const file = join(dir, 'extra.json');
    writeFileSync(file, JSON.stringify({
      terms: { Concept: ['gradient hacking | gradient-hacking'], Organization: ['Anthropic | Ant'] },
      entries: [{ type: 'Concept', name: 'overfitting', remove: true }],
    }));
    process.env.ATLAS_LEXICON = file;
    const lex = loadLexicon();
    expect(lookupEntry(lex, 'Concept', 'gradient-hacking')?.name).toBe('gradient hacking');
    expect(lookupEntry(lex, 'Organization', 'Ant')?.name).toBe('Anthropic');
    expect(lookupEntry(lex, 'Concept', 'overfitting')).toBeUndefined();
    const r = run('Gradient hacking is scary.', { lex });
    expect(r.mentions).toContain('Concept:Gradient hacking');
  });

  it('reports malformed files as LEXICON_INVALID with the file and the position of the entry', () => {
    const err = catchError(() => buildLexicon([{ source: 'bad.json', data: { terms: { Concept: ['ok'], Widget: ['x', 'y'] } as never } }]));
    expect(err).toMatchObject({ code: 'LEXICON_INVALID', source: 'bad.json', position: { unit: 'entry', offset: 0 } });
    expect(err.toString()).toBe('bad.json (entry 0): unknown type "Widget" for "x"');
    const pattern = catchError(() => buildLexicon([{ source: 'p.json', data: { patterns: [{ type: 'Model', pattern: 'ok' }, { type: 'Model', pattern: '(' }] } }]));
    expect(pattern).toMatchObject({ code: 'LEXICON_INVALID', source: 'p.json', position: { unit: 'entry', offset: 1 } });
    process.env.ATLAS_LEXICON = '/nonexistent/lexicon.json';
    expect(catchError(() => loadLexicon())).toMatchObject({ code: 'LEXICON_INVALID', source: '/nonexistent/lexicon.json' });
  });

  it('a lexicon file that is not JSON fails with the character position of the error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-lex-')), 'bad.json');
    writeFileSync(file, '{ "terms": { "Concept": ["a" "b"] } }');
    process.env.ATLAS_LEXICON = file;
    expect(catchError(() => loadLexicon())).toMatchObject({ code: 'LEXICON_INVALID', source: file, position: { unit: 'char', offset: 29 } });
  });

  it('lower-case aliases match any case; capitalised aliases match as written', () => {
    const lex = buildLexicon([{ source: 't', data: { terms: { Concept: ['reward hacking'], Organization: ['Acme Labs | ACME'] } } }]);
    expect(run('Reward hacking and REWARD HACKING.', { lex }).mentions.filter((m) => m.startsWith('Concept'))).toHaveLength(2);
    expect(run('The acme of design; ACME ships.', { lex }).mentions.filter((m) => m.startsWith('Organization'))).toEqual(['Organization:ACME']);
  });
});
