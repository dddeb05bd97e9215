// Query parameters: the `$name`s a query uses, and the typed value of each input.

export interface ParamDef {
  name: string;
  type: string;
  value: string;
}

/** `$name` parameters used by a query (outside string literals and comments). */
export function paramNames(cypher: string): string[] {
  const stripped = cypher
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const out: string[] = [];
  for (const m of stripped.matchAll(/\$(\w+)/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** An input's text as the parameter's type; empty is null, bad JSON stays text. */
export function convert(type: string, raw: string): unknown {
  const v = raw.trim();
  if (v === '') return null;
  if (type === 'int') return Number.parseInt(v, 10);
  if (type === 'float') return Number(v);
  if (type === 'bool') return v === 'true';
  if (type === 'json') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return raw;
}

/** The input for a parameter given as a value (from a link or the history): its type and text. */
export function paramFromValue(name: string, g: unknown): ParamDef {
  const type = typeof g === 'number' ? (Number.isInteger(g) ? 'int' : 'float') : typeof g === 'boolean' ? 'bool' : typeof g === 'object' && g !== null ? 'json' : 'string';
  return { name, type, value: g == null ? '' : typeof g === 'object' ? JSON.stringify(g) : String(g) };
}

export function paramValues(params: ParamDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) out[p.name] = convert(p.type, p.value);
  return out;
}
