// The long-running commands: serve, demo, dev, and the local Neo4j's db start|stop|status; plus eval and bench.
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Connection } from '../connect.ts';
import { EXIT } from '../report.ts';
import { withConnection, type Ui } from '../runtime.ts';
import { REPO_ROOT } from '../paths.ts';

/** The shared seeds beside a checkout (a development set-up); absent in a fresh clone or an install. */
export const DEFAULT_SEEDS = resolve(REPO_ROOT, '..', 'shared', 'seeds');
/** The demo corpus shipped in the repository and the package (examples/SOURCES.md holds its licences). */
export const EXAMPLES = join(REPO_ROOT, 'examples', 'corpus');

/** What `atlas demo` ingests when given nothing: the shipped examples, plus the seeds where they exist. */
export function demoSources(): string[] {
  return [EXAMPLES, DEFAULT_SEEDS].filter((p) => existsSync(p));
}

async function serveUntilStopped(c: Connection, o: { port: number; host: string }, ui: Ui): Promise<void> {
  const { serveExplorer } = await import('../serve.ts');
  const server = await serveExplorer(c, o, ui);
  // The URL is the command's output: printed even with --quiet.
  console.log(`\nAtlas explorer: ${server.url}   (Ctrl+C to stop)`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  ui.info('\nstopping…');
  await server.close();
}

const portOption = (v: string) => Number.parseInt(v, 10);

export function registerServerCommands(program: Command, ui: () => Ui): void {
  program
    .command('serve')
    .description('serve the explorer and its read-only API (builds the client first if needed)')
    .option('--port <n>', 'port', portOption, Number(process.env.ATLAS_PORT) || 4318)
    .option('--host <host>', 'interface to listen on', process.env.ATLAS_HOST ?? '127.0.0.1')
    .action(async (o: { port: number; host: string }) => {
      await withConnection(ui(), (c) => serveUntilStopped(c, o, ui()), { hint: false });
    });

  program
    .command('demo')
    .description('the main job: start Neo4j, ingest the examples (and ../shared/seeds where it exists) or the given sources, serve the explorer and print its URL')
    .argument('[sources...]', 'files, folders or URLs', [])
    .option('--port <n>', 'port', portOption, Number(process.env.ATLAS_PORT) || 4318)
    .option('--host <host>', 'interface to listen on', process.env.ATLAS_HOST ?? '127.0.0.1')
    .option('--no-serve', 'ingest and print the summary, then exit')
    .action(async (sources: string[], o: { port: number; host: string; serve: boolean }) => {
      const inputs = sources.length ? sources : demoSources();
      const { runIngest } = await import('../ingest.ts');
      await withConnection(ui(), async (c) => {
        if (inputs.length) {
          const summary = await runIngest(c, inputs, { ui: ui() });
          if (summary.failed > 0) process.exitCode = EXIT.SOURCES_FAILED;
        } else ui().warn('nothing to ingest: no examples/ folder and no ../shared/seeds; give files, folders or URLs');
        if (o.serve) await serveUntilStopped(c, o, ui());
      }, { hint: !o.serve });
    });

  program
    .command('dev')
    .description('API on ATLAS_API_PORT (4318) + Vite dev server with hot reload, API proxied (needs the dev dependencies)')
    .action(async () => {
      const { runDev } = await import('../dev.ts');
      await withConnection(ui(), (c) => runDev(c), { hint: false });
    });

  const db = program.command('db').description('the local Neo4j that Atlas runs when NEO4J_URI is not set');
  db.command('start').description('start Neo4j in the foreground (Ctrl+C stops it); other commands reuse it').action(async () => {
    const { runForeground } = await import('../../neo4j/server.ts');
    await runForeground();
  });
  db.command('stop').description('stop the local Neo4j started by db start or demo').action(async () => {
    const { stopLocalNeo4j } = await import('../../neo4j/server.ts');
    console.log((await stopLocalNeo4j()) ? 'Neo4j stopped.' : 'Neo4j was not running.');
  });
  db.command('status').description('is the local Neo4j running, and where (exit code 3 when it is not)').action(async () => {
    const { localStatus } = await import('../../neo4j/server.ts');
    const s = await localStatus();
    console.log(s.running ? `running: ${s.uri} (pid ${s.pid}, data in ${s.dataDir})` : `not running (data in ${s.dataDir})`);
    if (!s.running) process.exitCode = 3;
  });

  program
    .command('eval')
    .description('score the extracted graph against the gold annotations of the seeds and of the dev set in ../shared/eval')
    .option('--gold <file>', 'gold annotations', join(REPO_ROOT, 'gold', 'seeds.json'))
    .option('--seeds <dir>', 'the documents the gold file annotates', DEFAULT_SEEDS)
    .option('--no-dev', 'score the seeds only (the dev set runs in a throwaway Neo4j of its own)')
    .option('--json', 'print the scores as JSON')
    .action(async (o: { gold: string; seeds: string; json?: boolean; dev?: boolean }) => {
      const { runEval } = await import('../../eval/from-neo4j.ts');
      await withConnection(ui(), (c) => runEval(c, o));
    });

  program
    .command('bench')
    .description('benchmark ingest stages on the shared corpora (ratios within one run)')
    .option('--docs <n>', 'documents to sample', (v) => Number.parseInt(v, 10), 600)
    .option('--all', 'the whole of ../shared/corpora instead of a sample')
    .option('--no-api', 'skip the API latency figures on synthetic graphs')
    .option('--api-only', 'only the API figures: latency on synthetic graphs of 1k, 10k, 100k entities and the load test')
    .option('--out <file>', 'with --api-only: where to write the JSON report (default bench/results/<date>-api.json)')
    .action(async (o: { docs: number; all?: boolean; api?: boolean; apiOnly?: boolean; out?: string }) => {
      // The benchmark always writes into a throwaway Neo4j of its own, never into the user's graph.
      if (o.apiOnly) {
        const { runApiBench } = await import('../../bench/api-bench.ts');
        return runApiBench({ out: o.out });
      }
      const { runBench } = await import('../../bench/run.ts');
      await runBench(o);
    });
}
