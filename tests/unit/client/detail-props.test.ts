// What the detail panel shows: no pipeline internals, clean aliases, a document's file name over a hash.
import { describe, expect, it } from 'vitest';
import { cleanAliases, documentTitle, fileName, visibleProps } from '../../../web/client/src/detail-props.ts';

describe('visibleProps', () => {
  it('drops internal and empty properties and keeps the rest in order', () => {
    expect(visibleProps({ lexiconId: 'x', shingles: [1], aliasText: 'a b', url: 'https://x.org', year: 2024, note: '', page: 3, minhash: [2] })).toEqual([
      ['url', 'https://x.org'],
      ['year', 2024],
      ['page', 3],
    ]);
  });
});

describe('cleanAliases', () => {
  it('drops noise, the name again in another case or number, and repeats', () => {
    expect(cleanAliases('large language model', ['Large language models~', 'LLM', 'large language models', 'LLMs', 'LLM', 'big [model]', 'language model'])).toEqual(['LLM', 'language model']);
  });
});

describe('documentTitle', () => {
  it('prefers the title, and shows the file name instead of a hash', () => {
    expect(documentTitle({ id: 'document:1', title: 'Sleeper Agents', name: 'a.md', source: '/x/a.md' })).toBe('Sleeper Agents');
    expect(documentTitle({ id: 'document:9f', title: '2ce8cbb06aa7e3b9', name: '', source: '/data/corpus/004_notes-on-probes.html' })).toBe('004_notes-on-probes.html');
    expect(documentTitle({ id: 'document:2ce8cbb06aa7e3b9f00d', title: null, name: null, source: null })).toBe('document:2ce8cbb06aa7e3b9f00d');
    expect(fileName('https://example.org/posts/why-probes/?utm=1')).toBe('why-probes');
  });
});
