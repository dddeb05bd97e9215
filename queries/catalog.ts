// The named queries in this folder: one `.cypher` file each, with a comment header that the CLI and the
// web client both read —  `// name:`, `// description:`, and `// param: <name> <string|int|float|bool> [default]`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export function parseNamedQuery(file: string, source: string): NamedQuery {
  const q: NamedQuery = { name: file.replace(/\.cypher$/, ''), file, description: '', params: [], cypher: '' };
  const body: string[] = [];
  for (const line of source.split('\n')) {
    const m = /^\/\/\s*(name|description|param):\s*(.*)$/.exec(line.trim());
    if (!m) {
      body.push(line);
      continue;
    }
    if (m[1] === 'name') q.name = m[2].trim();
    else if (m[1] === 'description') q.description = m[2].trim();
    else {
      const [name, type = 'string', ...rest] = m[2].trim().split(/\s+/);
      const t = (['string', 'int', 'float', 'bool'].includes(type) ? type : 'string') as QueryParam['type'];
      q.params.push({ name, type: t, ...(rest.length ? { default: rest.join(' ') } : {}) });
    }
  }
  q.cypher = body.join('\n').trim();
  return q;
}

export function loadNamedQueries(dir = QUERIES_DIR): NamedQuery[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseNamedQuery(f, readFileSync(join(dir, f), 'utf8')));
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
      if (Number.isNaN(n)) throw new Error(`parameter ${p.name} of ${q.name} must be an integer, got "${raw}"`);
      out[p.name] = n;
    } else if (p.type === 'float') out[p.name] = Number(raw);
    else if (p.type === 'bool') out[p.name] = raw === true || raw === 'true';
    else out[p.name] = String(raw);
  }
  return out;
}
