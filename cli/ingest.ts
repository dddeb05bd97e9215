// `atlas ingest`: the pipeline with a progress bar, a closing summary and one line per failed source.
import cliProgress from 'cli-progress';
import { basename } from 'node:path';
import { ingestSources, type IngestSummary } from '../ingest/pipeline.ts';
import type { Connection } from './connect.ts';
import { formatError } from './report.ts';
import type { Ui } from './runtime.ts';
import { graphStats } from './stats.ts';

export async function runIngest(c: Connection, sources: string[], o: { json?: boolean; batchSize?: number; ui: Ui }): Promise<IngestSummary> {
  const interactive = process.stderr.isTTY && !o.json && !o.ui.quiet;
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} documents | {eta_formatted} left | {file}', hideCursor: true, clearOnComplete: true, stream: process.stderr, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const summary = await ingestSources(sources, c.driver, {
      database: c.database,
      batchSize: o.batchSize,
      onProgress: ({ done, total, source, status }) => {
        if (interactive) {
          if (!started) bar.start(total, 0, { file: '' });
          started = true;
          bar.update(done, { file: basename(source) });
        } else if (!o.json) o.ui.info(`[${done}/${total}] ${status.padEnd(9)} ${source}`);
      },
    });
    if (started) bar.stop();
    started = false;
    if (o.json) console.log(JSON.stringify(summary, null, 2));
    else if (!o.ui.quiet) {
      console.log(formatSummary(summary));
      const g = await graphStats(c.driver, c.database);
      const entities = Object.values(g.entities).reduce((a, b) => a + b, 0);
      const relations = Object.values(g.relations).reduce((a, b) => a + b, 0);
      console.log(`\nGraph now: ${g.documents} documents (${g.works} works), ${g.passages} passages, ${entities} entities, ${relations} relations, ${g.mentions} mentions`);
    }
    reportErrors(summary, o.ui);
    return summary;
  } finally {
    if (started) bar.stop();
  }
}

/** Failed sources, one `source (unit offset): message [CODE]` line each, on stderr (also under --quiet). */
export function reportErrors(s: Pick<IngestSummary, 'errors'>, ui: Ui): void {
  if (s.errors.length === 0) return;
  ui.warn(`${s.errors.length} source${s.errors.length === 1 ? '' : 's'} failed:`);
  for (const e of s.errors) ui.warn('  ' + formatError(e));
}

export function formatSummary(s: IngestSummary): string {
  const lines: string[] = [];
  lines.push(`\nIngested ${s.written} document${s.written === 1 ? '' : 's'} (${s.unchanged} unchanged, ${s.failed} failed) in ${s.seconds.toFixed(1)} s`);
  lines.push(`  passages   ${s.passages}`);
  lines.push(`  mentions   ${s.mentions}`);
  lines.push(`  relations  ${s.relations}${s.relations ? '  (' + Object.entries(s.relationsByType).map(([t, n]) => `${t} ${n}`).join(', ') + ')' : ''}`);
  lines.push('  entities   ' + Object.values(s.entitiesByType).reduce((a, b) => a + b, 0) + '  (' + Object.entries(s.entitiesByType).map(([t, n]) => `${t} ${n}`).join(', ') + ')');
  return lines.join('\n');
}
