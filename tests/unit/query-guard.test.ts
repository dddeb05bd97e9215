// The read-only guard's parse-tree and plan checks without a database: every form of LOAD CSV, write,
// command, procedure and plugin function refused however it is hidden (comments, strings, case, backticks,
// subqueries), and ordinary reads — including text that merely looks like a command — let through.
import { describe, expect, it } from 'vitest';
import type { ResultSummary } from 'neo4j-driver';
import { AtlasError } from '../../errors/index.ts';
import { checkPlan, checkQueryText } from '../../web/server/query-guard.ts';
import { loadNamedQueries } from '../../queries/catalog.ts';

async function refusal(cypher: string): Promise<string> {
  try {
    await checkQueryText(cypher);
  } catch (e) {
    if (e instanceof AtlasError && e.code === 'QUERY_REFUSED') return e.message;
    throw e;
  }
  throw new Error(`not refused: ${cypher}`);
}

const LOAD = /^LOAD CSV is not allowed/;
const WRITE = /^Write queries are not allowed/;
const COMMAND = /^Only read queries can run in the console/;

describe('refused by what the query is', () => {
  it.each([
    ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", LOAD],
    ["WITH '//' AS x LOAD CSV FROM 'http://127.0.0.1:9/' + x AS l RETURN l", LOAD],
    ["MATCH (d:Document) WITH d, '/*' AS a LOAD CSV FROM 'http://127.0.0.1:9/?' + d.source AS l RETURN l // */", LOAD],
    ["WITH \"'\" AS q LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", LOAD],
    ["MATCH (n) /* RETURN */ LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", LOAD],
    ["load csv from 'http://127.0.0.1:9/' as l return l", LOAD],
    ["LOAD\n  CSV WITH HEADERS FROM 'http://127.0.0.1:9/' AS l FIELDTERMINATOR ';' RETURN l", LOAD],
    ["CALL { LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l } RETURN l", LOAD],
    ["CALL () { LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l } RETURN l", LOAD],
    ["UNWIND [1] AS i CALL (i) { LOAD CSV FROM 'http://127.0.0.1:9/' + i AS l RETURN l } RETURN l", LOAD],
    ["MATCH (n) WHERE EXISTS { LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l } RETURN n", LOAD],
    ['CREATE (n) RETURN n', WRITE],
    ['MATCH (n:Entity) SET n.hacked = true RETURN n', WRITE],
    ['MATCH (n) DETACH DELETE n', WRITE],
    ['MERGE (x:Evil {id: 1}) RETURN x', WRITE],
    ['MATCH (n) REMOVE n:Entity', WRITE],
    ['FOREACH (x IN [1] | CREATE ())', WRITE],
    ['MATCH (n) CALL { WITH n SET n.x = 1 } RETURN n', WRITE],
    ['UNWIND range(1, 3) AS x CALL (x) { MATCH (n) RETURN n } IN TRANSACTIONS OF 1 ROW RETURN n', WRITE],
    ['CREATE INDEX evil IF NOT EXISTS FOR (n:Entity) ON (n.hacked)', WRITE],
    ['DROP INDEX entity_names', WRITE],
    ['SHOW TRANSACTIONS', COMMAND],
    ['SHOW TRANSACTIONS YIELD * RETURN *', COMMAND],
    ["TERMINATE TRANSACTIONS 'neo4j-transaction-1'", COMMAND],
    ['SHOW SETTINGS', COMMAND],
    ['SHOW USERS', COMMAND],
    ['SHOW ROLES', COMMAND],
    ['SHOW PROCEDURES', COMMAND],
    ['SHOW FUNCTIONS', COMMAND],
    ['SHOW DATABASES', COMMAND],
    ['SHOW INDEXES', COMMAND],
    ['SHOW CURRENT USER', COMMAND],
    ["ALTER USER neo4j SET PASSWORD 'x12345678'", WRITE],
    ["CREATE USER evil SET PASSWORD 'x12345678'", WRITE],
    ['STOP DATABASE neo4j', WRITE],
    ['GRANT ROLE admin TO evil', WRITE],
  ])('%s', async (cypher, why) => {
    expect(await refusal(cypher)).toMatch(why);
  });

  it.each([
    ['USE system SHOW USERS', /^(USE is not allowed|Only read queries)/],
    ['USE neo4j MATCH (n) RETURN n', /^USE is not allowed/],
    ['CALL { USE system MATCH (n) RETURN n } RETURN n', /^USE is not allowed/],
    ['EXPLAIN MATCH (n) RETURN n', /^Leave out EXPLAIN, PROFILE and CYPHER options/],
    ['PROFILE MATCH (n) RETURN n', /^Leave out EXPLAIN/],
    ['CYPHER runtime=slotted MATCH (n) RETURN n', /^Leave out EXPLAIN/],
    ['MATCH (n) RETURN n; MATCH (m) RETURN m', /^Run one statement at a time/],
    [':param x => 1', /^Console commands/],
  ])('%s', async (cypher, why) => {
    expect(await refusal(cypher)).toMatch(why);
  });

  it.each([
    ["CALL db.createLabel('Evil')", 'db.createLabel'],
    ['CALL dbms.listConfig()', 'dbms.listConfig'],
    ['CALL dbms.showCurrentUser()', 'dbms.showCurrentUser'],
    ['CALL dbms.killQuery("q-1")', 'dbms.killQuery'],
    ["CALL apoc.load.json('http://127.0.0.1:9/')", 'apoc.load.json'],
    ["CALL `apoc`.`load`.`json`('http://127.0.0.1:9/')", 'apoc.load.json'],
    ["CALL `apoc.load.json`('http://127.0.0.1:9/')", 'apoc.load.json'],
    ["CALL db.labels() YIELD label CALL apoc.cypher.run('LOAD CSV FROM \"http://127.0.0.1:9/\" AS l RETURN l', {}) YIELD value RETURN value", 'apoc.cypher.run'],
    ['MATCH (n) CALL { CALL db.clearQueryCaches() } RETURN n', 'db.clearQueryCaches'],
  ])('%s', async (cypher, name) => {
    expect(await refusal(cypher)).toBe(
      `The procedure ${name} is not available in the console; it allows db.labels, db.relationshipTypes, db.propertyKeys, db.schema.visualization, db.schema.nodeTypeProperties, db.schema.relTypeProperties, db.index.fulltext.queryNodes, db.index.fulltext.queryRelationships, db.index.vector.queryNodes, db.index.vector.queryRelationships.`,
    );
  });

  it.each([
    ["RETURN apoc.cypher.runFirstColumnSingle('LOAD CSV FROM \"http://127.0.0.1:9/\" AS l RETURN l', {})", 'apoc.cypher.runFirstColumnSingle'],
    ["RETURN `apoc.text.join`(['a'], ',')", 'apoc.text.join'],
    ["MATCH (n) WHERE custom.isSafe(n) RETURN n", 'custom.isSafe'],
  ])('%s', async (cypher, name) => {
    expect(await refusal(cypher)).toBe(`The function ${name} is not available in the console: only Neo4j's built-in functions are.`);
  });
});

describe('let through', () => {
  it.each([
    'MATCH (n) RETURN n LIMIT 5',
    "RETURN 'LOAD CSV FROM file:///etc/passwd' AS s",
    "RETURN '// not a comment' AS s, 1 AS n",
    "RETURN 'it\\'s \\u0027quoted\\u0027 LOAD CSV' AS s",
    'MATCH (n) // LOAD CSV FROM somewhere\nRETURN n',
    '/* CREATE (n) */ MATCH (n) RETURN count(n) AS n',
    'MATCH (`LOAD CSV`:Entity) RETURN `LOAD CSV`.name',
    'CALL db.labels()',
    'CALL db.labels() YIELD label RETURN label',
    'CALL `db`.`labels`() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('entity_names', 'sparse') YIELD node, score RETURN node.name, score",
    'MATCH (n) CALL (n) { RETURN n.id AS id } RETURN id',
    'CALL { MATCH (n) RETURN n } RETURN n',
    "RETURN toLower('A'), size('abc'), date('2020-01-01'), duration.between(date('2020-01-01'), date('2021-01-01')), point.distance(point({x: 0, y: 0}), point({x: 1, y: 1}))",
    "MATCH (n) RETURN db.nameFromElementId(elementId(n)) LIMIT 1",
    'MATCH p = shortestPath((a:Entity)-[*..3]-(b:Entity)) WHERE a <> b RETURN p LIMIT 1',
    'MATCH (n:Entity) RETURN n.name, COUNT { (n)--() } AS degree ORDER BY degree DESC LIMIT 3',
    'MATCH (n:Entity) WHERE EXISTS { (n)-[:AUTHORED]->() } RETURN n LIMIT 3',
    'RETURN 1 AS x UNION RETURN 2 AS x',
    'UNWIND range(1, 1000) AS i RETURN [x IN range(1, 100000) | x]',
  ])('%s', async (cypher) => {
    expect(await checkQueryText(cypher)).toBe('ok');
  });

  it('every named query of queries/', async () => {
    const queries = loadNamedQueries();
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(await checkQueryText(q.cypher), q.name).toBe('ok');
  });

  it('reports a query its grammar cannot read as unparsed, for Neo4j to judge', async () => {
    expect(await checkQueryText('MATCH (n RETURN n')).toBe('unparsed');
  });
});

describe('the EXPLAIN plan check', () => {
  const plan = (queryType: string, ...ops: [string, string?][]) =>
    ({
      queryType,
      plan: { operatorType: 'ProduceResults@neo4j', arguments: {}, children: ops.map(([o, d]) => ({ operatorType: `${o}@neo4j`, arguments: d ? { Details: d } : {}, children: [] })) },
    }) as unknown as ResultSummary;
  const refused = (s: ResultSummary) => {
    try {
      checkPlan(s);
    } catch (e) {
      return (e as AtlasError).message;
    }
    return 'passed';
  };

  it('passes a read plan and an allowed procedure', () => {
    expect(refused(plan('r', ['AllNodesScan', 'n']))).toBe('passed');
    expect(refused(plan('r', ['ProcedureCall', 'db.labels() :: (label :: STRING)']))).toBe('passed');
  });

  it('refuses writes, schema, LOAD CSV, commands and unlisted procedures found in the plan', () => {
    expect(refused(plan('w', ['Create']))).toMatch(WRITE);
    expect(refused(plan('rw', ['SetProperty']))).toMatch(WRITE);
    expect(refused(plan('s'))).toMatch(COMMAND);
    expect(refused(plan('r', ['LoadCSV']))).toMatch(LOAD);
    expect(refused(plan('r', ['ShowTransactions']))).toMatch(COMMAND);
    expect(refused(plan('r', ['TerminateTransactions']))).toMatch(COMMAND);
    expect(refused(plan('r', ['ProcedureCall', "apoc.load.json($url) :: (value :: MAP)"]))).toBe('The procedure apoc.load.json is not available in the console.');
  });
});
