// The console's bound on what one query builds, computed from its parse tree without a database: values that
// would fill Neo4j's heap inside one expression are refused with the size and the limit; ordinary exploring
// queries (the named queries, paths, reduce over relationships, collect) and streamed UNWIND ranges pass.
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../errors/index.ts';
import { checkQueryText } from '../../web/server/query-guard.ts';
import { MAX_BUILT, MAX_DATA_REPEATS } from '../../web/server/value-bound.ts';
import { loadNamedQueries } from '../../queries/catalog.ts';

async function refusal(cypher: string, params?: Record<string, unknown>): Promise<string> {
  try {
    await checkQueryText(cypher, params);
  } catch (e) {
    if (e instanceof AtlasError && e.code === 'QUERY_REFUSED') return e.message;
    throw e;
  }
  throw new Error(`not refused: ${cypher}`);
}

const tooLarge = (items: string, snippet: string, where = 'in one expression', what = 'a value') =>
  `The query can build ${what} of up to ${items} items ${where} (${snippet}); the console allows 1,000,000, because ` +
  'Neo4j does not limit the memory of a value built inside one expression. Narrow the range, or UNWIND the list to stream it as rows.';
const unsized = (snippet: string) =>
  `The console cannot tell how large ${snippet} gets: a range() needs bounds fixed by the query (numbers, parameters, ` +
  'constants named in WITH) or by the size() or length() of a value it already holds. UNWIND range(…) has no such limit, since its rows are streamed.';
const doubling = (acc: string, snippet: string) =>
  `reduce() can double its value at every step when its step uses the accumulator ${acc} more than once, or in a way ` +
  `that can multiply it (replace(), a nested comprehension) (${snippet}); the console refuses it. Build the value with ` +
  'a list comprehension, or use the accumulator once per step.';

describe('the budget', () => {
  it('is a million items built from the query alone, and 10 repeats of what it reads', () => {
    expect(MAX_BUILT).toBe(1_000_000);
    expect(MAX_DATA_REPEATS).toBe(10);
  });
});

describe('refused: a value past the budget', () => {
  it.each([
    ['RETURN [x IN range(1, 50000000) | x]', tooLarge('50,000,000', 'range(1, 50000000)')],
    ['RETURN range(1, 1000001)', tooLarge('1,000,001', 'range(1, 1000001)')],
    ['RETURN range(1, 1000 * 1000 + 1)', tooLarge('1,000,001', 'range(1, 1000 * 1000 + 1)')],
    ['RETURN range(0x10, 0o7777777)', tooLarge('2,097,136', 'range(0x10, 0o7777777)')],
    ['RETURN range(1, 2_000_000, 2), range(-600000, 600000)', tooLarge('1,200,001', 'range(-600000, 600000)')],
    ['RETURN [x IN range(1,100000) | [y IN range(1,100000) | y]]', tooLarge('10,000,000,000', '[x IN range(1,100000) | [y IN range(1,100000) | y]]')],
    ['RETURN [x IN range(1, 1001) | [y IN range(1, 1000) | y]]', tooLarge('1,001,000', '[x IN range(1, 1001) | [y IN range(1, 1000) | y]]')],
    ['RETURN [x IN range(1, 600000) | x] + [y IN range(1, 600000) | y]', tooLarge('1,200,000', '[x IN range(1, 600000) | x] + [y IN range(1, 600000) | y]')],
    ['WITH [x IN range(1, 1001) | x] AS a RETURN [p IN a | [q IN a | 1]]', tooLarge('1,002,001', '[p IN a | [q IN a | 1]]')],
    ['CALL { RETURN [x IN range(1, 1000) | x] AS a } RETURN [y IN a | [a, a]]', tooLarge('2,000,000', '[y IN a | [a, a]]')],
    ['UNWIND [x IN range(1, 50000000) | x] AS y RETURN y', tooLarge('50,000,000', 'range(1, 50000000)')],
    ['UNWIND range(1, 1000) AS i RETURN [x IN range(1, i * 1001) | x]', tooLarge('1,001,000', 'range(1, i * 1001)')],
    ["RETURN reduce(s = '', x IN range(1, 200000) | s + 'xxxxxxxxxx')", tooLarge('2,000,000', "reduce(s = '', x IN range(1, 200000) | s + 'xxxxxxxxxx')")],
    ['RETURN reduce(acc = [], x IN range(1, 500000) | acc + [x, x, x])', tooLarge('1,500,000', 'reduce(acc = [], x IN range(1, 500000) | acc + [x, x, x])')],
    ['RETURN [x IN range(1, 700000) | x] AS a, [x IN range(1, 700000) | x] AS b', tooLarge('1,400,000', '[x IN range(1, 700000) | x] AS a, [x IN range(1, 700000) | …', 'from its columns together', 'a row')],
    ['RETURN COUNT { MATCH (n) WHERE size([x IN range(1, 2000000) | x]) > 0 } AS c', tooLarge('2,000,000', 'range(1, 2000000)')],
  ])('%s', async (cypher, message) => {
    expect(await refusal(cypher)).toBe(message);
  });

  it('knows parameters before the query runs', async () => {
    expect(await refusal('RETURN range(1, $n)', { n: 50_000_000 })).toBe(tooLarge('50,000,000', 'range(1, $n)'));
    expect(await refusal('RETURN [x IN $xs | range(1, 1000000)]', { xs: [1, 2] })).toBe(tooLarge('2,000,000', '[x IN $xs | range(1, 1000000)]'));
    expect(await checkQueryText('RETURN range(1, $n)', { n: 1000 })).toBe('ok');
  });
});

describe('refused: a value that grows with the square of the rows collected', () => {
  const square = (snippet: string) =>
    `The query can build a value that grows with the square of the rows it collects in one expression (${snippet}): ` +
    'a collected list iterated inside a comprehension over itself, which Neo4j does not limit in memory. ' +
    'MATCH the pairs instead, or UNWIND the list to stream it as rows.';
  it.each([
    ['MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | [b IN ns | a.name + b.name]]', '[a IN ns | [b IN ns | a.name + b.name]]'],
    ['MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | [b IN ns WHERE b.type = a.type]]', '[a IN ns | [b IN ns WHERE b.type = a.type]]'],
    ['MATCH (n) WITH collect(n) AS ns RETURN [i IN range(0, size(ns) - 1) | range(0, size(ns))]', '[i IN range(0, size(ns) - 1) | range(0, size(ns))]'],
    ["MATCH (n) WITH collect(n.name) AS names RETURN [x IN names | reduce(s = '', y IN names | s + y)]", "[x IN names | reduce(s = '', y IN names | s + y)]"],
  ])('%s', async (cypher, snippet) => {
    expect(await refusal(cypher)).toBe(square(snippet));
  });

  it('but not one linear in them, or in the paths and neighbours of each', async () => {
    for (const q of [
      'MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | a.name], ns, size(ns)',
      'MATCH (n) WITH collect(n) AS ns RETURN [a IN ns WHERE any(b IN ns WHERE b.name = a.name)]',
      'MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | [(a)-[:AUTHORED]->(p) | p.name]]',
      'MATCH p = (a)-[*..3]-(b) WITH collect(p) AS ps RETURN [q IN ps | [n IN nodes(q) | n.name]]',
    ]) {
      expect(await checkQueryText(q), q).toBe('ok');
    }
  });
});

describe('refused: a value read from the graph repeated or rebuilt more than 10 times', () => {
  const repeats = (times: string, snippet: string, what = 'a value', where = 'in one expression') =>
    `The query can build ${what} that repeats or rebuilds what it reads from the graph up to ${times} times ${where} ` +
    `(${snippet}); the console allows 10, because a stored value can itself be large and Neo4j does not limit the ` +
    'memory of a value built inside one expression.';
  it.each([
    ["MATCH (d:Document) RETURN [i IN range(1, 1000) | d.text + '!']", repeats('1,000', "[i IN range(1, 1000) | d.text + '!']")],
    ['MATCH (n) RETURN [x IN range(1, 11) | n.name]', repeats('11', '[x IN range(1, 11) | n.name]')],
    ['MATCH (n) RETURN [x IN range(1, 10000) | [y IN range(1, 200) | n.name]]', repeats('200', '[y IN range(1, 200) | n.name]')],
    ['MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | [i IN range(1, 1000) | a]]', repeats('1,000', '[i IN range(1, 1000) | a]')],
    ['MATCH (n) WITH collect(n) AS ns RETURN [i IN range(1, 3000) | ns]', repeats('3,000', '[i IN range(1, 3000) | ns]')],
    ["MATCH (n) RETURN reduce(s = '', i IN range(1, 500) | s + n.name)", repeats('500', "reduce(s = '', i IN range(1, 500) | s + n.name)")],
    ["MATCH (d) RETURN reduce(s = '', i IN range(1, 11) | s + d.text)", repeats('11', "reduce(s = '', i IN range(1, 11) | s + d.text)")],
    ["MATCH (d) RETURN replace(d.text, ' ', '<br/><br/>')", repeats('11', "replace(d.text, ' ', '<br/><br/>')")],
  ])('%s', async (cypher, message) => {
    expect(await refusal(cypher)).toBe(message);
  });

  it('counts what the query builds alone apart from what it repeats of the data', async () => {
    for (const q of [
      'MATCH (n) RETURN [x IN range(1, 10) | n.name]',
      'MATCH (n) RETURN n.name, [x IN range(1, 1000000) | x] AS xs',
      "MATCH (n) RETURN collect(n.name) + ['x', 'y'], size(collect(n.name)) + size([x IN range(1, 900000) | x])",
      'MATCH (d:Document), (p:Passage) WITH collect(d.text) AS t RETURN [i IN range(1, 10) | t] AS xs',
    ]) {
      expect(await checkQueryText(q), q).toBe('ok');
    }
  });
});

describe('refused: a value that grows with the square of what it reads from the graph', () => {
  const squared = (snippet: string) =>
    `The query can build a value that grows with the square of a value it reads from the graph in one expression (${snippet}): ` +
    'a stored value repeated, or rebuilt, for each of its own items or characters, which Neo4j does not limit in memory. ' +
    "Use each item once ([c IN split(d.text, ' ') | c]), or UNWIND the list to stream it as rows.";
  it.each([
    ["MATCH (d:Document) RETURN [c IN split(d.text, '') | d.text + c]", "[c IN split(d.text, '') | d.text + c]"],
    ["MATCH (d:Document) RETURN [x IN split(d.text, '') | toUpper(d.text)]", "[x IN split(d.text, '') | toUpper(d.text)]"],
    ["MATCH (d:Document) RETURN [x IN split(d.text, ' ') | replace(d.text, x, d.text)]", 'replace(d.text, x, d.text)'],
    ["MATCH (d:Document) RETURN reduce(s = '', c IN split(d.text, '') | s + d.text)", "reduce(s = '', c IN split(d.text, '') | s + d.text)"],
    ['MATCH (d:Document) RETURN [(a)-->(b) | d.text]', '[(a)-->(b) | d.text]'],
    ['MATCH (d:Document) RETURN [(d)<-[:IN]-(p) | p.text + d.title]', '[(d)<-[:IN]-(p) | p.text + d.title]'],
    ['MATCH (d:Document) RETURN [(d)-[*1..4]-(x) | x.text]', '[(d)-[*1..4]-(x) | x.text]'],
    ['MATCH (d:Document) RETURN [x IN range(1, size(d.text)) | substring(d.text, x, 1)]', '[x IN range(1, size(d.text)) | substring(d.text, x, 1)]'],
  ])('%s', async (cypher, snippet) => {
    expect(await refusal(cypher)).toBe(squared(snippet));
  });

  it('but not a value iterated once, item by item, nor the neighbours of a node', async () => {
    for (const q of [
      "MATCH (d:Document) RETURN size(split(d.text, ' ')), d.text + d.text",
      "MATCH (d:Document) UNWIND split(d.text, ' ') AS w RETURN w, count(*)",
      "MATCH (d:Document) RETURN [w IN split(d.text, ' ') WHERE size(w) > 8 | toLower(w) + '!']",
      "MATCH (d:Document) RETURN reduce(s = '', w IN split(d.text, ' ') | s + toUpper(w) + ' ')",
      'MATCH (e:Entity) RETURN e.name, [(e)<-[:MENTIONS]-(m) | m.text] AS texts',
      'MATCH (e:Entity) RETURN [(e)-[r]->(o) | {type: type(r), name: o.name}]',
      "MATCH p = (a)-[*..4]-(b) RETURN [i IN range(0, size(nodes(p)) - 2) | nodes(p)[i].name + ' -> ' + nodes(p)[i + 1].name] LIMIT 5",
      "MATCH (n:Entity) RETURN reduce(s = '', i IN range(0, size(n.aliases) - 1) | s + n.aliases[i] + ', ')",
      "MATCH (n:Entity) RETURN [a IN n.aliases | [c IN split(a, '') | c]]",
      'MATCH (n) WITH collect(n.name) AS xs RETURN [i IN range(-1, size(xs) - 1) | xs[i] + xs[i + 1]]',
    ]) {
      expect(await checkQueryText(q), q).toBe('ok');
    }
  });

  it('an index that does not walk the list repeats what it reads', async () => {
    expect(await refusal('MATCH (n) WITH collect(n.name) AS xs RETURN [i IN range(0, 1000) | xs[0]]')).toContain('up to 1,001 times');
    expect(await refusal('MATCH (n) WITH collect(n.name) AS xs RETURN [i IN range(0, 1000) | xs[i % 2]]')).toContain('up to 1,001 times');
  });
});

describe('refused: a range() the console cannot size', () => {
  it.each([
    ['WITH 50000000 AS n RETURN range(1, n)', tooLarge('50,000,000', 'range(1, n)')],
    ['MATCH (n) RETURN range(1, n.count)', unsized('range(1, n.count)')],
    ['MATCH (n) WITH count(n) AS c RETURN range(1, c)', unsized('range(1, c)')],
    ['MATCH (n) RETURN range(1, 10, n.step)', unsized('range(1, 10, n.step)')],
    ['RETURN range(1, $missing)', unsized('range(1, $missing)')],
    ['RETURN reduce(n = 1, i IN range(1, 40) | n + size(range(1, n)))', unsized('range(1, n)')],
    ['MATCH (n) UNWIND range(1, n.count) AS i RETURN range(1, i)', unsized('range(1, i)')],
  ])('%s', async (cypher, message) => {
    expect(await refusal(cypher)).toBe(message);
  });
});

describe('refused: a reduce() that can double its accumulator', () => {
  it.each([
    ["RETURN reduce(s = 'x', i IN range(1, 64) | s + s)", 's'],
    ["RETURN reduce(s = 'x', i IN range(1, 3) | s + 'y' + s)", 's'],
    ['RETURN reduce(a = [1], i IN range(1, 64) | [y IN a | [y, y]])', 'a'],
    ['RETURN reduce(a = [1], i IN range(1, 64) | [y IN range(1, 2) | a])', 'a'],
    ["RETURN reduce(s = 'ab', i IN range(1, 30) | replace(s, 'a', 'aa'))", 's'],
    ['RETURN reduce(m = {}, i IN range(1, 30) | {left: m, right: m})', 'm'],
    ['RETURN reduce(a = [], i IN range(1, 30) | reduce(b = a, j IN [1] | b + a))', 'a'],
  ])('%s', async (cypher, acc) => {
    const whole = cypher.slice('RETURN '.length);
    const snippet = whole.length > 60 ? `${whole.slice(0, 59)}…` : whole;
    expect(await refusal(cypher)).toBe(doubling(acc, snippet));
  });
});

describe('let through', () => {
  it.each([
    'UNWIND range(1, 1000) AS i RETURN [x IN range(1, 100000) | x]',
    'UNWIND range(1, 50000000) AS x RETURN size(collect([x, x, x, x, x, x, x, x])) AS n',
    'UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n',
    'MATCH (n) UNWIND range(1, n.count) AS i RETURN i',
    'UNWIND range(1, 1000) AS i RETURN range(1, i), [x IN range(1, i * 999) | x]',
    'RETURN range(1, 1000000)',
    'RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | y]]',
    'WITH 10 AS n RETURN range(1, n), range(n, 1, -1)',
    'MATCH p = (a:Entity)-[*..3]-(b:Entity) RETURN [n IN nodes(p) | n.name] AS names LIMIT 10',
    'MATCH p = (a:Entity)-[*..3]-(b:Entity) RETURN reduce(s = 0, r IN relationships(p) | s + r.weight) AS w LIMIT 10',
    "MATCH p = (a)-[*..4]-(b) RETURN reduce(s = '', n IN nodes(p) | s + n.name + ' → ') AS route LIMIT 5",
    'MATCH (n:Entity) RETURN n.type, collect(n.name) AS names, count(*) AS c',
    'MATCH (n) WITH collect(n) AS ns RETURN [i IN range(0, size(ns) - 1) | ns[i].name]',
    'MATCH (n:Entity) RETURN [i IN range(0, size(n.aliases) - 1) | toUpper(n.aliases[i])]',
    'MATCH p = (a)-[*..5]-(b) RETURN [i IN range(0, length(p)) | nodes(p)[i]] LIMIT 3',
    "RETURN reduce(s = '', x IN range(1, 700) | s + 'abcdefghij') AS long, reduce(l = [], x IN range(1, 100) | [l]) AS deep",
    "UNWIND range(1, 1000) AS i RETURN i, reduce(s = '', x IN range(1, 490) | s + 'abcdefghij') AS text",
    'RETURN reduce(a = [], x IN range(1, 1000) | CASE WHEN x IN a THEN a ELSE a + [x] END)',
    'RETURN reduce(a = [], x IN range(1, 1000) | [y IN a WHERE y % 2 = 0] + [x])',
    "RETURN reduce(s = '', i IN range(1, 10) | CASE WHEN size(s) > 3 THEN s ELSE s + 'x' END)",
    'RETURN reduce(total = 0, x IN range(1, 1000000) | total + x * x)',
    'MATCH (n:Entity) RETURN n { .name, .type, degree: COUNT { (n)--() } } LIMIT 5',
    'MATCH (n:Entity) RETURN [(n)-[r]->(m) WHERE type(r) <> "MENTIONS" | m.name][..10] AS out LIMIT 5',
    'MATCH (n) RETURN CASE WHEN n.x > 1 THEN [x IN range(1, 1000) | x] ELSE [] END LIMIT 1',
    "RETURN split('a,b,c', ','), replace('abc', 'b', 'xyz'), toString(12), substring('abcdef', 1, 3), date('2024-01-01')",
    'MATCH (e:Entity) RETURN COLLECT { MATCH (e)--(m) RETURN m.name } AS neighbours LIMIT 3',
  ])('%s', async (cypher) => {
    expect(await checkQueryText(cypher)).toBe('ok');
  });

  it('every named query of queries/, with its default parameters', async () => {
    const queries = loadNamedQueries();
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(await checkQueryText(q.cypher, { name: 'x', limit: 25, from: 'a', to: 'b', type: '' }), q.name).toBe('ok');
  });

  it("the explorer's own example queries", async () => {
    expect(await checkQueryText('MATCH (n:Entity) RETURN n LIMIT 25')).toBe('ok');
    expect(await checkQueryText('MATCH (p:Person)-[r:MEMBER_OF|LEADS]->(o:Organization)\nRETURN p, r, o LIMIT 25')).toBe('ok');
  });

  it('refuses nesting too deep to check, rather than failing', async () => {
    expect(await checkQueryText(`RETURN ${'['.repeat(100)}1${']'.repeat(100)}`)).toBe('ok');
    for (const [open, close] of [['[', ']'], ['(', ')']]) {
      expect(await refusal(`RETURN ${open.repeat(3000)}1${close.repeat(3000)}`)).toBe('The query nests expressions too deeply for the console to check it.');
    }
  });
});
