// What an API client is told when something fails. Atlas's own errors pass as they are; anything else is
// a Neo4j error from the explorer's own Cypher (classified by errors/driver.ts, by status code and the
// retryable flag) or a bug. Its raw message quotes internal Cypher, so it never leaves the server: the
// client gets the code's sentence, the log gets the details.
import { AtlasError, type ErrorCode } from '../../errors/index.ts';
import { fromDriverError } from '../../errors/driver.ts';

const SENTENCES: Partial<Record<ErrorCode, string>> = {
  DB_UNAVAILABLE: 'The Neo4j database is not reachable. Start it with `npm run db:start` and try again.',
  DB_AUTH: 'The server could not authenticate to Neo4j. Check its configured credentials.',
  QUERY_TIMEOUT: "The request was stopped: it took longer than the server's time limit.",
};

export function presentError(err: unknown): AtlasError {
  if (err instanceof AtlasError) return err;
  const e = fromDriverError(err);
  const sentence = SENTENCES[e.code];
  if (sentence) return new AtlasError(e.code, sentence, { retriable: e.retriable, cause: err });
  return new AtlasError('INTERNAL', 'The server could not answer this request; the details are in its log.', { cause: err });
}
