// The timeline: documents per month of their published date (where one was read), the share of them that
// mention what is in view, and which of the view's nodes have a document inside a brushed range.
// POST /api/timeline {ids, from?, to?}.
import type { TimelineResponse } from '../api-types.ts';
import { badRequest } from '../http.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import type { Routes } from './route.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` validated; the end of a range is exclusive, so `to` is the month after the last one kept. */
export function monthRange(from: string | undefined, to: string | undefined): { from: string; to: string } | null {
  if (!from && !to) return null;
  for (const m of [from, to]) if (m && !MONTH.test(m)) throw badRequest(`"${m}" is not a month (YYYY-MM).`);
  const next = (m: string) => {
    const [y, mo] = m.split('-').map(Number);
    return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  };
  return { from: from ?? '0000-01', to: to ? next(to) : '9999-12' };
}

/**
 * Documents per month over the whole graph, and per month the documents that mention (or are) one of
 * `ids`; with a range, the ids among `ids` that have such a document in it.
 */
export async function timeline(read: Read, ids: string[], range: { from: string; to: string } | null): Promise<TimelineResponse> {
  const all = await read(
    `MATCH (d:Document) WHERE d.published IS NOT NULL AND size(d.published) >= 7
     RETURN substring(d.published, 0, 7) AS month, count(*) AS n ORDER BY month`,
  );
  const months = new Map<string, { month: string; documents: number; inView: number }>();
  for (const r of all) months.set(String(r.get('month')), { month: String(r.get('month')), documents: toNumber(r.get('n')), inView: 0 });
  const undated = await read(`MATCH (d:Document) WHERE d.published IS NULL OR size(d.published) < 7 RETURN count(d) AS n`);
  const unique = [...new Set(ids)].slice(0, 2000);
  if (unique.length) {
    const view = await read(
      `CALL () {
         MATCH (e:Entity) WHERE e.id IN $ids
         MATCH (e)<-[:MENTIONS]-(:Passage)<-[:HAS_PASSAGE]-(d:Document)
         RETURN d
         UNION
         MATCH (d:Document) WHERE d.id IN $ids RETURN d
       }
       WITH d WHERE d.published IS NOT NULL AND size(d.published) >= 7
       RETURN substring(d.published, 0, 7) AS month, count(DISTINCT d) AS n`,
      { ids: unique },
    );
    for (const r of view) {
      const m = months.get(String(r.get('month')));
      if (m) m.inView = toNumber(r.get('n'));
    }
  }
  const res: TimelineResponse = { months: [...months.values()], undated: toNumber(undated[0]?.get('n')) };
  if (range && unique.length) {
    const inRange = await read(
      `CALL () {
         UNWIND $ids AS id
         MATCH (e:Entity {id: id})
         WHERE EXISTS { MATCH (e)<-[:MENTIONS]-(:Passage)<-[:HAS_PASSAGE]-(d:Document) WHERE d.published >= $from AND d.published < $to }
         RETURN id
         UNION
         MATCH (d:Document) WHERE d.id IN $ids AND d.published >= $from AND d.published < $to
         RETURN d.id AS id
       }
       RETURN id ORDER BY id`,
      { ids: unique, from: range.from, to: range.to },
    );
    res.inRange = inRange.map((r) => String(r.get('id')));
    res.range = range;
  }
  return res;
}

export const timelineRoutes: Routes = {
  timeline: {
    method: 'POST',
    handle: async ({ read, body }) => {
      const b = await body();
      const ids = Array.isArray(b['ids']) ? b['ids'].map(String) : [];
      const month = (k: string) => (typeof b[k] === 'string' && b[k] ? (b[k] as string) : undefined);
      return timeline(read, ids, monthRange(month('from'), month('to')));
    },
  },
};
