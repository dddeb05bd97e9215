// Query results as a terminal table: columns sized to their content, long cells cut, nothing wrapped.
import { toJson } from '../web/server/serialize.ts';

export function cell(v: unknown): string {
  const j = toJson(v);
  if (j === null) return '';
  if (typeof j === 'string') return j;
  if (typeof j === 'object' && j !== null && '$node' in j) {
    const n = (j as { $node: { type: string; name: string } }).$node;
    return `(${n.type}: ${n.name})`;
  }
  if (typeof j === 'object' && j !== null && '$rel' in j) return `[:${(j as { $rel: { type: string } }).$rel.type}]`;
  if (typeof j === 'object' && j !== null && '$path' in j) {
    const p = (j as { $path: { nodes: { name: string }[] } }).$path;
    return p.nodes.map((n) => n.name).join(' — ');
  }
  return JSON.stringify(j);
}

export function formatTable(columns: string[], rows: unknown[][], maxWidth = 60): string {
  const text = rows.map((r) => r.map((v) => cell(v).replace(/\s+/g, ' ')).map((s) => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s)));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' │ ');
  const sep = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(columns), sep, ...text.map(line)].join('\n');
}
