// `atlas ingest`: the pipeline with a progress bar and a closing summary.
import cliProgress from 'cli-progress';
import { basename } from 'node:path';
import { ingestSources, type IngestSummary } from '../ingest/index.ts';
import type { Connection } from './connect.ts';
import { formatTable } from './table.ts';

export async function runIngest(c: Connection, sources: string[], o: { json?: boolean; batchSize?: number }): Promise<IngestSummary> {
  const interactive = process.stderr.isTTY && !o.json;
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} documents | {eta_formatted} left | {file}', hideCursor: true, clearOnComplete: true, stream: process.stderr, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const summary = await ingestSources(sources, c.driver, {
    database: c.database,
    batchSize: o.batchSize,
    onProgress: ({ done, total, source, status }) => {
      if (interactive) {
        if (!started) bar.start(total, 0, { file: '' });
        started = true;
        bar.update(done, { file: basename(source) });
      } else if (!o.json) console.error(`[${done}/${total}] ${status.padEnd(9)} ${source}`);
    },
  });
  if (started) bar.stop();
  if (o.json) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(formatSummary(summary));
    const { graphStats } = await import('./stats.ts');
    const g = await graphStats(c.driver, c.database);
    const entities = Object.values(g.entities).reduce((a, b) => a + b, 0);
    const relations = Object.values(g.relations).reduce((a, b) => a + b, 0);
    console.log(`\nGraph now: ${g.documents} documents (${g.works} works), ${g.passages} passages, ${entities} entities, ${relations} relations, ${g.mentions} mentions`);
  }
  return summary;
}

export function formatSummary(s: IngestSummary): string {
  const lines: string[] = [];
  lines.push(`\nIngested ${s.written} document${s.written === 1 ? '' : 's'} (${s.unchanged} unchanged, ${s.failed} failed) in ${s.seconds.toFixed(1)} s`);
  lines.push(`  passages   ${s.passages}`);
  lines.push(`  mentions   ${s.mentions}`);
  lines.push(`  relations  ${s.relations}${s.relations ? '  (' + Object.entries(s.relationsByType).map(([t, n]) => `${t} ${n}`).join(', ') + ')' : ''}`);
  lines.push('  entities   ' + Object.values(s.entitiesByType).reduce((a, b) => a + b, 0) + '  (' + Object.entries(s.entitiesByType).map(([t, n]) => `${t} ${n}`).join(', ') + ')');
  if (s.errors.length) {
    lines.push(`\n${s.errors.length} error${s.errors.length === 1 ? '' : 's'}:`);
    lines.push(formatTable(['source', 'error', 'message'], s.errors.map((e) => [e.source + (e.position ? ` (${e.position.unit} ${e.position.offset})` : ''), e.code, e.message]), 90));
  }
  return lines.join('\n');
}
