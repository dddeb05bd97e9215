// The Lucene queries the explorer's search sends: words only (no Lucene syntax from the user), the last as a
// prefix, fuzzy as an alternative; and the substring form used when type-ahead finds nothing.
import { describe, expect, it } from 'vitest';
import { luceneQuery, substringQuery, typeAheadQuery } from '../../web/server/routes/search.ts';

describe('search queries', () => {
  it('type-ahead: phrase, then every term with the last as a prefix, then fuzzy terms', () => {
    expect(luceneQuery('Sparse autoenc')).toBe('"sparse autoenc"^4 OR (sparse AND autoenc*)^2 OR (sparse~2 AND autoenc~2)');
    expect(luceneQuery('GPT-4')).toBe('"gpt 4"^4 OR (gpt AND 4*)^2 OR (gpt AND 4)');
    expect(luceneQuery('"auto(encoders')).toBe('"auto encoders"^4 OR (auto AND encoders*)^2 OR (auto~1 AND encoders~2)');
    // Short words allow one typo, not two.
    expect(luceneQuery('zzqx')).toBe('"zzqx"^4 OR (zzqx*)^2 OR (zzqx~1)');
    expect(luceneQuery(' ( ) ')).toBeNull();
  });

  it('type-ahead without typos: phrase, then every term (plurals also singular) with the last as a prefix', () => {
    expect(typeAheadQuery('Sparse autoenc')).toBe('"sparse autoenc"^4 OR (sparse AND autoenc*)^2');
    expect(typeAheadQuery('reward models')).toBe('"reward models"^4 OR "reward model"^4 OR (reward AND (models* OR model))^2');
    expect(typeAheadQuery('SAEs circuits')).toBe('"saes circuits"^4 OR "saes circuit"^4 OR ((saes OR sae) AND (circuits* OR circuit))^2');
    expect(typeAheadQuery('gpt-4 is')).toBe('"gpt 4 is"^4 OR (gpt AND 4 AND is*)^2');
    expect(typeAheadQuery('--')).toBeNull();
  });

  it('substring: every term inside a word, the last without a plural s', () => {
    expect(substringQuery('utoencoders')).toBe('*utoencoder*');
    expect(substringQuery('Reward mode')).toBe('*reward* AND *mode*');
    expect(substringQuery('s')).toBe('*s*');
    expect(substringQuery('*:')).toBeNull();
  });
});
