// GET /api/health: the database answers, and how many entities it holds.
import { toNumber } from '../serialize.ts';
import type { Routes } from './route.ts';

export const healthRoutes: Routes = {
  health: {
    method: 'GET',
    handle: async ({ read }) => {
      const [r] = await read('MATCH (e:Entity) RETURN count(e) AS n');
      return { ok: true, entities: r ? toNumber(r.get('n')) : 0 };
    },
  },
};
