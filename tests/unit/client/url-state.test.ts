// The URL state: every field of the view survives urlFor → readUrl, defaults stay out of the URL, and bad
// values are ignored rather than trusted.
import { describe, expect, it } from 'vitest';
import { readUrl, urlFor, type UrlFields } from '../../../web/client/src/url-state.ts';
import { INITIAL_STATE, type AppState } from '../../../web/client/src/state.ts';

// The page's initial state: all of it is a default, so none of it goes into the URL.
const { loading: _loading, communities: _communities, openCommunity: _open, ...base }: UrlFields & Pick<AppState, 'loading' | 'communities' | 'openCommunity'> = INITIAL_STATE;

describe('urlFor', () => {
  it('leaves defaults out', () => {
    expect(urlFor(base, '/')).toBe('/');
  });

  it('writes selection, filters (sorted), layout, size rule and the graph', () => {
    const url = urlFor(
      { ...base, selection: { kind: 'node', id: 'person:jan-leike' }, hiddenTypes: ['Person', 'Document'], hiddenRels: ['ABOUT'], layout: 'concentric', sizeBy: 'degree', graphCode: 'abc_-1' },
      '/x',
    );
    expect(url).toBe('/x?entity=person%3Ajan-leike&ht=Document%2CPerson&hr=ABOUT&layout=concentric&size=degree&g=abc_-1');
  });

  it('writes the query and its parameters only in the query view', () => {
    const q = { ...base, query: 'MATCH (n) RETURN n', params: { n: 3 } };
    expect(urlFor(q)).toBe('/');
    expect(urlFor({ ...q, view: 'query' })).toBe('/?view=query&q=MATCH+%28n%29+RETURN+n&params=%7B%22n%22%3A3%7D');
  });
});

describe('readUrl', () => {
  it('reads back what urlFor wrote', () => {
    const url = urlFor({ ...base, selection: { kind: 'edge', id: 'AUTHORED:a->b' }, doc: 'doc:1', hiddenTypes: ['Concept'], hiddenRels: ['ABOUT', 'CITES'], layout: 'breadthfirst', sizeBy: 'degree', graphCode: 'G' });
    expect(readUrl(url.slice(1))).toEqual({
      view: 'explore',
      edge: 'AUTHORED:a->b',
      doc: 'doc:1',
      hiddenTypes: ['Concept'],
      hiddenRels: ['ABOUT', 'CITES'],
      layout: 'breadthfirst',
      sizeBy: 'degree',
      graph: 'G',
    });
  });

  it('opens the query view for a link with a query, unless it says explore', () => {
    expect(readUrl('?q=RETURN+1&params=%7B%22a%22%3A%5B1%5D%7D')).toEqual({ view: 'query', q: 'RETURN 1', params: { a: [1] } });
    expect(readUrl('?q=RETURN+1&view=explore')).toEqual({ view: 'explore', q: 'RETURN 1' });
  });

  it('reads back hidden communities and the timeline range', () => {
    const url = urlFor({ ...base, hiddenCommunities: ['community:person:b', 'community:concept:a'], timeRange: { from: '2023-03', to: '2024-01' } });
    expect(url).toBe('/?hc=community%3Aconcept%3Aa%2Ccommunity%3Aperson%3Ab&t=2023-03%7E2024-01');
    expect(readUrl(url.slice(1))).toEqual({ view: 'explore', hiddenCommunities: ['community:concept:a', 'community:person:b'], timeRange: { from: '2023-03', to: '2024-01' } });
  });

  it('ignores a timeline range that is not two months in order', () => {
    for (const t of ['2024-01~2023-03', '2024-13~2024-14', '2024-1~2024-02', '2024-01']) expect(readUrl(`?t=${t}`)).toEqual({ view: 'explore' });
  });

  it('ignores an unknown layout or size rule and broken or non-object params', () => {
    expect(readUrl('?layout=spiral&size=weight&params=%7Bbroken')).toEqual({ view: 'explore' });
    expect(readUrl('?params=%5B1%2C2%5D&view=query')).toEqual({ view: 'query' });
  });
});
