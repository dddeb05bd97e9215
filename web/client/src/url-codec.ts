// The explore view's contents in a URL parameter: node ids grouped by their type prefix
// ("person:a,b;organization:c"), pins with rounded positions, hidden nodes, deflated and base64url-coded.
// A 400-node view takes a few kilobytes. Pure (no DOM), so it is unit-tested in Node.
import type { GraphSnapshot, PinnedNode } from './state.ts';

const VERSION = '1';

/** "person:a", "person:b", "document:c" → "person:a,b;document:c" (ids without a prefix go under ""). */
export function packIds(ids: string[]): string {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const i = id.indexOf(':');
    const prefix = i > 0 ? id.slice(0, i) : '';
    const rest = i > 0 ? id.slice(i + 1) : id;
    const g = groups.get(prefix);
    if (g) g.push(rest);
    else groups.set(prefix, [rest]);
  }
  const esc = (s: string) => s.replace(/[%,;|]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return [...groups].map(([p, rest]) => `${esc(p)}:${rest.map(esc).join(',')}`).join(';');
}

export function unpackIds(text: string): string[] {
  if (!text) return [];
  const unesc = (s: string) => s.replace(/%([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return text.split(';').flatMap((group) => {
    const i = group.indexOf(':');
    const prefix = unesc(group.slice(0, i));
    return group
      .slice(i + 1)
      .split(',')
      .filter((r) => r !== '')
      .map((r) => (prefix ? `${prefix}:${unesc(r)}` : unesc(r)));
  });
}

/** The snapshot as plain text: version | nodes | pinned ids | pinned positions | hidden. */
export function snapshotText(s: GraphSnapshot): string {
  const pins = s.pinned.map((p) => `${Math.round(p.x)} ${Math.round(p.y)}`).join(',');
  return [VERSION, packIds(s.nodes), packIds(s.pinned.map((p) => p.id)), pins, packIds(s.hidden)].join('|');
}

export function parseSnapshotText(text: string): GraphSnapshot | null {
  const [version, nodes = '', pinIds = '', pins = '', hidden = ''] = text.split('|');
  if (version !== VERSION) return null;
  const ids = unpackIds(pinIds);
  const xy = pins ? pins.split(',').map((p) => p.split(' ').map(Number)) : [];
  const pinned: PinnedNode[] = ids
    .map((id, i) => ({ id, x: xy[i]?.[0] ?? NaN, y: xy[i]?.[1] ?? NaN }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  return { nodes: unpackIds(nodes), pinned, hidden: unpackIds(hidden) };
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeSnapshot(s: GraphSnapshot): Promise<string> {
  const raw = new TextEncoder().encode(snapshotText(s));
  return toBase64Url(await pipe(raw, new CompressionStream('deflate-raw')));
}

/** The snapshot in a link, or null when the parameter is damaged or from another version. */
export async function decodeSnapshot(code: string): Promise<GraphSnapshot | null> {
  try {
    const raw = await pipe(fromBase64Url(code), new DecompressionStream('deflate-raw'));
    return parseSnapshotText(new TextDecoder().decode(raw));
  } catch {
    return null;
  }
}
