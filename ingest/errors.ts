// Ingest's errors in Atlas's one vocabulary (errors/index.ts): a failure about one source (file or URL), with
// where in it (byte offset for decoding, character offset for text) and whether trying again may help.
import { AtlasError, type ErrorCode, type ErrorPosition } from '../errors/index.ts';

/** The codes a single source can fail with; the rest of the batch goes on. */
export type IngestErrorCode = Extract<
  ErrorCode,
  'EMPTY' | 'BINARY' | 'INVALID_UTF8' | 'TOO_LARGE' | 'UNREADABLE' | 'NOT_A_FILE' | 'UNSUPPORTED' | 'FETCH_FAILED' | 'PARSE_FAILED' | 'ENCRYPTED' | 'NO_TEXT_LAYER' | 'TIME_BUDGET' | 'WRITE_FAILED'
>;

export class IngestError extends AtlasError {
  declare readonly code: IngestErrorCode;
  /** File path or URL the error is about. */
  declare readonly source: string;

  /** `position` as a number is a byte offset (what the decoder reports). */
  constructor(code: IngestErrorCode, source: string, message: string, opts: { position?: number | ErrorPosition; retriable?: boolean; cause?: unknown } = {}) {
    const position = typeof opts.position === 'number' ? { unit: 'byte' as const, offset: opts.position } : opts.position;
    super(code, message, { source, position, retriable: opts.retriable, cause: opts.cause });
    this.name = 'IngestError';
  }
}
