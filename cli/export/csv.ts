// CSV nodes and edges that open in a spreadsheet and load with `neo4j-admin database import full
// --array-delimiter="|"`: neo4j-admin's header forms (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`,
// `name:long`, `aliases:string[]`), lists joined with `|`, and on edges the evidence columns (each list,
// plus `evidenceText` with the sentences joined and `evidenceDocuments`).
import { stringify } from 'csv-stringify/sync';
import { evidenceColumns, type ExportGraph } from './read.ts';

export const ARRAY_DELIMITER = '|';

type Props = Record<string, unknown>;
type Column = { key: string; type: string; array: boolean };

const scalarType = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : typeof v === 'boolean' ? 'boolean' : 'string');

/** One neo4j-admin type per property over all rows; mixed types fall back to string. */
function columns(rows: Props[], skip: Set<string>): Column[] {
  const cols = new Map<string, Column>();
  for (const r of rows)
    for (const [key, v] of Object.entries(r)) {
      if (skip.has(key) || v === null || v === undefined) continue;
      const array = Array.isArray(v);
      const first = array ? (v as unknown[]).find((x) => x !== null && x !== undefined) : v;
      const type = first === undefined ? undefined : scalarType(first);
      const prev = cols.get(key);
      if (!prev) cols.set(key, { key, type: type ?? 'string', array });
      else if ((type && prev.type !== type) || prev.array !== array) {
        const numeric = type && ['long', 'double'].includes(prev.type) && ['long', 'double'].includes(type);
        cols.set(key, { key, type: numeric && prev.array === array ? 'double' : 'string', array: prev.array && array });
      }
    }
  return [...cols.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A list element must not contain the delimiter; `¦` stands in for it. */
const cell = (v: unknown, c: Column): string => {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    const items = v.map((x) => (typeof x === 'string' ? x.replaceAll(ARRAY_DELIMITER, '¦') : JSON.stringify(x)));
    return c.array ? items.join(ARRAY_DELIMITER) : JSON.stringify(v);
  }
  return typeof v === 'string' ? v : String(v);
};

const header = (c: Column) => `${c.key}:${c.type}${c.array ? '[]' : ''}`;

export function toCsv(g: ExportGraph): { nodes: string; edges: string } {
  const nodeCols = columns(g.nodes.map((n) => n.properties), new Set(['id']));
  const nodes = stringify([
    ['id:ID', ':LABEL', ...nodeCols.map(header)],
    ...g.nodes.map((n) => [n.id, n.labels.join(ARRAY_DELIMITER), ...nodeCols.map((c) => cell(n.properties[c.key], c))]),
  ]);
  const edgeRows = g.edges.map((e) => ({ ...e.properties, ...(e.properties.evidenceKeys ? evidenceColumns(e) : {}) }) as Props);
  const edgeCols = columns(edgeRows, new Set());
  const edges = stringify([
    [':START_ID', ':END_ID', ':TYPE', ...edgeCols.map(header)],
    ...g.edges.map((e, i) => [e.source, e.target, e.type, ...edgeCols.map((c) => cell(edgeRows[i][c.key], c))]),
  ]);
  return { nodes, edges };
}
