/** Neo4j could not be reached or started. `retriable`: trying again later (or after fixing the cause) may work. */
export class DbUnavailable extends Error {
  retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbUnavailable';
  }
}

/** A local instance already owns the data dir; starting another cannot succeed until it is stopped. */
export class DbAlreadyRunning extends DbUnavailable {
  override retriable = false;
  constructor(
    readonly dataDir: string,
    readonly pid?: number,
    readonly uri?: string,
  ) {
    super(
      `Neo4j is already running for ${dataDir}` +
        (pid ? ` (pid ${pid}${uri ? `, ${uri}` : ''})` : ' (its store is locked by another process)') +
        '; stop it with npm run db:stop',
    );
    this.name = 'DbAlreadyRunning';
  }
}
