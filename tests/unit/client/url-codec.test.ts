// The explore view in a link: ids grouped by prefix, pins with rounded positions, hidden nodes; deflated,
// base64url, and back.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, packIds, parseSnapshotText, snapshotText, unpackIds } from '../../../web/client/src/url-codec.ts';

describe('packIds', () => {
  it('groups ids by their type prefix and unpacks them in the same order', () => {
    const ids = ['person:jan-leike', 'person:paul-christiano', 'organization:anthropic', 'plain', 'person:a'];
    expect(packIds(ids)).toBe('person:jan-leike,paul-christiano,a;organization:anthropic;:plain');
    expect(unpackIds(packIds(ids))).toEqual(['person:jan-leike', 'person:paul-christiano', 'person:a', 'organization:anthropic', 'plain']);
  });

  it('escapes the separators inside ids', () => {
    const ids = ['paper:a,b;c|d%e', 'document:x:y'];
    expect(unpackIds(packIds(ids))).toEqual(ids);
  });

  it('packs nothing as an empty string', () => {
    expect(packIds([])).toBe('');
    expect(unpackIds('')).toEqual([]);
  });
});

describe('snapshot', () => {
  const snap = {
    nodes: ['person:a', 'person:b', 'concept:c'],
    pinned: [{ id: 'person:a', x: 12, y: -40 }],
    hidden: ['organization:d'],
  };

  it('round-trips as text, positions rounded', () => {
    expect(snapshotText({ ...snap, pinned: [{ id: 'person:a', x: 12.4, y: -39.6 }] })).toBe('1|person:a,b;concept:c|person:a|12 -40|organization:d');
    expect(parseSnapshotText(snapshotText(snap))).toEqual(snap);
  });

  it('refuses text of another version', () => {
    expect(parseSnapshotText('2|person:a|||')).toBeNull();
  });

  it('encodes to URL-safe text and decodes to the same snapshot', async () => {
    const code = await encodeSnapshot(snap);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeSnapshot(code)).toEqual(snap);
  });

  it('keeps a 400-node view to a few kilobytes', async () => {
    const nodes = Array.from({ length: 400 }, (_, i) => (i % 2 ? `document:${(i * 2654435761).toString(16).padStart(12, '0')}` : `concept:topic-number-${i}`));
    const code = await encodeSnapshot({ nodes, pinned: [], hidden: [] });
    expect(code.length).toBeLessThan(6000);
    expect((await decodeSnapshot(code))?.nodes.sort()).toEqual([...nodes].sort()); // grouped by prefix
  });

  it('decodes a damaged parameter to null', async () => {
    expect(await decodeSnapshot('not*base64')).toBeNull();
    expect(await decodeSnapshot('AAAA')).toBeNull();
  });
});
