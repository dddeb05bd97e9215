// How the CLI reports failures: every error as `source (unit offset): message`, and the exit code from the
// one table (errors/index.ts ERROR_CODES) — 0 all good, 1 some sources failed, 2 usage or connection.
import { AtlasError, ERROR_CODES, type ErrorCode, type ErrorPosition } from '../errors/index.ts';
import { fromDriverError } from '../errors/driver.ts';

export const EXIT = { OK: 0, SOURCES_FAILED: 1, USAGE_OR_CONNECTION: 2 } as const;

/** The help text's closing section, also the README's table. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  all good
  1  some sources failed (each printed as "source (unit offset): message"); the rest were written
  2  usage error, or Neo4j could not be reached, started or kept (nothing more was written)`;

/** What the CLI needs of a per-source error, whichever stage produced it. */
export interface Reportable {
  source?: string;
  message: string;
  code?: string;
  /** `{unit, offset}`, or a bare number for a byte offset (older ingest errors). */
  position?: ErrorPosition | number;
}

/** `source (unit offset): message [CODE]` — the form terminals and editors make clickable. */
export function formatError(e: Reportable): string {
  const pos = typeof e.position === 'number' ? { unit: 'byte', offset: e.position } : e.position;
  const where = e.source ? `${e.source}${pos ? ` (${pos.unit} ${pos.offset})` : ''}: ` : '';
  return `${where}${e.message}${e.code ? ` [${e.code}]` : ''}`;
}

const isCode = (c: unknown): c is ErrorCode => typeof c === 'string' && Object.hasOwn(ERROR_CODES, c);

/** HTTP statuses of errors raised by the API layer, in the table's terms (until they are AtlasErrors). */
const BY_HTTP: Record<number, ErrorCode> = { 400: 'QUERY_FAILED', 403: 'QUERY_REFUSED', 404: 'NOT_FOUND', 408: 'QUERY_TIMEOUT', 413: 'QUERY_TOO_LARGE', 503: 'DB_UNAVAILABLE' };

/** Anything thrown by a command, as an AtlasError with its code. */
export function asAtlasError(e: unknown): AtlasError {
  if (e instanceof AtlasError) return e;
  const x = e as { code?: unknown; status?: unknown; source?: unknown; message?: unknown };
  if (x && typeof x === 'object' && isCode(x.code)) return new AtlasError(x.code, String(x.message), { source: typeof x.source === 'string' ? x.source : undefined, cause: e });
  if (x && typeof x === 'object' && typeof x.status === 'number' && BY_HTTP[x.status]) return new AtlasError(BY_HTTP[x.status], String(x.message), { cause: e });
  return fromDriverError(e);
}

/** The exit code for a command that ended with this error. */
export const exitCodeOf = (e: unknown): 0 | 1 | 2 => asAtlasError(e).exitCode;
