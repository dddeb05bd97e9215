// GET /api/search?q=: type-ahead over entity names and aliases — the `entity_names` full-text index first,
// a CONTAINS scan when it finds nothing — ranked exact, singular/plural, prefix, then by score.
import type { Node } from 'neo4j-driver';
import { driverErrorCode } from '../../../errors/driver.ts';
import type { SearchHit, SearchResponse } from '../api-types.ts';
import type { Read } from '../read.ts';
import { nodeKey, toNumber } from '../serialize.ts';
import { int, str } from './cypher.ts';
import type { Routes } from './route.ts';

/** Lucene query for type-ahead: every term must match, the last as a prefix; fuzzy as an alternative. */
export function luceneQuery(q: string): string | null {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (terms.length === 0) return null;
  const prefix = terms.map((t, i) => (i === terms.length - 1 ? `${t}*` : t)).join(' AND ');
  const fuzzy = terms.map((t) => (t.length > 3 ? `${t}~` : t)).join(' AND ');
  const phrase = `"${terms.join(' ')}"^4`;
  return `${phrase} OR (${prefix})^2 OR (${fuzzy})`;
}

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

export async function search(read: Read, q: string, limit = 10): Promise<SearchResponse> {
  const query = q.trim().slice(0, 200);
  if (!query) return { hits: [], method: 'fulltext' };
  const lucene = luceneQuery(query);
  let hits: SearchHit[] = [];
  let method: SearchResponse['method'] = 'fulltext';
  if (lucene) {
    try {
      const recs = await read(
        `CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $limit}) YIELD node, score
         WHERE node:Entity RETURN node, score`,
        { q: lucene, limit: int(limit * 3) },
      );
      hits = recs.map((r) => hitFrom(r.get('node') as Node, Number(r.get('score')), query));
    } catch (err) {
      // No index, or a query Lucene cannot parse: the procedure fails and the scan below answers. Anything
      // else (the database gone, a time-out) is a real failure.
      if (driverErrorCode(err) !== 'QUERY_FAILED') throw err;
    }
  }
  if (hits.length === 0) {
    method = 'contains';
    const ql = query.toLowerCase();
    const recs = await read(
      `MATCH (e:Entity)
       WHERE toLower(e.name) CONTAINS $q OR toLower(coalesce(e.aliasText, '')) CONTAINS $q
       RETURN e AS node ORDER BY coalesce(e.mentions, 0) DESC LIMIT $limit`,
      { q: ql.replace(/s$/, '') || ql, limit: int(limit * 3) },
    );
    hits = recs.map((r) => hitFrom(r.get('node') as Node, 1, query));
  }
  return { hits: rankHits(query, hits).slice(0, limit), method };
}

export const searchRoutes: Routes = {
  search: { method: 'GET', handle: ({ read, query }) => search(read, query.string('q'), query.int('limit', 10, { min: 1, max: 50 })) },
};
