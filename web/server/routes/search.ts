// GET /api/search?q=: type-ahead over entity names and aliases — the `entity_names` full-text index first,
// then the same index for the terms anywhere inside words when that finds nothing (a CONTAINS scan only
// without the index) — ranked exact, singular/plural, prefix, then by score.
import type { Node } from 'neo4j-driver';
import { driverErrorCode } from '../../../errors/driver.ts';
import type { SearchHit, SearchResponse } from '../api-types.ts';
import type { Read } from '../read.ts';
import { nodeKey, toNumber } from '../serialize.ts';
import { int, str } from './cypher.ts';
import type { Routes } from './route.ts';

/** The query's words, lower case, letters and digits only (nothing Lucene could read as syntax). */
const termsOf = (q: string) =>
  q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);

/**
 * Lucene query for type-ahead without typos: the phrase (ending in a plural: also in the singular), or every
 * term (a plural also as its singular), the last as a prefix. Fuzzy terms cost Lucene as much again on
 * common words (each expands to every indexed word within two edits), so they are asked for only when this
 * finds less than a page.
 */
export function typeAheadQuery(q: string): string | null {
  const terms = termsOf(q);
  if (terms.length === 0) return null;
  const plural = (t: string) => t.length > 3 && t.endsWith('s');
  const term = (t: string, last: boolean) => {
    const word = last ? `${t}*` : t;
    return plural(t) ? `(${word} OR ${t.slice(0, -1)})` : word;
  };
  const phrase = terms.join(' ');
  const singular = plural(terms[terms.length - 1]) ? ` OR "${phrase.slice(0, -1)}"^4` : '';
  return `"${phrase}"^4${singular} OR (${terms.map((t, i) => term(t, i === terms.length - 1)).join(' AND ')})^2`;
}

/** The typos a fuzzy term allows, by its length (as search engines' "auto" fuzziness): two edits turn a
 *  four-letter word into half the short names of a big graph ("zzqx" found unrelated people). */
const fuzzyTerm = (t: string) => (t.length >= 6 ? `${t}~2` : t.length >= 4 ? `${t}~1` : t);

/** Lucene query for type-ahead: every term must match, the last as a prefix; fuzzy as an alternative. */
export function luceneQuery(q: string): string | null {
  const terms = termsOf(q);
  if (terms.length === 0) return null;
  const prefix = terms.map((t, i) => (i === terms.length - 1 ? `${t}*` : t)).join(' AND ');
  const fuzzy = terms.map(fuzzyTerm).join(' AND ');
  const phrase = `"${terms.join(' ')}"^4`;
  return `${phrase} OR (${prefix})^2 OR (${fuzzy})`;
}

/**
 * Lucene query for the terms anywhere inside indexed words ("encoder" in "autoencoder"), the last one
 * without a plural s: what a CONTAINS scan finds, from the index, so a search that type-ahead misses costs
 * a term-dictionary walk instead of reading every entity (over a second at 100k entities).
 */
export function substringQuery(q: string): string | null {
  const terms = termsOf(q);
  if (terms.length === 0) return null;
  return terms.map((t, i) => `*${i === terms.length - 1 ? t.replace(/s$/, '') || t : t}*`).join(' AND ');
}

/** Substring matches are not scored: the most mentioned of at most this many come first. */
const SUBSTRING_CANDIDATES = 1000;

function rankHits(q: string, hits: SearchHit[]): SearchHit[] {
  const ql = q.trim().toLowerCase();
  const rank = (h: SearchHit) => {
    const n = h.name.toLowerCase();
    const names = [n, ...h.aliases.map((a) => a.toLowerCase())];
    if (names.includes(ql)) return 0;
    if (names.some((x) => x === ql.replace(/s$/, '') || x.replace(/s$/, '') === ql)) return 1;
    if (names.some((x) => x.startsWith(ql))) return 2;
    return 3;
  };
  return hits
    .map((h) => ({ h, r: rank(h) }))
    .sort((a, b) => a.r - b.r || b.h.score - a.h.score || b.h.mentions - a.h.mentions)
    .map((x) => x.h);
}

function hitFrom(n: Node, score: number, q: string): SearchHit {
  const p = n.properties as Record<string, unknown>;
  const aliases = Array.isArray(p['aliases']) ? (p['aliases'] as unknown[]).map(String) : [];
  const name = str(p['name']) ?? nodeKey(n);
  const ql = q.trim().toLowerCase();
  const hit: SearchHit = {
    id: nodeKey(n),
    type: str(p['type']) ?? 'Entity',
    name,
    aliases,
    mentions: toNumber(p['mentions'] ?? 0),
    score,
  };
  if (!name.toLowerCase().includes(ql)) {
    const alias = aliases.find((a) => a.toLowerCase().includes(ql));
    if (alias) hit.matchedAlias = alias;
  }
  return hit;
}

/**
 * Hits from the `entity_names` index, or null when the index cannot answer (none, or a query Lucene cannot
 * parse: the procedure fails). Anything else (the database gone, a time-out) is a real failure. Unscored
 * (substring) queries take the most mentioned of their first candidates.
 */
async function fullText(read: Read, lucene: string, limit: number, query: string, unscored = false): Promise<SearchHit[] | null> {
  try {
    const recs = unscored
      ? await read(
          `CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $candidates}) YIELD node
           WHERE node:Entity RETURN node, 1 AS score ORDER BY coalesce(node.mentions, 0) DESC, node.id LIMIT $limit`,
          { q: lucene, candidates: int(SUBSTRING_CANDIDATES), limit: int(limit) },
        )
      : await read(
          `CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $limit}) YIELD node, score
           WHERE node:Entity RETURN node, score`,
          { q: lucene, limit: int(limit) },
        );
    return recs.map((r) => hitFrom(r.get('node') as Node, Number(r.get('score')), query));
  } catch (err) {
    if (driverErrorCode(err) !== 'QUERY_FAILED') throw err;
    return null;
  }
}

/** Without the index: every entity's name and aliases read (the last resort; slow on a big graph). */
async function scan(read: Read, query: string, limit: number): Promise<SearchHit[]> {
  const ql = query.toLowerCase();
  const recs = await read(
    `MATCH (e:Entity)
     WHERE toLower(e.name) CONTAINS $q OR toLower(coalesce(e.aliasText, '')) CONTAINS $q
     RETURN e AS node ORDER BY coalesce(e.mentions, 0) DESC LIMIT $limit`,
    { q: ql.replace(/s$/, '') || ql, limit: int(limit) },
  );
  return recs.map((r) => hitFrom(r.get('node') as Node, 1, query));
}

export async function search(read: Read, q: string, limit = 10): Promise<SearchResponse> {
  const query = q.trim().slice(0, 200);
  if (!query) return { hits: [], method: 'fulltext' };
  const exact = typeAheadQuery(query);
  let hits: SearchHit[] = [];
  let method: SearchResponse['method'] = 'fulltext';
  if (exact) {
    const found = await fullText(read, exact, limit * 3, query);
    hits = found ?? [];
    // Fewer than a page without typos: the query with fuzzy terms too (it ranks the exact matches first).
    if (found && found.length < limit) hits = (await fullText(read, luceneQuery(query)!, limit * 3, query)) ?? found;
  }
  if (hits.length === 0) {
    method = 'contains';
    const inside = substringQuery(query);
    const found = inside ? await fullText(read, inside, limit * 3, query, true) : null;
    hits = found ?? (await scan(read, query, limit * 3));
  }
  return { hits: rankHits(query, hits).slice(0, limit), method };
}

export const searchRoutes: Routes = {
  search: { method: 'GET', handle: ({ read, query }) => search(read, query.string('q'), query.int('limit', 10, { min: 1, max: 50 })) },
};
