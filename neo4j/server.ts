// The local Neo4j's public face: build (build.ts), launch and stop (launch.ts), the running instance's record
// (server-info.ts), and which server a command talks to (target.ts). Callers import from here.
export { buildLauncher } from './build.ts';
export { openDriver, verifyConnectivity, type Neo4jTarget } from './connect.ts';
export { DbAlreadyRunning, DbUnavailable } from './errors.ts';
export { launch, runForeground, startLocalNeo4j, type LocalNeo4j } from './launch.ts';
export { DEFAULT_DATA_DIR } from './paths.ts';
export { localStatus, stopLocalNeo4j } from './server-info.ts';
export { resolveTarget } from './target.ts';
