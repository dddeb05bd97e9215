// What an endpoint is: its method and a handler from a parsed request to the JSON it answers. Each file in
// this folder exports the routes of one endpoint family; index.ts puts them in one table.
import type http from 'node:http';
import type { Driver } from 'neo4j-driver';
import { requireArg, type QueryParams } from '../http.ts';
import type { QueryWorker } from '../query-worker.ts';
import type { Read } from '../read.ts';

export interface ServerSettings {
  driver: Driver;
  database?: string;
  queryTimeoutMs: number;
  rowCap: number;
  queriesDir: string;
  byteBudget?: number;
  /** Where console queries run when the server knows its Neo4j target: a worker with a capped heap. */
  queryWorker?: QueryWorker;
}

export interface RouteContext {
  read: Read;
  /** The percent-decoded rest of the path after /api/<route>/ ('' when none). */
  arg: string;
  query: QueryParams;
  /** The JSON object body of a POST (media type, size and depth checked). */
  body(): Promise<Record<string, unknown>>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  settings: ServerSettings;
  req: http.IncomingMessage;
}

export interface Route {
  method: 'GET' | 'POST';
  handle(ctx: RouteContext): Promise<unknown>;
}

export type Routes = Record<string, Route>;

/** A GET route on one node or edge: /api/<route>/<id>, the id required. */
export function byId(usage: string, answer: (ctx: RouteContext, id: string) => Promise<unknown>): Route {
  return {
    method: 'GET',
    handle: (ctx) => {
      requireArg(ctx.arg, usage);
      return answer(ctx, ctx.arg);
    },
  };
}
