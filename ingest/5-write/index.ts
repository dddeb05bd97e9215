// Stage 5 — write. Streamed batches of pending documents (documents.ts), then settle (settle.ts: entities,
// mentions, relations with evidence, works, counts, from the plan in plan.ts), under one lease per database
// (lease.ts), with the schema created once (schema.ts). A new write step goes into settle() after the
// relations and before completion, so an interrupted run redoes it.
export { ensureSchema } from './schema.ts';
export { acquireLease, LEASE_TTL_MS, type Lease } from './lease.ts';
export { storedHashes, workCandidates, writeDocuments, type DocumentWrite } from './documents.ts';
export { settle, type Settled } from './settle.ts';
export { planSettle, relationKey, type SettlePlan } from './plan.ts';
export { mergeWorks, refreshWorkTitles } from './works.ts';
export { chunks, inWrite, ROWS_PER_QUERY, type WriteTarget } from './target.ts';
