// What the detail panel shows of a node: its properties without the pipeline's internals (lexicon ids,
// shingles, hashes…), aliases without noise (trailing punctuation, case and plural variants of the name),
// and a document's title or, when it has none, its file name rather than a hash. Pure.

/** Properties that serve the pipeline (dedupe, search, provenance bookkeeping), not the reader. */
export const INTERNAL_PROPS: ReadonlySet<string> = new Set([
  'id', 'name', 'title', 'type', 'aliases', 'aliasText', 'lexiconId', 'mentions', 'documents', 'works', 'degree',
  'meta', 'source', 'ingestedAt', 'shingles', 'minhash', 'contentHash', 'titleSource', 'text', 'length', 'nameKey',
  // Shown as the panel's own Community row.
  'community', 'communityStrength',
]);

export function visibleProps(props: Record<string, unknown>): [string, unknown][] {
  return Object.entries(props).filter(([k, v]) => !INTERNAL_PROPS.has(k) && v !== null && v !== undefined && v !== '');
}

/** A name as compared for sameness: lower case, letters and digits only, a plural -s dropped. */
function sameKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/(?<=\p{L}{3})s$/u, '');
}

/** Aliases worth showing: no markup-like noise, none that only restates the name or another alias. */
export function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([sameKey(name)]);
  const out: string[] = [];
  for (const raw of aliases) {
    const a = raw.trim().replace(/[\s~^*_|\\]+$/u, '');
    if (!a || /[~^{}[\]<>|\\]/.test(a)) continue;
    const k = sameKey(a);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

const HASHY = /^(?:document:)?[0-9a-f]{12,}$/i;

/** The file name at the end of a path or URL. */
export function fileName(source: string): string {
  const clean = source.split(/[?#]/)[0].replace(/\/+$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1)) || source;
}

/** A document's display title: its title, or its file name when the title is missing or only a hash. */
export function documentTitle(d: { title?: string | null; name?: string | null; source?: string | null; id: string }): string {
  for (const t of [d.title, d.name]) if (t && t.trim() && !HASHY.test(t.trim())) return t.trim();
  if (d.source) return fileName(d.source);
  return d.title || d.name || d.id;
}
