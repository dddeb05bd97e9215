// The `atlas` command line. Each command is a thin adapter over the ingest pipeline, the named queries,
// the Neo4j lifecycle and the web server (commands/); this file parses, and turns how a command ended into
// its exit code: 0 all good, 1 some sources failed, 2 usage or connection (errors/index.ts ERROR_CODES).
import { Command, CommanderError } from 'commander';
import { registerGraphCommands } from './commands/graph.ts';
import { registerIngestCommands } from './commands/ingest.ts';
import { registerServerCommands } from './commands/server.ts';
import { asAtlasError, EXIT, EXIT_CODES_HELP, formatError } from './report.ts';
import { makeUi, type Ui } from './runtime.ts';

const program = new Command();
let ui: Ui = makeUi(false);
program
  .name('atlas')
  .description('Atlas: documents in, a knowledge graph with sentence-level provenance out, and an explorer to browse it.\n' +
    'Uses the Neo4j at NEO4J_URI (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) or starts its own.')
  .option('-q, --quiet', 'print only results and errors: no progress, summaries or hints')
  .addHelpText('after', EXIT_CODES_HELP)
  .showHelpAfterError()
  // Usage errors throw instead of exiting, so that they leave with code 2 like every other usage error.
  .exitOverride()
  .hook('preAction', (_root, action) => {
    ui = makeUi(Boolean(action.optsWithGlobals().quiet));
  });

registerIngestCommands(program, () => ui);
registerGraphCommands(program, () => ui);
registerServerCommands(program, () => ui);

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here with exit code 0; a usage error was already printed by commander.
    process.exit(e.exitCode === 0 ? EXIT.OK : EXIT.USAGE_OR_CONNECTION);
  }
  const err = asAtlasError(e);
  console.error(`atlas: ${formatError(err)}`);
  if (process.env.ATLAS_DEBUG) console.error((e as Error).stack);
  process.exit(err.exitCode === 0 ? EXIT.USAGE_OR_CONNECTION : err.exitCode);
}
