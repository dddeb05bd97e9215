// The database's errors in Atlas's one vocabulary (errors/index.ts): exit code 2 and HTTP 503/409 by code.
import { AtlasError, type AtlasErrorOptions } from '../errors/index.ts';

/** Neo4j could not be reached or started. Retriable: trying again later (or after fixing the cause) may work. */
export class DbUnavailable extends AtlasError {
  constructor(message: string, opts: AtlasErrorOptions & { code?: 'DB_UNAVAILABLE' | 'DB_START_FAILED' } = {}) {
    super(opts.code ?? 'DB_UNAVAILABLE', message, opts);
    this.name = 'DbUnavailable';
  }
}

/** A local instance already owns the data dir; starting another cannot succeed until it is stopped. */
export class DbAlreadyRunning extends AtlasError {
  constructor(
    readonly dataDir: string,
    readonly pid?: number,
    readonly uri?: string,
  ) {
    super(
      'DB_ALREADY_RUNNING',
      `Neo4j is already running for ${dataDir}` +
        (pid ? ` (pid ${pid}${uri ? `, ${uri}` : ''})` : ' (its store is locked by another process)') +
        '; stop it with npm run db:stop',
      { source: dataDir },
    );
    this.name = 'DbAlreadyRunning';
  }
}
