// One error vocabulary for the API: every failure leaves as `{ error: { code, message } }` with an HTTP
// status, and Neo4j's own errors are translated into sentences a user can act on.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'NotFound', `${what} was not found.`);
export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);
export const queryRefused = (message: string) => new ApiError(403, 'QueryRefused', message);

export const WRITE_REFUSED =
  'Write queries are not allowed: the console is read-only. Use MATCH … RETURN to read the graph; ' +
  'data changes go through `atlas ingest`.';

interface Neo4jLikeError {
  code?: string;
  message?: string;
}

/** Translate anything thrown while talking to Neo4j into an ApiError. */
export function toApiError(err: unknown, ctx: { timeoutMs?: number } = {}): ApiError {
  if (err instanceof ApiError) return err;
  const e = (err ?? {}) as Neo4jLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);

  if (
    /Writing in read access mode not allowed/i.test(message) ||
    code === 'Neo.ClientError.Statement.AccessMode' ||
    /AccessMode/.test(code)
  ) {
    return queryRefused(WRITE_REFUSED);
  }
  if (/TransactionTimedOut|Timeout/i.test(code) || /terminated.*timeout|timed out/i.test(message)) {
    const secs = ctx.timeoutMs ? ` after ${(ctx.timeoutMs / 1000).toFixed(0)} s` : '';
    return new ApiError(
      408,
      'QueryTimeout',
      `The query was stopped${secs}: it took longer than the server's time limit. Add a LIMIT or narrow the MATCH.`,
    );
  }
  if (code.startsWith('Neo.ClientError.Statement.SyntaxError')) {
    return new ApiError(400, 'SyntaxError', `Cypher syntax error: ${message}`);
  }
  if (code.startsWith('Neo.ClientError.Statement.ParameterMissing')) {
    return new ApiError(400, 'ParameterMissing', message);
  }
  if (code.startsWith('Neo.ClientError.Procedure') || code.startsWith('Neo.ClientError.Statement')) {
    return new ApiError(400, code.split('.').pop() || 'ClientError', message);
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|connect/i.test(message)) {
    return new ApiError(
      503,
      'DbUnavailable',
      'The Neo4j database is not reachable. Start it with `npm run db:start` and try again.',
    );
  }
  if (code.startsWith('Neo.ClientError.Security')) {
    return new ApiError(503, 'DbAuth', 'The server could not authenticate to Neo4j. Check its configured credentials.');
  }
  return new ApiError(500, code ? code.split('.').pop() || 'Internal' : 'Internal', message);
}
