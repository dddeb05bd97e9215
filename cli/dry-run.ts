// `atlas ingest --dry-run`: load → segment → extract → resolve in memory and report what an ingest would
// write — documents, passages, entities by type, relations by type, per-file errors — without Neo4j.
import { ENTITY_TYPES, listSources, loadDocument, loadLexicon, prepare, resolve, type EntityType, type IngestSummary, type Prepared } from '../ingest/index.ts';
import { formatError, type Reportable } from './report.ts';

/** An ingest summary's counts, for what would be written. */
export interface DryRunSummary extends Pick<IngestSummary, 'sources' | 'failed' | 'passages' | 'mentions' | 'entitiesByType' | 'relationsByType' | 'relations'> {
  documents: number;
  errors: (Reportable & { source: string })[];
  /** Per document: what it would add. */
  perDocument: { source: string; title: string; passages: number; mentions: number }[];
}

const asReportable = (e: unknown, source: string): Reportable & { source: string } => {
  const x = e as { source?: string; message?: string; code?: string; position?: Reportable['position'] };
  return { source: x?.source ?? source, message: x?.message ?? String(e), code: x?.code ?? 'PARSE_FAILED', position: x?.position };
};

export async function dryRun(inputs: string[]): Promise<DryRunSummary> {
  const lexicon = loadLexicon();
  const { sources, errors: listErrors } = await listSources(inputs);
  const summary: DryRunSummary = {
    sources: sources.length + listErrors.length,
    documents: 0,
    failed: listErrors.length,
    passages: 0,
    mentions: 0,
    entitiesByType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number>,
    relationsByType: {},
    relations: 0,
    errors: listErrors.map((e) => asReportable(e, e.source)),
    perDocument: [],
  };
  const prepared: Prepared[] = [];
  for (const source of sources) {
    try {
      prepared.push(prepare(await loadDocument(source), lexicon));
    } catch (e) {
      summary.failed++;
      summary.errors.push(asReportable(e, source));
    }
  }
  // Resolved over the whole run, as an ingest of the same sources would.
  const resolved = resolve(prepared, lexicon);
  const mentionsByDoc = new Map<string, number>();
  for (const m of resolved.mentions) {
    const docId = m.passageId.slice(0, m.passageId.lastIndexOf(':p'));
    mentionsByDoc.set(docId, (mentionsByDoc.get(docId) ?? 0) + 1);
  }
  for (const p of prepared) {
    summary.documents++;
    summary.passages += p.passages.length;
    summary.perDocument.push({ source: p.doc.source, title: p.doc.meta.title ?? p.doc.name, passages: p.passages.length, mentions: mentionsByDoc.get(p.doc.id) ?? 0 });
  }
  summary.mentions = resolved.mentions.length;
  for (const e of resolved.entities) summary.entitiesByType[e.type]++;
  // One relation per (type, from, to), as the writer merges them.
  const seen = new Set<string>();
  for (const r of resolved.relations) {
    const key = `${r.type}|${r.from.kind}:${r.from.id}|${r.to.kind}:${r.to.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    summary.relationsByType[r.type] = (summary.relationsByType[r.type] ?? 0) + 1;
    summary.relations++;
  }
  return summary;
}

export function formatDryRun(s: DryRunSummary): string {
  const lines = [`Dry run: nothing written. Would ingest ${s.documents} document${s.documents === 1 ? '' : 's'} (${s.failed} failed)`];
  for (const d of s.perDocument) lines.push(`  ${d.source}  "${d.title}"  ${d.passages} passages, ${d.mentions} mentions`);
  lines.push(`  passages   ${s.passages}`);
  lines.push(`  mentions   ${s.mentions}`);
  lines.push('  entities   ' + Object.values(s.entitiesByType).reduce((a, b) => a + b, 0) + '  (' + Object.entries(s.entitiesByType).map(([t, n]) => `${t} ${n}`).join(', ') + ')');
  lines.push(`  relations  ${s.relations}${s.relations ? '  (' + Object.entries(s.relationsByType).map(([t, n]) => `${t} ${n}`).join(', ') + ')' : ''}`);
  if (s.errors.length) lines.push(`\n${s.errors.length} error${s.errors.length === 1 ? '' : 's'}:`, ...s.errors.map((e) => '  ' + formatError(e)));
  return lines.join('\n');
}
