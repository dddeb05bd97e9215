// The commands that read the graph: query (read-only unless --write), stats, export.
import { Command, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { AtlasError } from '../../errors/index.ts';
import { fromDriverError } from '../../errors/driver.ts';
import { bindParams, findNamedQuery, loadNamedQueries } from '../../queries/catalog.ts';
import { toJson } from '../../web/server/serialize.ts';
import { asAtlasError } from '../report.ts';
import { withConnection, type Ui } from '../runtime.ts';
import { graphStats } from '../stats.ts';
import { formatTable } from '../table.ts';

/** Integers go to Neo4j as integers (JS numbers would arrive as floats and break LIMIT/SKIP). */
export function toNeo4jParams(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v]));
}

const FORMATS = ['json', 'graphml', 'cyjs', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export function registerGraphCommands(program: Command, ui: () => Ui): void {
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
        if (i < 1) throw new AtlasError('USAGE', `--param expects k=v, got "${kv}"`);
        return [kv.slice(0, i), kv.slice(i + 1)];
      }));
      let cypher = cypherArg;
      let params: Record<string, unknown> = given;
      if (o.name) {
        const q = findNamedQuery(o.name);
        if (!q) throw new AtlasError('QUERY_NOT_FOUND', `no named query "${o.name}"; see atlas query --list`);
        cypher = q.cypher;
        params = bindParams(q, given);
      }
      if (!cypher) throw new AtlasError('USAGE', 'give a Cypher query or --name <query>; see atlas query --help');
      await withConnection(ui(), async (c) => {
        let columns: string[];
        let rows: unknown[][];
        let truncated = false;
        if (o.write) {
          const res = await c.driver.executeQuery(cypher!, toNeo4jParams(params), { database: c.database }).catch((e: unknown) => {
            throw fromDriverError(e, { source: 'query' });
          });
          columns = res.keys.map(String);
          rows = res.records.map((r) => r.keys.map((k) => r.get(k)));
        } else {
          // The same read-only runner as the web console: read access mode, time limit, row cap.
          // The query guard (a Cypher parser) loads only for `atlas query`.
          const { runConsoleQuery, WRITE_REFUSED } = await import('../../web/server/console.ts');
          const res = await runConsoleQuery(cypher!, params, { driver: c.driver, database: c.database, timeoutMs: 60_000, rowCap: o.limit }).catch((e: unknown) => {
            const err = asAtlasError(e);
            // Only a refused write gets the --write hint; a size or LOAD CSV refusal is not a write.
            if (err.code === 'QUERY_REFUSED' && err.message === WRITE_REFUSED) {
              throw new AtlasError('QUERY_REFUSED', `${err.message} (use --write to allow writes from the CLI)`, { source: 'query', cause: e });
            }
            throw new AtlasError(err.code, err.message, { source: 'query', cause: e });
          });
          columns = res.columns;
          rows = res.rows as unknown[][];
          truncated = res.truncated;
        }
        if (o.json) console.log(JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((k, i) => [k, toJson(r[i])]))), null, 2));
        else {
          console.log(rows.length ? formatTable(columns, rows) : '(no rows)');
          if (!ui().quiet) console.log(`\n${rows.length} row${rows.length === 1 ? '' : 's'}${truncated ? ` (capped at ${o.limit}; use --limit)` : ''}`);
        }
      });
    });

  program
    .command('export')
    .description('export the graph with its evidence: JSON, GraphML (Gephi, yEd), .cyjs (Cytoscape desktop) or CSV nodes/edges (spreadsheets, neo4j-admin import)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('json'))
    .option('-o, --out <path>', 'write to this file (for csv: this folder, holding nodes.csv and edges.csv) instead of standard output')
    .option('--passages', 'include passages and their MENTIONS edges')
    .action(async (o: { format: Format; out?: string; passages?: boolean }) => {
      await withConnection(ui(), async (c) => {
        const { readGraph } = await import('../export/read.ts');
        const g = await readGraph(c.driver, c.database, { passages: o.passages });
        const done = (where: string) => ui().info(`wrote ${g.nodes.length} nodes and ${g.edges.length} edges to ${where}`);
        if (o.format === 'csv') {
          const { toCsv } = await import('../export/csv.ts');
          const { nodes, edges } = toCsv(g);
          if (!o.out) throw new AtlasError('USAGE', 'csv export writes two files: give a folder with -o <folder>');
          mkdirSync(o.out, { recursive: true });
          writeFileSync(join(o.out, 'nodes.csv'), nodes);
          writeFileSync(join(o.out, 'edges.csv'), edges);
          done(`${join(o.out, 'nodes.csv')} and ${join(o.out, 'edges.csv')}`);
          return;
        }
        let text: string;
        if (o.format === 'graphml') text = (await import('../export/graphml.ts')).toGraphML(g);
        else if (o.format === 'cyjs') text = JSON.stringify((await import('../export/cyjs.ts')).toCyjs(g), null, 1) + '\n';
        else text = JSON.stringify(g, null, 2) + '\n';
        if (o.out) {
          writeFileSync(o.out, text);
          done(o.out);
        } else process.stdout.write(text);
      });
    });

  program
    .command('stats')
    .description('counts of documents, works, passages, entities by type and relations by type')
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }) => {
      await withConnection(ui(), async (c) => {
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
}
