// GET /api/expand-groups/:id — how a node's neighbours split by relation type and neighbour type ("412 documents about this", "3
// people authored this"), so the explorer expands a big node group by group, each with its own "show
// more". Each group's members are then paged by /api/expand with `rels` and `types` set to the group.
import type { ExpandGroupsResponse } from '../api-types.ts';
import type { Read } from '../read.ts';
import { toNumber } from '../serialize.ts';
import { NODE_BY_ID, REL_PATTERN } from './cypher.ts';
import { byId, type Routes } from './route.ts';

export async function expandGroups(read: Read, id: string): Promise<ExpandGroupsResponse> {
  const recs = await read(
    `${NODE_BY_ID}
     MATCH (n)-[r:${REL_PATTERN}]-(m) WHERE m:Entity OR m:Document
     WITH type(r) AS rel, CASE WHEN m:Document THEN 'Document' ELSE m.type END AS type, m, startNode(r) = n AS out
     WITH rel, type, count(DISTINCT m) AS count, sum(CASE WHEN out THEN 1 ELSE 0 END) AS outs, count(*) AS rels
     RETURN rel, type, count, outs, rels ORDER BY count DESC, rel, type`,
    { id },
  );
  return {
    center: id,
    groups: recs.map((r) => ({
      rel: String(r.get('rel')),
      type: String(r.get('type')),
      count: toNumber(r.get('count')),
      direction: toNumber(r.get('outs')) === toNumber(r.get('rels')) ? 'out' : toNumber(r.get('outs')) > 0 ? 'both' : 'in',
    })),
  };
}

export const expandGroupRoutes: Routes = {
  'expand-groups': byId('/api/expand-groups/<id>', ({ read }, id) => expandGroups(read, id)),
};
