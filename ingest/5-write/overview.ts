// The derived layer the explorer's overview stands on, refreshed after every ingest run and removal:
// co-occurrence links between entities, then the communities over them. Each document's resolution input
// remembers which resolution the overview last counted (`overviewHash` beside `resolvedHash`), so a run
// killed between settling and this step is caught up by the next one.
import type { WriteTarget } from './index.ts';
import type { CooccurrenceSummary } from './cooccurrence/index.ts';
import type { CommunitySummary } from './communities.ts';
import { read } from './target.ts';

export interface OverviewSummary {
  cooccurrence: CooccurrenceSummary;
  communities: CommunitySummary;
}

/**
 * `docIds`: the documents whose mentions changed (written, re-resolved or removed: their passages, past and
 * present, are what can have changed); omitted = rebuild all.
 */
export async function refreshOverview(t: WriteTarget, docIds?: string[]): Promise<OverviewSummary | null> {
  if (docIds && docIds.length === 0) return null; // nothing changed, nothing to recount
  // imported here: a run with nothing to recount does not load the graph library
  const { refreshCooccurrence } = await import('./cooccurrence/index.ts');
  const { refreshCommunities } = await import('./communities.ts');
  const cooccurrence = await refreshCooccurrence(t, docIds);
  const communities = await refreshCommunities(t);
  await read(
    t,
    `MATCH (x:Extraction) ${docIds ? 'WHERE x.id IN $docIds' : ''} WITH x WHERE x.resolvedHash IS NOT NULL SET x.overviewHash = x.resolvedHash`,
    { docIds: docIds ?? null },
    'WRITE',
  );
  return { cooccurrence, communities };
}

/** Settled documents whose current resolution the overview has not counted yet. */
export async function staleDocuments(t: WriteTarget): Promise<string[]> {
  const rows = await read(t, 'MATCH (x:Extraction) WHERE x.resolvedHash IS NOT NULL AND coalesce(x.overviewHash, \'\') <> x.resolvedHash RETURN x.id AS id ORDER BY id');
  return rows.map((r) => r.get('id') as string);
}

/** Brings the overview up to date with every settled document (`removed`: documents just taken out). */
export async function refreshStaleOverview(t: WriteTarget, removed: string[] = []): Promise<OverviewSummary | null> {
  return refreshOverview(t, [...removed, ...(await staleDocuments(t))]);
}
