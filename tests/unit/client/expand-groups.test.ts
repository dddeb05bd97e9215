// Expand groups: named in words by direction, first pages small for big groups, hidden types left out.
import { describe, expect, it } from 'vitest';
import { firstPages, groupKey, groupPhrase, remaining, FIRST_PER_GROUP } from '../../../web/client/src/expand-groups.ts';

describe('groupPhrase', () => {
  it('reads from the neighbours for incoming relations and from this node for outgoing ones', () => {
    expect(groupPhrase({ rel: 'ABOUT', type: 'Document', direction: 'in' }, 412)).toBe('412 documents about this');
    expect(groupPhrase({ rel: 'AUTHORED', type: 'Person', direction: 'in' }, 1)).toBe('1 person authored this');
    expect(groupPhrase({ rel: 'MEMBER_OF', type: 'Organization', direction: 'out' }, 2)).toBe('member of 2 organizations');
    expect(groupPhrase({ rel: 'AFFILIATED_WITH', type: 'Model', direction: 'both' }, 1200)).toBe('1,200 AI models · affiliated with');
  });
});

describe('firstPages', () => {
  it('takes all of a small group, the first page of a big one, and leaves hidden types out', () => {
    const pages = firstPages(
      [
        { rel: 'ABOUT', type: 'Document', direction: 'in', count: 412 },
        { rel: 'AUTHORED', type: 'Person', direction: 'in', count: 3 },
        { rel: 'CITES', type: 'Paper', direction: 'out', count: 0 },
        { rel: 'ABOUT', type: 'Concept', direction: 'out', count: 5 },
      ],
      ['Concept'],
    );
    expect(pages.map((p) => [p.group.key, p.take])).toEqual([
      ['ABOUT|Document', FIRST_PER_GROUP],
      ['AUTHORED|Person', 3],
    ]);
    expect(remaining({ ...pages[0].group, loaded: 8 })).toBe(404);
    expect(groupKey({ rel: 'ABOUT', type: 'Document' })).toBe('ABOUT|Document');
  });
});
