// GraphML for Gephi and yEd: typed attribute keys, a `label` on every node, and on every edge its evidence
// (the supporting sentences joined in `evidenceText`, the lists as JSON text since GraphML has no list type).
import { evidenceColumns, nodeLabel, type ExportGraph } from './read.ts';

const xml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

type Props = Record<string, unknown>;

/** One GraphML type per attribute over all items: long, double, boolean, else string. */
function keyTypes(items: Props[]): Map<string, string> {
  const types = new Map<string, string>();
  for (const it of items)
    for (const [k, v] of Object.entries(it)) {
      if (v === null || v === undefined) continue;
      const t = typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : typeof v === 'boolean' ? 'boolean' : 'string';
      const prev = types.get(k);
      types.set(k, prev && prev !== t ? (prev === 'long' && t === 'double' ? 'double' : prev === 'double' && t === 'long' ? 'double' : 'string') : t);
    }
  return types;
}

export function toGraphML(g: ExportGraph): string {
  const nodes = g.nodes.map((n) => ({ id: n.id, data: { label: nodeLabel(n), labels: n.labels.join(':'), ...n.properties } as Props }));
  const edges = g.edges.map((e) => {
    const ev = evidenceColumns(e);
    return { source: e.source, target: e.target, data: { type: e.type, ...e.properties, ...(e.properties.evidenceKeys ? ev : {}) } as Props };
  });
  const nodeKeys = keyTypes(nodes.map((n) => n.data));
  const edgeKeys = keyTypes(edges.map((e) => e.data));
  const value = (v: unknown) => xml(typeof v === 'string' ? v : JSON.stringify(v));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [k, t] of nodeKeys) out.push(`  <key id="n_${xml(k)}" for="node" attr.name="${xml(k)}" attr.type="${t}"/>`);
  for (const [k, t] of edgeKeys) out.push(`  <key id="e_${xml(k)}" for="edge" attr.name="${xml(k)}" attr.type="${t}"/>`);
  out.push('  <graph id="atlas" edgedefault="directed">');
  const data = (prefix: string, d: Props) =>
    Object.entries(d).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `      <data key="${prefix}_${xml(k)}">${value(v)}</data>`);
  for (const n of nodes) out.push(`    <node id="${xml(n.id)}">`, ...data('n', n.data), '    </node>');
  edges.forEach((e, i) => out.push(`    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}">`, ...data('e', e.data), '    </edge>'));
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
