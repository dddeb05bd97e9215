// The explorer's server side: `startServer` for `atlas serve`, `startDevServer` for `npm run dev`.
export { startServer } from './server.ts';
export type { ServerOptions, RunningServer } from './server.ts';
export { startDevServer } from './dev.ts';
export type { DevOptions } from './dev.ts';
export { runConsoleQuery } from './console.ts';
export { loadNamedQueries } from '../../queries/catalog.ts';
export type * from './api-types.ts';
export { assertReadOnlyQuery, checkQueryText, ALLOWED_PROCEDURES } from './query-guard.ts';
