// What every command shares: the --quiet switch, the connection to Neo4j for the length of the command,
// and the hint to keep `atlas db start` running when the command had to start a JVM of its own.
import { connect, type Connection } from './connect.ts';

export interface Ui {
  quiet: boolean;
  /** Progress and informational lines (stderr); silent with --quiet. */
  info(line: string): void;
  /** Errors and warnings (stderr); always printed. */
  warn(line: string): void;
}

export function makeUi(quiet: boolean): Ui {
  return {
    quiet,
    info: (line) => {
      if (!quiet) console.error(line);
    },
    warn: (line) => console.error(line),
  };
}

export const keepRunningHint = (seconds: number) =>
  `hint: this command started Neo4j itself (${seconds.toFixed(0)} s of JVM start-up) and stops it again when it ends; ` +
  'keep `atlas db start` running in another terminal so that every command reuses it.';

/**
 * Runs `fn` with a connection, closing it (and any Neo4j it started) however `fn` ends. Short commands that
 * had to start Neo4j say how to avoid that; long-running ones (serve, demo) pass `hint: false`.
 */
export async function withConnection<T>(ui: Ui, fn: (c: Connection) => Promise<T>, opts: { hint?: boolean } = {}): Promise<T> {
  const t0 = performance.now();
  const c = await connect({ log: ui.info });
  const startSeconds = (performance.now() - t0) / 1000;
  try {
    return await fn(c);
  } finally {
    await c.close();
    if (c.ownsServer && opts.hint !== false) ui.info(keepRunningHint(startSeconds));
  }
}
