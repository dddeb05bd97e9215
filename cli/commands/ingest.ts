// The commands that change what the graph holds: ingest (also --dry-run and --watch), remove, reset.
import { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { AtlasError } from '../../errors/index.ts';
import { EXIT, formatError } from '../report.ts';
import { withConnection, type Ui } from '../runtime.ts';

const isUrl = (s: string) => /^https?:\/\//i.test(s);
/** Stored sources are absolute paths (no trailing slash) or URLs. */
export const toStoredSource = (s: string) => (isUrl(s) ? s : resolve(s).replace(/(.)\/+$/, '$1'));

export function registerIngestCommands(program: Command, ui: () => Ui): void {
  program
    .command('ingest')
    .description('load, segment, extract, resolve and write documents (files, folders, http(s) URLs)')
    .argument('<sources...>', 'files, folders (recursive) or URLs')
    .option('--json', 'print the summary as JSON')
    .option('--batch <n>', 'documents per write transaction', (v) => Number.parseInt(v, 10), 100)
    .option('--dry-run', 'print what would be extracted (documents, passages, entities, relations, errors); write nothing, no Neo4j needed')
    .option('--watch', 'after ingesting, keep watching the folders: re-ingest what changes, remove what is deleted')
    .action(async (sources: string[], o: { json?: boolean; batch: number; dryRun?: boolean; watch?: boolean }) => {
      if (o.dryRun && o.watch) throw new AtlasError('USAGE', '--dry-run and --watch cannot be combined');
      if (o.dryRun) {
        const { dryRun, formatDryRun } = await import('../dry-run.ts');
        const s = await dryRun(sources);
        if (o.json) console.log(JSON.stringify(s, null, 2));
        else if (!ui().quiet) console.log(formatDryRun(s));
        else for (const e of s.errors) ui().warn(formatError(e));
        if (s.failed > 0) process.exitCode = EXIT.SOURCES_FAILED;
        return;
      }
      if (o.watch && sources.some(isUrl)) throw new AtlasError('USAGE', '--watch takes folders or files, not URLs');
      await withConnection(ui(), async (c) => {
        const { runIngest } = await import('../ingest.ts');
        const summary = await runIngest(c, sources, { json: o.json, batchSize: o.batch, ui: ui() });
        let failed = summary.failed;
        if (o.watch) {
          const { watchAndIngest } = await import('../watch.ts');
          failed += await watchAndIngest(c, sources, { ui: ui(), batchSize: o.batch });
        }
        if (failed > 0) process.exitCode = EXIT.SOURCES_FAILED;
      }, { hint: !o.watch });
    });

  program
    .command('remove')
    .description('remove documents and everything only they supported (passages, mentions, their evidence, orphaned entities and works)')
    .argument('<sources...>', 'the files, folders (every document under it) or URLs they were ingested from')
    .option('--json', 'print the summary as JSON')
    .action(async (sources: string[], o: { json?: boolean }) => {
      await withConnection(ui(), async (c) => {
        // Imported when run, so `atlas --help` and the other commands do not load extraction.
        const { removeSources } = await import('../../ingest/5-write/remove.ts');
        const { loadLexicon } = await import('../../ingest/lexicon.ts');
        const s = await removeSources({ driver: c.driver, database: c.database }, sources.map(toStoredSource), { lexicon: loadLexicon() });
        if (o.json) console.log(JSON.stringify(s, null, 2));
        else if (!ui().quiet) {
          console.log(`Removed ${s.removed.length} document${s.removed.length === 1 ? '' : 's'}: ${s.passages} passages, ${s.mentions} mentions, ${s.relations} relations, ${s.entities} entities, ${s.works} works`);
          for (const d of s.removed) console.log(`  ${d.source}`);
        }
        for (const src of s.notFound) ui().warn(`${src}: no ingested document has this source [NOT_FOUND]`);
        if (s.notFound.length) process.exitCode = EXIT.SOURCES_FAILED;
      });
    });

  program
    .command('reset')
    .description('empty the graph: every document, passage, entity, relation and work (asks first; --yes to skip)')
    .option('-y, --yes', 'do not ask')
    .action(async (o: { yes?: boolean }) => {
      if (!o.yes && !process.stdin.isTTY) throw new AtlasError('USAGE', 'reset empties the whole graph: pass --yes to confirm when there is no terminal to ask');
      await withConnection(ui(), async (c) => {
        if (!o.yes) {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          const answer = await rl.question(`Delete everything in the graph at ${c.uri}${c.database ? ` (database ${c.database})` : ''}? Type "yes" to confirm: `);
          rl.close();
          if (answer.trim().toLowerCase() !== 'yes') {
            ui().info('Nothing deleted.');
            return;
          }
        }
        const { resetGraph } = await import('../../ingest/5-write/remove.ts');
        const n = await resetGraph({ driver: c.driver, database: c.database });
        if (!ui().quiet) console.log(`Graph emptied: ${n} nodes deleted.`);
      });
    });
}
