import { describe, expect, it } from 'vitest';
import nlp from 'compromise/two';
import { nameKey, plural, singular } from '../../../ingest/keys.ts';
import { CUES, CUE_RE, isCommentsMarker, parseCues } from '../../../ingest/knowledge/cues.ts';
import { METHOD_NAMES, found, parseMethods, rankOf } from '../../../ingest/knowledge/methods.ts';
import { parseSources } from '../../../ingest/knowledge/sources.ts';
import { parseJson, readJsonFile, dataPath } from '../../../ingest/knowledge/data-file.ts';
import { buildLexicon } from '../../../ingest/lexicon.ts';
import { lexicon, run, runBatch } from './helpers.ts';

describe('inflection', () => {
  it('singularises through compromise with the field’s irregular plurals', () => {
    const words = ['biases', 'matrices', 'autoencoders', 'policies', 'hypotheses', 'lenses', 'analyses', 'vertices', 'circuits', 'SAEs'];
    expect(words.map(singular)).toEqual(['bias', 'matrix', 'autoencoder', 'policy', 'hypothesis', 'lens', 'analysis', 'vertex', 'circuit', 'SAE']);
    expect(['analysis', 'ethics', 'series', 'species', 'corrigibility', 'bias', 'news'].map(singular))
      .toEqual(['analysis', 'ethics', 'series', 'species', 'corrigibility', 'bias', 'news']);
    expect(['bias', 'matrix', 'policy', 'autoencoder'].map(plural)).toEqual(['biases', 'matrices', 'policies', 'autoencoders']);
  });

  it('"inductive biases" and "inductive bias" have one concept key', () => {
    expect(nameKey('inductive biases', 'Concept')).toBe('inductive-bias');
    expect(nameKey('Inductive Bias', 'Concept')).toBe('inductive-bias');
    expect(nameKey('attention matrices', 'Concept')).toBe(nameKey('attention matrix', 'Concept'));
  });

  it('a lexicon concept matches its irregular plural and both resolve to one entity', () => {
    const lex = buildLexicon([{ source: 't', data: { terms: { Concept: ['inductive bias', 'attention matrix'] } } }]);
    const r = run('Inductive biases shape learning. One inductive bias is simplicity. Attention matrices are sparse.', { lex });
    expect(r.mentions).toEqual(['Concept:Inductive biases', 'Concept:inductive bias', 'Concept:Attention matrices']);
    const b = runBatch([{ name: 'a.md', text: 'We study inductive biases.' }, { name: 'b.md', text: 'The inductive bias of transformers.' }], lex);
    expect(b.entities.filter((e) => e.type === 'Concept').map((e) => e.id)).toEqual(['concept:inductive-bias']);
  });
});

describe('cue words and source profiles are data', () => {
  it('one comment-thread detector for the segmenter and the signals', () => {
    expect(['Comments', '## Comments', '12 comments', '3 Comments', 'New comment'].map(isCommentsMarker)).toEqual([true, true, true, true, true]);
    expect(['Comments are welcome below.', 'No comments', '## Commentary'].map(isCommentsMarker)).toEqual([false, false, false]);
  });

  it('role, lead and join patterns come from the cue lists', () => {
    expect(CUES.roles.nouns).toContain('researcher');
    expect(new RegExp(`^${CUE_RE.role}$`, 'i').test('a senior research scientist')).toBe(true);
    expect(new RegExp(`^${CUE_RE.role}$`, 'i').test('member of the technical staff')).toBe(true);
    expect(new RegExp(`^${CUE_RE.leadThird}$`, 'i').test('is leading')).toBe(true);
    expect(new RegExp(`^${CUE_RE.join}$`, 'i').test('has joined')).toBe(true);
  });

  it('a malformed cues, sources or methods file names the file and the field', () => {
    expect(() => parseCues({ roles: { modifiers: [], nouns: 'x' } }, 'cues.json')).toThrow('roles.nouns: must be an array of strings');
    let err: unknown;
    try { parseSources({ textHeader: {}, html: {}, paperUrls: {} }, 'sources.json'); } catch (e) { err = e; }
    expect(err).toMatchObject({ code: 'LEXICON_INVALID', source: 'sources.json', message: 'html.blocks: must be an object' });
    expect(() => parseMethods({ methods: { x: { finds: 'mention', confidence: { high: 2 } } } }, 'm.json')).toThrow('methods.x.confidence: needs a "default" grade');
    try { parseJson('f.json', '{"a": [1,]}'); } catch (e) { err = e; }
    expect(err).toMatchObject({ code: 'LEXICON_INVALID', source: 'f.json', position: { unit: 'char', offset: 9 } });
  });

  it('the shipped data files parse', () => {
    for (const f of ['cues.json', 'sources.json', 'methods.json', 'lexicon.json']) expect(typeof readJsonFile(dataPath(f))).toBe('object');
  });
});

describe('the methods table', () => {
  it('gives every method its confidence and resolution its naming rank', () => {
    expect(found('team')).toEqual({ method: 'team', confidence: 0.92 });
    expect(found('team', 'lowercase')).toEqual({ method: 'team', confidence: 0.8 });
    expect(found('quoted-title', 'paperNoun').confidence).toBe(0.85);
    expect([rankOf('lexicon'), rankOf('quoted-title'), rankOf('link-target'), rankOf('compromise')]).toEqual([9, 8, 3, 4]);
  });

  it('every method a document produces is in the table', () => {
    const r = run('# Notes\n\nBy Jane Doe\n\nThanks to Carson Denison and @evhub for comments on “Sleeper Agents: Training Deceptive LLMs”. We evaluate GPT-4o.');
    const used = new Set([...r.x.mentions.map((m) => m.method), ...r.x.relations.map((x) => x.evidence.method)]);
    expect([...used].filter((m) => !METHOD_NAMES.includes(m))).toEqual([]);
    expect(used.size).toBeGreaterThan(4);
  });
});

describe('compromise', () => {
  it('extraction leaves compromise’s word lexicon as it found it', () => {
    const lex = lexicon();
    const words = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
    const before = Object.keys(words).length;
    run('Anthropic and Redwood Research evaluate Claude 3.5 Sonnet.', { lex });
    run('Another document about sparse autoencoders.', { lex });
    expect(Object.keys(words).length).toBe(before);
  });
});
