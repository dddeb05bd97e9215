// Every /api/<route>, by name: one file per endpoint family. A new family adds its file and one line here.
import { consoleRoutes } from './console.ts';
import { documentRoutes } from './document.ts';
import { edgeRoutes } from './edge.ts';
import { entityRoutes } from './entity.ts';
import { expandGroupRoutes } from './expand-groups.ts';
import { expandRoutes } from './expand.ts';
import { healthRoutes } from './health.ts';
import { overviewRoutes } from './overview.ts';
import { pathRoutes } from './path.ts';
import type { Routes } from './route.ts';
import { searchRoutes } from './search.ts';
import { communityRoutes } from './communities.ts';
import { sourcesRoutes } from './sources.ts';
import { timelineRoutes } from './timeline.ts';

export const ROUTES: Routes = {
  ...healthRoutes,
  ...overviewRoutes,
  ...searchRoutes,
  ...entityRoutes,
  ...expandRoutes,
  ...expandGroupRoutes,
  ...edgeRoutes,
  ...documentRoutes,
  ...pathRoutes,
  ...consoleRoutes,
  ...communityRoutes,
  ...sourcesRoutes,
  ...timelineRoutes,
};

export type { Route, RouteContext, Routes, ServerSettings } from './route.ts';
