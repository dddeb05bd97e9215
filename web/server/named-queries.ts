// The saved queries of `queries/*.cypher`, read with the same parser as the CLI (queries/catalog.ts), so
// the console and `atlas query <name>` always agree on names, descriptions and parameters.
import { loadNamedQueries as loadCatalog } from '../../queries/catalog.ts';
import type { NamedQuery } from './api-types.ts';

export function loadNamedQueries(dir?: string): NamedQuery[] {
  try {
    return loadCatalog(dir).filter((q) => q.cypher);
  } catch {
    return []; // no queries folder: the console simply lists none
  }
}
