// Neo4j's errors in Atlas's vocabulary, classified by the driver's own status codes and retryable flag,
// never by the wording of the message (which changes between server versions and languages).
import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { AtlasError, type ErrorCode } from './index.ts';

/** Neo4j status codes (prefixes) and what they are in Atlas's terms. First match wins. */
const BY_STATUS: Array<[prefix: string, code: ErrorCode]> = [
  ['Neo.ClientError.Statement.AccessMode', 'QUERY_REFUSED'],
  ['Neo.ClientError.Security.Forbidden', 'QUERY_REFUSED'],
  ['Neo.ClientError.Transaction.TransactionTimedOut', 'QUERY_TIMEOUT'],
  ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'QUERY_TIMEOUT'],
  ['Neo.TransientError.Transaction.Terminated', 'QUERY_TIMEOUT'],
  ['Neo.ClientError.Transaction.Terminated', 'QUERY_TIMEOUT'],
  ['Neo.ClientError.Statement.SyntaxError', 'QUERY_SYNTAX'],
  ['Neo.ClientError.Statement.ParameterMissing', 'QUERY_PARAMETER'],
  ['Neo.ClientError.Statement.TypeError', 'QUERY_PARAMETER'],
  ['Neo.ClientError.Security.Unauthorized', 'DB_AUTH'],
  ['Neo.ClientError.Security.AuthenticationRateLimit', 'DB_AUTH'],
  ['Neo.ClientError.Security', 'DB_AUTH'],
  ['Neo.ClientError.Database.DatabaseNotFound', 'DB_UNAVAILABLE'],
  ['Neo.TransientError.General.DatabaseUnavailable', 'DB_UNAVAILABLE'],
  // A transaction over db.memory.transaction.max, or one that ran the JVM out of heap: too big, not gone.
  ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'QUERY_TOO_LARGE'],
  ['Neo.TransientError.General.OutOfMemoryError', 'QUERY_TOO_LARGE'],
  ['Neo.ClientError.Procedure', 'QUERY_FAILED'],
  ['Neo.ClientError.Statement', 'QUERY_FAILED'],
  ['Neo.ClientError.Schema', 'QUERY_FAILED'],
  // Driver-side codes: the connection is gone or never came.
  ['ServiceUnavailable', 'DB_UNAVAILABLE'],
  ['SessionExpired', 'DB_UNAVAILABLE'],
  ['ProtocolError', 'DB_UNAVAILABLE'],
];

/** The Atlas code for a driver error, or undefined when it is not one. */
export function driverErrorCode(err: unknown): ErrorCode | undefined {
  if (!(err instanceof Neo4jError)) return undefined;
  const status = err.code ?? '';
  for (const [prefix, code] of BY_STATUS) if (status === prefix || status.startsWith(prefix + '.')) return code;
  if (status.startsWith('Neo.TransientError')) return 'DB_UNAVAILABLE';
  return 'QUERY_FAILED';
}

/** Anything thrown while talking to Neo4j, as an AtlasError (an AtlasError passes through unchanged). */
export function fromDriverError(err: unknown, opts: { source?: string; message?: string } = {}): AtlasError {
  if (err instanceof AtlasError) return err;
  const code = driverErrorCode(err);
  const message = opts.message ?? (err instanceof Error ? err.message : String(err));
  if (!code) return new AtlasError('INTERNAL', message, { source: opts.source, cause: err });
  return new AtlasError(code, message, { source: opts.source, cause: err, retriable: isRetryableError(err) || undefined });
}

/** Whether trying the same work again may succeed (driver flag for Neo4j errors, table for Atlas's own). */
export function isRetriable(err: unknown): boolean {
  if (err instanceof AtlasError) return err.retriable;
  return err instanceof Neo4jError && isRetryableError(err);
}
