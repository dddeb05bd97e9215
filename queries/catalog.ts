// The named queries in this folder: one `.cypher` file each, with a comment header that the CLI and the
// web client both read —  `// name:`, `// description:`, and `// param: <name> <string|int|float|bool> [default]`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AtlasError } from '../errors/index.ts';

export const QUERIES_DIR = dirname(fileURLToPath(import.meta.url));

export interface QueryParam {
  name: string;
  type: 'string' | 'int' | 'float' | 'bool';
  default?: string;
}

export interface NamedQuery {
  name: string;
  file: string;
  description: string;
  params: QueryParam[];
  cypher: string;
}

const PARAM_TYPES: readonly string[] = ['string', 'int', 'float', 'bool'];

/** One query file. A malformed header line or a file without Cypher is an error naming the file and line. */
export function parseNamedQuery(file: string, source: string): NamedQuery {
  const q: NamedQuery = { name: file.replace(/\.cypher$/, ''), file, description: '', params: [], cypher: '' };
  const body: string[] = [];
  const invalid = (message: string, line: number) =>
    new AtlasError('QUERIES_INVALID', message, { source: file, position: { unit: 'line', offset: line } });
  for (const [i, line] of source.split('\n').entries()) {
    const m = /^\/\/\s*(name|description|param):\s*(.*)$/.exec(line.trim());
    if (!m) {
      body.push(line);
      continue;
    }
    if (m[1] === 'name') q.name = m[2].trim();
    else if (m[1] === 'description') q.description = m[2].trim();
    else {
      const [name, type = 'string', ...rest] = m[2].trim().split(/\s+/);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name ?? '')) throw invalid(`"// param:" needs a parameter name, got "${m[2].trim()}"`, i + 1);
      if (!PARAM_TYPES.includes(type)) throw invalid(`parameter ${name} has type "${type}"; use one of ${PARAM_TYPES.join(', ')}`, i + 1);
      q.params.push({ name, type: type as QueryParam['type'], ...(rest.length ? { default: rest.join(' ') } : {}) });
    }
  }
  q.cypher = body.join('\n').trim();
  if (!q.cypher) throw invalid('the file holds no Cypher below its header', source.split('\n').length);
  return q;
}

/** Every `.cypher` file of the folder, by file name. An unreadable folder or file is an error, never an
 *  empty list: a console that silently lists nothing hides the cause. */
export function loadNamedQueries(dir = QUERIES_DIR): NamedQuery[] {
  const read = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new AtlasError('QUERIES_INVALID', `cannot read ${what}: ${(err as Error).message}`, { source: what, cause: err });
    }
  };
  return read(dir, () => readdirSync(dir))
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseNamedQuery(f, read(join(dir, f), () => readFileSync(join(dir, f), 'utf8'))));
}

export function findNamedQuery(name: string, dir = QUERIES_DIR): NamedQuery | undefined {
  const all = loadNamedQueries(dir);
  return all.find((q) => q.name === name || q.file === name || q.file === `${name}.cypher`);
}

/**
 * Typed parameter values from `k=v` strings (CLI) or a plain object (API). Missing parameters take their
 * declared default, or null, so every query declares what it needs and nothing else gets through.
 */
export function bindParams(q: NamedQuery, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of q.params) {
    const raw = given[p.name] ?? p.default;
    if (raw === undefined || raw === null || raw === '') {
      out[p.name] = null;
      continue;
    }
    if (p.type === 'int') {
      const n = Number.parseInt(String(raw), 10);
      if (!/^\s*-?\d+\s*$/.test(String(raw)) || Number.isNaN(n)) {
        throw new AtlasError('QUERY_PARAMETER', `parameter ${p.name} of ${q.name} must be an integer, got "${raw}"`, { source: q.file });
      }
      out[p.name] = n;
    } else if (p.type === 'float') {
      const x = Number(raw);
      if (!Number.isFinite(x)) throw new AtlasError('QUERY_PARAMETER', `parameter ${p.name} of ${q.name} must be a number, got "${raw}"`, { source: q.file });
      out[p.name] = x;
    }
    else if (p.type === 'bool') out[p.name] = raw === true || raw === 'true';
    else out[p.name] = String(raw);
  }
  return out;
}
