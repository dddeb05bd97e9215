// Atlas's one error vocabulary. Every failure the CLI, the API or the client reports is an AtlasError:
// a stable `code`, whether trying again may help (`retriable`), the `source` it is about (file, URL, query,
// lexicon file, database) and, where known, the `position` in that source with its unit. The HTTP status and
// the CLI exit code come from the table below by code, never from message text.

/** Where in the source an error is: a byte offset (decoding), a character offset (text), a line, a page… */
export interface ErrorPosition {
  unit: 'byte' | 'char' | 'line' | 'page' | 'entry';
  offset: number;
}

/** Every code Atlas raises, with how the API and the CLI report it. */
export const ERROR_CODES = {
  // Ingest: one source could not be read or parsed (the rest of the batch goes on).
  EMPTY: { http: 422, exit: 1, retriable: false },
  BINARY: { http: 422, exit: 1, retriable: false },
  INVALID_UTF8: { http: 422, exit: 1, retriable: false },
  TOO_LARGE: { http: 413, exit: 1, retriable: false },
  UNREADABLE: { http: 422, exit: 1, retriable: false },
  NOT_A_FILE: { http: 422, exit: 1, retriable: false },
  UNSUPPORTED: { http: 415, exit: 1, retriable: false },
  FETCH_FAILED: { http: 502, exit: 1, retriable: true },
  PARSE_FAILED: { http: 422, exit: 1, retriable: false },
  ENCRYPTED: { http: 422, exit: 1, retriable: false },
  NO_TEXT_LAYER: { http: 422, exit: 1, retriable: false },
  TIME_BUDGET: { http: 422, exit: 1, retriable: false },
  WRITE_FAILED: { http: 500, exit: 1, retriable: true },
  // Lexicon and other data files.
  LEXICON_INVALID: { http: 500, exit: 2, retriable: false },
  // Database.
  DB_UNAVAILABLE: { http: 503, exit: 2, retriable: true },
  DB_AUTH: { http: 503, exit: 2, retriable: false },
  DB_ALREADY_RUNNING: { http: 409, exit: 2, retriable: false },
  DB_START_FAILED: { http: 503, exit: 2, retriable: false },
  // Queries (console, API, `atlas query`).
  QUERY_REFUSED: { http: 403, exit: 2, retriable: false },
  QUERY_SYNTAX: { http: 400, exit: 2, retriable: false },
  QUERY_PARAMETER: { http: 400, exit: 2, retriable: false },
  QUERY_TIMEOUT: { http: 408, exit: 2, retriable: true },
  QUERY_TOO_LARGE: { http: 413, exit: 2, retriable: false },
  QUERY_FAILED: { http: 400, exit: 2, retriable: false },
  QUERY_NOT_FOUND: { http: 404, exit: 2, retriable: false },
  QUERY_CANCELLED: { http: 499, exit: 2, retriable: false },
  /** A named query file in queries/ that cannot be read or whose header is malformed. */
  QUERIES_INVALID: { http: 500, exit: 2, retriable: false },
  // Requests and usage.
  BAD_REQUEST: { http: 400, exit: 2, retriable: false },
  NOT_FOUND: { http: 404, exit: 2, retriable: false },
  FORBIDDEN: { http: 403, exit: 2, retriable: false },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, exit: 2, retriable: false },
  METHOD_NOT_ALLOWED: { http: 405, exit: 2, retriable: false },
  REQUEST_TOO_LARGE: { http: 413, exit: 2, retriable: false },
  /** A request addressed to a host name the server does not answer to (DNS rebinding). */
  MISDIRECTED: { http: 421, exit: 2, retriable: false },
  USAGE: { http: 400, exit: 2, retriable: false },
  INTERNAL: { http: 500, exit: 2, retriable: false },
} as const satisfies Record<string, { http: number; exit: 0 | 1 | 2; retriable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AtlasErrorOptions {
  source?: string;
  position?: ErrorPosition;
  retriable?: boolean;
  cause?: unknown;
}

export class AtlasError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  /** The file, URL, query or data file the error is about. */
  readonly source?: string;
  readonly position?: ErrorPosition;

  constructor(code: ErrorCode, message: string, opts: AtlasErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AtlasError';
    this.code = code;
    this.source = opts.source;
    this.position = opts.position;
    this.retriable = opts.retriable ?? ERROR_CODES[code].retriable;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get exitCode(): 0 | 1 | 2 {
    return ERROR_CODES[this.code].exit;
  }

  /** `source (byte 12): message` — the form terminals and editors make clickable. */
  override toString(): string {
    if (!this.source) return this.message;
    const where = this.position ? `${this.source} (${this.position.unit} ${this.position.offset})` : this.source;
    return `${where}: ${this.message}`;
  }

  toJSON(): { code: ErrorCode; message: string; retriable: boolean; source?: string; position?: ErrorPosition } {
    return { code: this.code, message: this.message, retriable: this.retriable, source: this.source, position: this.position };
  }
}

export const isAtlasError = (e: unknown): e is AtlasError => e instanceof AtlasError;
