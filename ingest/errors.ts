// One error vocabulary for the CLI, the API and the client: every failure says what it is about
// (file or URL, and where in it) and whether trying again might help.

export type IngestErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'INVALID_UTF8'
  | 'INVALID_ENCODING'
  | 'TOO_LARGE'
  | 'UNREADABLE'
  | 'NOT_A_FILE'
  | 'UNSUPPORTED'
  | 'FETCH_FAILED'
  | 'PARSE_FAILED'
  | 'ENCRYPTED'
  | 'NO_TEXT_LAYER'
  | 'WRITE_FAILED';

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  /** File path or URL the error is about. */
  readonly source: string;
  /** Byte offset (for decoding errors) or character offset, where known. */
  readonly position?: number;
  readonly retriable: boolean;

  constructor(code: IngestErrorCode, source: string, message: string, opts: { position?: number; retriable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'IngestError';
    this.code = code;
    this.source = source;
    this.position = opts.position;
    this.retriable = opts.retriable ?? false;
  }

  /** `path:position: message` — the form editors and terminals make clickable. */
  override toString(): string {
    const where = this.position === undefined ? this.source : `${this.source} (byte ${this.position})`;
    return `${where}: ${this.message}`;
  }
}

/** A query the read-only console refuses (writes, schema changes, admin commands). */
export class QueryRefused extends Error {
  readonly code = 'QUERY_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'QueryRefused';
  }
}
