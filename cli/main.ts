// The `atlas` command line. Each command is a thin adapter over the ingest pipeline, the named queries,
// the Neo4j lifecycle and the web server.
import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { bindParams, findNamedQuery, loadNamedQueries } from '../queries/catalog.ts';
import { formatTable } from './table.ts';
import { graphStats } from './stats.ts';
import { connect, type Connection } from './connect.ts';
import { toJson } from '../web/server/serialize.ts';
import { runConsoleQuery } from '../web/server/console.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SEEDS = resolve(REPO_ROOT, '..', 'shared', 'seeds');

const program = new Command();
program
  .name('atlas')
  .description('Atlas: documents in, a knowledge graph with sentence-level provenance out, and an explorer to browse it.\n' +
    'Uses the Neo4j at NEO4J_URI (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) or starts its own.')
  .showHelpAfterError();

program
  .command('ingest')
  .description('load, segment, extract, resolve and write documents (files, folders, http(s) URLs)')
  .argument('<sources...>', 'files, folders (recursive) or URLs')
  .option('--json', 'print the summary as JSON')
  .option('--batch <n>', 'documents per write transaction', (v) => Number.parseInt(v, 10), 100)
  .action(async (sources: string[], o: { json?: boolean; batch: number }) => {
    await withConnection(async (c) => {
      const { runIngest } = await import('./ingest.ts');
      const summary = await runIngest(c, sources, { json: o.json, batchSize: o.batch });
      if (summary.failed > 0) process.exitCode = 1;
    });
  });

program
  .command('query')
  .description('run Cypher (read-only unless --write) or a named query from queries/, and print a table')
  .argument('[cypher]', 'the Cypher text')
  .option('-n, --name <query>', 'a named query (file in queries/ without .cypher)')
  .option('-p, --param <k=v>', 'a query parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--json', 'print rows as JSON')
  .option('--write', 'allow writes (off by default: queries run in read access mode)')
  .option('--limit <n>', 'row cap', (v) => Number.parseInt(v, 10), 1000)
  .option('--list', 'list the named queries')
  .action(async (cypherArg: string | undefined, o: { name?: string; param: string[]; json?: boolean; write?: boolean; limit: number; list?: boolean }) => {
    if (o.list) {
      for (const q of loadNamedQueries()) console.log(`${q.name.padEnd(18)} ${q.description}${q.params.length ? `\n${' '.repeat(19)}params: ${q.params.map((p) => `${p.name}${p.default ? `=${p.default}` : ''}`).join(', ')}` : ''}`);
      return;
    }
    const given = Object.fromEntries(o.param.map((kv) => {
      const i = kv.indexOf('=');
      if (i < 1) throw new Error(`--param expects k=v, got "${kv}"`);
      return [kv.slice(0, i), kv.slice(i + 1)];
    }));
    let cypher = cypherArg;
    let params: Record<string, unknown> = given;
    if (o.name) {
      const q = findNamedQuery(o.name);
      if (!q) throw new Error(`no named query "${o.name}"; see atlas query --list`);
      cypher = q.cypher;
      params = bindParams(q, given);
    }
    if (!cypher) throw new Error('give a Cypher query or --name <query>; see atlas query --help');
    await withConnection(async (c) => {
      let columns: string[];
      let rows: unknown[][];
      let truncated = false;
      if (o.write) {
        const res = await c.driver.executeQuery(cypher!, toNeo4jParams(params), { database: c.database });
        columns = res.keys.map(String);
        rows = res.records.map((r) => r.keys.map((k) => r.get(k)));
      } else {
        // The same read-only runner as the web console: read access mode, time limit, row cap.
        const res = await runConsoleQuery(cypher!, params, { driver: c.driver, database: c.database, timeoutMs: 60_000, rowCap: o.limit }).catch((e: Error) => {
          throw new Error(/write|read-only/i.test(e.message) ? `${e.message} (use --write to allow writes from the CLI)` : e.message);
        });
        columns = res.columns;
        rows = res.rows as unknown[][];
        truncated = res.truncated;
      }
      if (o.json) console.log(JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((k, i) => [k, toJson(r[i])]))), null, 2));
      else {
        console.log(rows.length ? formatTable(columns, rows) : '(no rows)');
        console.log(`\n${rows.length} row${rows.length === 1 ? '' : 's'}${truncated ? ` (capped at ${o.limit}; use --limit)` : ''}`);
      }
    });
  });

program
  .command('export')
  .description('export the graph as JSON or GraphML (Gephi, Cytoscape desktop)')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'graphml']).default('json'))
  .option('-o, --out <file>', 'write to a file instead of standard output')
  .option('--passages', 'include passages and their MENTIONS edges')
  .action(async (o: { format: 'json' | 'graphml'; out?: string; passages?: boolean }) => {
    await withConnection(async (c) => {
      const { readGraph, toGraphML } = await import('./export.ts');
      const g = await readGraph(c.driver, c.database, { passages: o.passages });
      const text = o.format === 'graphml' ? toGraphML(g) : JSON.stringify(g, null, 2) + '\n';
      if (o.out) {
        writeFileSync(o.out, text);
        console.error(`wrote ${g.nodes.length} nodes and ${g.edges.length} edges to ${o.out}`);
      } else process.stdout.write(text);
    });
  });

program
  .command('stats')
  .description('counts of documents, works, passages, entities by type and relations by type')
  .option('--json', 'print as JSON')
  .action(async (o: { json?: boolean }) => {
    await withConnection(async (c) => {
      const s = await graphStats(c.driver, c.database);
      if (o.json) console.log(JSON.stringify(s, null, 2));
      else {
        console.log(`documents ${s.documents}   works ${s.works}   passages ${s.passages}   mentions ${s.mentions}`);
        console.log('\nentities');
        console.log(formatTable(['type', 'count'], Object.entries(s.entities)));
        console.log('\nrelations');
        console.log(formatTable(['type', 'count'], Object.entries(s.relations)));
      }
    });
  });

const db = program.command('db').description('the local Neo4j that Atlas runs when NEO4J_URI is not set');
db.command('start').description('start Neo4j in the foreground (Ctrl+C stops it)').action(async () => {
  const { runForeground } = await import('../neo4j/server.ts');
  await runForeground();
});
db.command('stop').description('stop the local Neo4j started by db start or demo').action(async () => {
  const { stopLocalNeo4j } = await import('../neo4j/server.ts');
  console.log((await stopLocalNeo4j()) ? 'Neo4j stopped.' : 'Neo4j was not running.');
});
db.command('status').description('is the local Neo4j running, and where').action(async () => {
  const { localStatus } = await import('../neo4j/server.ts');
  const s = await localStatus();
  console.log(s.running ? `running: ${s.uri} (pid ${s.pid}, data in ${s.dataDir})` : `not running (data in ${s.dataDir})`);
  if (!s.running) process.exitCode = 3;
});

program
  .command('serve')
  .description('serve the explorer and its read-only API (builds the client first if needed)')
  .option('--port <n>', 'port', (v) => Number.parseInt(v, 10), Number(process.env.ATLAS_PORT) || 4318)
  .option('--host <host>', 'interface to listen on', process.env.ATLAS_HOST ?? '127.0.0.1')
  .action(async (o: { port: number; host: string }) => {
    await withConnection(async (c) => serveUntilStopped(c, o), { keepOpen: true });
  });

program
  .command('demo')
  .description('the main job: start Neo4j, ingest the seeds (or the given sources), serve the explorer and print its URL')
  .argument('[sources...]', 'files, folders or URLs', [])
  .option('--port <n>', 'port', (v) => Number.parseInt(v, 10), Number(process.env.ATLAS_PORT) || 4318)
  .option('--host <host>', 'interface to listen on', process.env.ATLAS_HOST ?? '127.0.0.1')
  .option('--no-serve', 'ingest and print the summary, then exit')
  .action(async (sources: string[], o: { port: number; host: string; serve: boolean }) => {
    const inputs = sources.length ? sources : [DEFAULT_SEEDS];
    const { runIngest } = await import('./ingest.ts');
    await withConnection(async (c) => {
      await runIngest(c, inputs, {});
      if (o.serve) await serveUntilStopped(c, o);
    }, { keepOpen: o.serve });
  });

program
  .command('eval')
  .description('score the extracted graph against the gold annotations of the seeds and of the dev set in ../shared/eval')
  .option('--gold <file>', 'gold annotations', join(REPO_ROOT, 'gold', 'seeds.json'))
  .option('--seeds <dir>', 'the documents the gold file annotates', DEFAULT_SEEDS)
  .option('--no-dev', 'score the seeds only (the dev set runs in a throwaway Neo4j of its own)')
  .option('--json', 'print the scores as JSON')
  .action(async (o: { gold: string; seeds: string; json?: boolean; dev?: boolean }) => {
    const { runEval } = await import('../eval/from-neo4j.ts');
    await withConnection((c) => runEval(c, o));
  });

program
  .command('bench')
  .description('benchmark ingest stages on the shared corpora (ratios within one run)')
  .option('--docs <n>', 'documents to sample', (v) => Number.parseInt(v, 10), 600)
  .action(async (o: { docs: number }) => {
    // The benchmark always writes into a throwaway Neo4j of its own, never into the user's graph.
    const { runBench } = await import('../bench/run.ts');
    await runBench(o);
  });

program
  .command('dev')
  .description('API on ATLAS_API_PORT (4318) + Vite dev server with hot reload, API proxied')
  .action(async () => {
    const { runDev } = await import('./dev.ts');
    await withConnection((c) => runDev(c), { keepOpen: true });
  });

/** Integers go to Neo4j as integers (JS numbers would arrive as floats and break LIMIT/SKIP). */
export function toNeo4jParams(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v]));
}

async function serveUntilStopped(c: Connection, o: { port: number; host: string }): Promise<void> {
  const { serveExplorer } = await import('./serve.ts');
  const server = await serveExplorer(c, o);
  console.log(`\nAtlas explorer: ${server.url}   (Ctrl+C to stop)`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('\nstopping…');
  await server.close();
}

async function withConnection(fn: (c: Connection) => Promise<unknown>, opts: { keepOpen?: boolean } = {}): Promise<void> {
  const c = await connect({ log: (l) => console.error(l) });
  try {
    await fn(c);
  } finally {
    await c.close();
  }
  void opts;
}

program.parseAsync().catch((e: unknown) => {
  const err = e as Error;
  console.error(`atlas: ${err.message}`);
  if (process.env.ATLAS_DEBUG) console.error(err.stack);
  process.exit(process.exitCode && process.exitCode !== 0 ? Number(process.exitCode) : 1);
});
