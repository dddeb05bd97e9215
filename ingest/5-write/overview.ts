// The derived layer the explorer's overview stands on, refreshed after every ingest run: co-occurrence
// links between entities, then the communities over them.
import type { WriteTarget } from './index.ts';
import { refreshCooccurrence, type CooccurrenceSummary } from './cooccurrence/index.ts';
import { refreshCommunities, type CommunitySummary } from './communities.ts';

export interface OverviewSummary {
  cooccurrence: CooccurrenceSummary;
  communities: CommunitySummary;
}

/** `docIds`: the documents a run wrote (their passages are what can have changed); omitted = rebuild all. */
export async function refreshOverview(t: WriteTarget, docIds?: string[]): Promise<OverviewSummary | null> {
  if (docIds && docIds.length === 0) return null; // nothing written, nothing to recount
  const cooccurrence = await refreshCooccurrence(t, docIds);
  const communities = await refreshCommunities(t);
  return { cooccurrence, communities };
}
