// Whether a user's Cypher may run in the read-only console (the web console and `atlas query` without
// --write). Decided by what the query is, never by scrubbing its text: Neo4j's own grammar parses it and an
// allow-list of clauses, procedures and function namespaces is checked over the whole tree (subqueries
// included); then Neo4j plans it with EXPLAIN and the plan must be a read (`queryType` 'r') whose operators
// load nothing and call nothing outside the allow-list. Either check alone refuses.
//
// Refused, and why: writes and schema (the graph changes only through `atlas ingest`); LOAD CSV (the
// database server would read files or fetch URLs); USE (another database, such as `system`); every
// administration and SHOW/TERMINATE command — SHOW TRANSACTIONS shows other clients' Cypher, TERMINATE stops
// them, SHOW SETTINGS shows server paths, SHOW USERS/ROLES/PRIVILEGES the security model, and
// SHOW PROCEDURES/FUNCTIONS/INDEXES, though harmless, are about the server rather than the graph, and one
// rule for all commands is easier to keep right than a list (`/api/schema` gives labels, types and keys);
// CALL { … } IN TRANSACTIONS (it commits); EXPLAIN/PROFILE/CYPHER prefixes (the console plans queries
// itself); procedures and functions outside the lists below (plugins such as APOC can fetch URLs or run
// Cypher given as a string, which no parser could then see). The same parse tree bounds what each expression
// can build (value-bound.ts): Neo4j does not limit the memory of a value built inside one expression.
import type { Driver, ResultSummary } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { AtlasError } from '../../errors/index.ts';
import { isRule, parseCypher, ruleNodes, tokenText, type CypherNode } from './cypher-parser.ts';
import { checkValueBounds } from './value-bound.ts';

/** Read-only procedures a console query may CALL (compared case-insensitively). */
export const ALLOWED_PROCEDURES: readonly string[] = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'db.index.vector.queryNodes',
  'db.index.vector.queryRelationships',
];

/** Namespaces of Neo4j's built-in functions (plus functions without one, such as toLower). */
const FUNCTION_NAMESPACES: readonly string[] = ['', 'date', 'datetime', 'localdatetime', 'localtime', 'time', 'duration', 'point', 'vector', 'vector.similarity'];
const ALLOWED_NAMESPACED_FUNCTIONS: readonly string[] = ['db.nameFromElementId'];

const READ_CLAUSES = new Set([
  'matchClause',
  'withClause',
  'returnClause',
  'unwindClause',
  'filterClause',
  'letClause',
  'orderBySkipLimitClause',
  'finishClause',
  'callClause',
  'subqueryClause',
]);
const WRITE_CLAUSES = new Set(['createClause', 'insertClause', 'deleteClause', 'setClause', 'removeClause', 'mergeClause', 'foreachClause']);

export const WRITE_REFUSED =
  'Write queries are not allowed: the console is read-only. Use MATCH … RETURN to read the graph; ' +
  'data changes go through `atlas ingest`.';
const LOAD_CSV_REFUSED = 'LOAD CSV is not allowed in the console: it would make the database server read files or fetch URLs.';
const COMMAND_REFUSED =
  'Only read queries can run in the console: administration, SHOW and TERMINATE commands (transactions, settings, ' +
  'users, databases) are about the server, not the graph, and are not available here.';

export const TOO_DEEP = 'The query nests expressions too deeply for the console to check it.';
const USE_REFUSED = 'USE is not allowed in the console: it reads the Atlas graph only.';
const refuse = (message: string) => new AtlasError('QUERY_REFUSED', message);

/** The names in a procedureName / functionName node, backticks removed: `db`.`labels` → db.labels. */
function qualifiedName(n: CypherNode): string {
  const parts: string[] = [];
  for (const x of ruleNodes(n)) {
    if (x.rule !== 'symbolicNameString') continue;
    const t = tokenText(x);
    parts.push(t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t);
  }
  return parts.join('.');
}

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
const PROCS = lower(ALLOWED_PROCEDURES);
const NAMESPACES = lower(FUNCTION_NAMESPACES);
const NAMESPACED = lower(ALLOWED_NAMESPACED_FUNCTIONS);

/**
 * The parse-tree check. Returns 'unparsed' when the grammar cannot read the query (Neo4j then gives the
 * syntax error, or, if Neo4j can read it, the query is refused as unverifiable); throws QUERY_REFUSED.
 */
export async function checkQueryText(cypher: string, params?: Record<string, unknown>): Promise<'ok' | 'unparsed'> {
  // The grammar is recursive descent: a few hundred nested brackets exhaust the stack.
  const { tree, errors } = await parseCypher(cypher).catch((e: unknown) => {
    throw e instanceof RangeError ? refuse(TOO_DEEP) : e;
  });
  if (errors.length > 0) return 'unparsed';
  const statements = tree.children.filter(isRule).filter((c) => c.rule === 'statementOrCommand');
  if (statements.length !== 1) throw refuse('Run one statement at a time.');
  for (const n of ruleNodes(tree)) {
    switch (n.rule) {
      case 'consoleCommand':
        throw refuse('Console commands such as :param belong to Neo4j Browser; give parameters as JSON instead.');
      case 'preparserOption':
        throw refuse('Leave out EXPLAIN, PROFILE and CYPHER options: the console plans the query itself.');
      case 'command': {
        // Schema, users, roles, databases: changes, so the read-only sentence; SHOW USERS and the like: commands.
        const kinds = n.children.filter(isRule).map((c) => c.rule);
        throw refuse(kinds.includes('showAdminCommand') ? COMMAND_REFUSED : WRITE_REFUSED);
      }
      case 'composableCommandClauses':
        throw refuse(COMMAND_REFUSED);
      case 'useClause':
        throw refuse(USE_REFUSED);
      case 'localDefinition':
        throw refuse('Local procedure and function definitions are not allowed in the console.');
      case 'subqueryInTransactionsParameters':
        throw refuse(WRITE_REFUSED);
      case 'loadCSVClause':
        throw refuse(LOAD_CSV_REFUSED);
      case 'clause': {
        const kind = n.children.find(isRule)?.rule ?? '';
        if (kind === 'loadCSVClause') throw refuse(LOAD_CSV_REFUSED);
        if (kind === 'useClause') throw refuse(USE_REFUSED);
        if (WRITE_CLAUSES.has(kind)) throw refuse(WRITE_REFUSED);
        if (!READ_CLAUSES.has(kind)) throw refuse(COMMAND_REFUSED);
        break;
      }
      case 'procedureName': {
        const name = qualifiedName(n);
        if (!PROCS.has(name.toLowerCase())) {
          throw refuse(`The procedure ${name} is not available in the console; it allows ${ALLOWED_PROCEDURES.join(', ')}.`);
        }
        break;
      }
      case 'functionName': {
        const name = qualifiedName(n);
        const dot = name.lastIndexOf('.');
        const ns = dot < 0 ? '' : name.slice(0, dot).toLowerCase();
        if (!NAMESPACES.has(ns) && !NAMESPACED.has(name.toLowerCase())) {
          throw refuse(`The function ${name} is not available in the console: only Neo4j's built-in functions are.`);
        }
        break;
      }
    }
  }
  checkValueBounds(tree, cypher, params);
  return 'ok';
}

/** Plan operators that must never appear in a console plan (the parse check should already refuse them). */
const FORBIDDEN_OPERATOR = /^(Create|Merge|Delete|DetachDelete|Set[A-Z]|Remove|Foreach|TransactionApply|TransactionForeach|Show[A-Z]|Terminate|SystemProcedureCall)/;

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** The EXPLAIN check: a read query whose operators load, write and call nothing outside the allow-list. */
export function checkPlan(summary: ResultSummary): void {
  if (summary.queryType !== 'r') throw refuse(summary.queryType === 'w' || summary.queryType === 'rw' ? WRITE_REFUSED : COMMAND_REFUSED);
  const stack = summary.plan ? [summary.plan as unknown as PlanNode] : [];
  while (stack.length) {
    const p = stack.pop()!;
    const op = p.operatorType.replace(/@.*$/, '');
    if (op === 'LoadCSV') throw refuse(LOAD_CSV_REFUSED);
    if (FORBIDDEN_OPERATOR.test(op)) throw refuse(COMMAND_REFUSED);
    if (op === 'ProcedureCall') {
      const details = String(p.arguments['Details'] ?? p.arguments['details'] ?? '');
      const name = /^\s*([\w.`]+)\s*\(/.exec(details)?.[1]?.replace(/`/g, '') ?? '';
      if (!PROCS.has(name.toLowerCase())) throw refuse(`The procedure ${name || '(unknown)'} is not available in the console.`);
    }
    stack.push(...(p.children ?? []));
  }
}

/**
 * Both checks for `cypher` against the live database: the parse tree, then the EXPLAIN plan. Throws
 * QUERY_REFUSED, or the driver's error for a query Neo4j cannot plan (a syntax error). Used by the web console
 * and by `atlas query` without --write.
 */
export async function assertReadOnlyQuery(
  cypher: string,
  opts: { driver: Driver; database?: string; params?: Record<string, unknown>; timeoutMs?: number },
): Promise<void> {
  const text = await checkQueryText(cypher, opts.params);
  const session = opts.driver.session({ database: opts.database, defaultAccessMode: neo4j.session.READ });
  try {
    const summary = await session.executeRead(async (tx) => (await tx.run(`EXPLAIN ${cypher}`, opts.params ?? {})).summary, {
      timeout: opts.timeoutMs ?? 15_000,
    });
    if (text === 'unparsed') throw refuse('Atlas could not check that this query only reads (its Cypher parser does not know this syntax), so it is refused.');
    checkPlan(summary);
  } finally {
    await session.close();
  }
}
