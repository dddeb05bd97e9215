// Print a Score as plain-text tables: entity P/R/F1 per type, typed/untyped totals, core recall,
// relation P/R/F1 per type, then the misses and false positives to look at. Pure (returns a string).

import type { PRF, RelEnd, Score } from './score.ts';

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

function table(title: string, rows: Array<[string, PRF]>): string {
  const head = `${title.padEnd(18)}    P      R     F1     tp   fp   fn`;
  const lines = rows.map(([k, r]) => `${k.padEnd(18)} ${pct(r.precision)}  ${pct(r.recall)}  ${pct(r.f1)}  ${String(r.tp).padStart(5)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}`);
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}

const endText = (e: RelEnd): string =>
  'passage' in e ? `[${e.doc}: “${e.passage.slice(0, 50)}…”]` : 'doc' in e ? `{${e.doc}}` : `${e.type}:${e.name}`;

export function formatScore(s: Score, opts: { maxList?: number } = {}): string {
  const max = opts.maxList ?? 40;
  const list = <T>(title: string, xs: T[], show: (x: T) => string): string =>
    xs.length ? `\n${title} (${xs.length}):\n${xs.slice(0, max).map((x) => `  - ${show(x)}`).join('\n')}${xs.length > max ? `\n  … ${xs.length - max} more` : ''}` : '';
  const e = s.entities;
  const r = s.relations;
  return [
    table('ENTITIES', [...Object.entries(e.byType), ['typed (all)', e.typed], ['untyped (all)', e.untyped]] as Array<[string, PRF]>),
    `core-entity recall: ${pct(e.core.recall)}%  (${e.core.found}/${e.core.total})`,
    '',
    table('RELATIONS', [...Object.entries(r.byType).sort(), ['all', r.all]] as Array<[string, PRF]>),
    list('core entities missed', e.core.missed, (g) => `${g.type}: ${g.name}`),
    list('entity misses', e.misses, (g) => `${g.type}: ${g.name}`),
    list('entity false positives', e.falsePositives, (p) => `${p.type}: ${p.name}${p.aliases?.length ? `  (aka ${p.aliases.slice(0, 3).join(' | ')})` : ''}`),
    list('duplicates (resolution failures)', e.duplicates, (d) => `${d.predicted.type}: ${d.predicted.name}  → gold ${d.gold.name}`),
    list('wrong type', e.typeErrors, (d) => `${d.predicted.name}: predicted ${d.predicted.type}, gold ${d.gold.type}`),
    list('relation misses', r.misses, (m) => `${m.type} ${endText(m.from)} → ${endText(m.to)}`),
    list('relation false positives', r.falsePositives, (m) => `${m.type} ${endText(m.from)} → ${endText(m.to)}`),
  ].join('\n');
}
