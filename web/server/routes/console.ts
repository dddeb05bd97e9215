// The Cypher console's endpoints: POST /api/query (read-only, bounded: console.ts; in the query worker,
// query-worker.ts, when the server has its Neo4j target), GET /api/queries (the
// named queries of queries/), GET /api/schema (labels, types and keys for completion, and the limits).
import { loadNamedQueries } from '../../../queries/catalog.ts';
import { runConsoleQuery } from '../console.ts';
import { SEMANTIC_RELS } from '../serialize.ts';
import type { Routes } from './route.ts';

export const consoleRoutes: Routes = {
  query: {
    method: 'POST',
    handle: async ({ body, settings, signal }) => {
      const b = await body();
      const limits = { timeoutMs: settings.queryTimeoutMs, rowCap: settings.rowCap, byteBudget: settings.byteBudget, signal };
      if (settings.queryWorker) return settings.queryWorker.run(b['cypher'], b['params'], limits);
      return runConsoleQuery(b['cypher'], b['params'], { driver: settings.driver, database: settings.database, ...limits });
    },
  },
  queries: {
    method: 'GET',
    handle: async ({ settings }) => ({ queries: loadNamedQueries(settings.queriesDir) }),
  },
  schema: {
    method: 'GET',
    handle: async ({ read, settings }) => {
      const [labels, rels, props] = await Promise.all([
        read('CALL db.labels() YIELD label RETURN label'),
        read('CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t'),
        read('CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS k'),
      ]);
      return {
        labels: labels.map((r) => String(r.get('label'))),
        relationshipTypes: rels.map((r) => String(r.get('t'))),
        propertyKeys: props.map((r) => String(r.get('k'))),
        semanticRelationships: SEMANTIC_RELS,
        rowCap: settings.rowCap,
        queryTimeoutMs: settings.queryTimeoutMs,
      };
    },
  },
};
