// The console's bound on what one query can build in memory, read from its parse tree before it runs. Neo4j
// 5.26 tracks the memory of operators (collect, sort) but not of a value built inside one expression, so
// `RETURN [x IN range(1, 50000000) | x]` would fill its heap: every expression's value, and every row of a
// WITH or RETURN, is bounded here (value-shape.ts) and refused past MAX_BUILT items built from the query alone
// or MAX_DATA_REPEATS repeats of what it reads from the graph (a stored text can be megabytes). range() counts its span;
// a comprehension its list's length times its projection; `+` adds; reduce() its steps times what a step
// adds, and a step that uses its accumulator twice (`s + s`) doubles it: refused. A range() needs bounds the
// query fixes (literals, parameters, constants from WITH) or that a value already held bounds (size(),
// length()); UNWIND range(…) is exempt itself, since its rows are streamed and capped by the answer budgets.
// Inside an iteration each step's item is a marker (value-shape.ts), so what a step reads of its own item sums
// to the list's total while what it repeats of the row is multiplied by the list's length: a stored value
// repeated for each of its own characters grows with its square, refused.
import { AtlasError } from '../../errors/index.ts';
import { isRule, ruleNodes, tokenText, type CypherNode } from './cypher-parser.ts';
import { core, EXPRESSIONS, hasToken, kids, nameOf, topExpressions } from './cypher-tree.ts';
import * as S from './value-shape.ts';
import type { Shape } from './value-shape.ts';
import { evalFunction, rangeElement } from './value-functions.ts';
import { carries, grow, widen } from './value-reduce.ts';

/** The most items (list items, characters) one expression, or one row, may build from the query alone. */
export const MAX_BUILT = 1_000_000;
/** How many times one expression, or one row, may repeat or rebuild a value read from the graph. */
export const MAX_DATA_REPEATS = 10;

type Env = Map<string, Shape>;
/** One comprehension's, pattern comprehension's or reduce()'s iteration: the markers of its elements. */
interface Level {
  slots: S.Slot[];
  count: S.Size;
  /** Whether the iteration walks a range() one by one, so that `xs[i]` visits each item of xs at most once (twice with negative indexes). */
  distinct?: 1 | 2;
}
interface QueryShape {
  env: Env;
  columns: Shape[];
}


const fmt = (k: number) => (k > 1e15 ? 'more than 1,000,000,000,000,000' : Math.round(k).toLocaleString('en-US'));
const refuse = (message: string) => new AtlasError('QUERY_REFUSED', message);

/**
 * Refuses (QUERY_REFUSED) a query that can build a value or a row past MAX_BUILT items, or a range() it cannot
 * size. `params` are the query's parameters, known before it runs (without them a parameter counts as data).
 */
export function checkValueBounds(tree: CypherNode, cypher: string, params?: Record<string, unknown>): void {
  try {
    new ValueBound(cypher, params).query(tree, new Map());
  } catch (e) {
    if (e instanceof RangeError) throw refuse('The query nests expressions too deeply for the console to check it.');
    throw e;
  }
}

/** The variables a pattern binds (paths, nodes, relationships), not those its property maps or WHERE read. */
function patternVariables(pattern: CypherNode | undefined): string[] {
  const names: string[] = [];
  const stack = pattern ? [pattern] : [];
  while (stack.length) {
    const n = stack.pop()!;
    for (const k of kids(n)) {
      if (k.rule === 'variable') names.push(nameOf(k));
      else if (!EXPRESSIONS.has(k.rule) && k.rule !== 'properties') stack.push(k);
    }
  }
  return names;
}

export class ValueBound {
  /** The largest element each open marker stands for. */
  private readonly largest = new Map<number, S.Size>();
  /** The range() iterations whose variable can index a list once per item, by variable name. */
  private cursors = new Map<string, Level>();
  private slotCount = 0;

  constructor(
    private readonly cypher: string,
    private readonly params: Record<string, unknown> | undefined,
  ) {}

  /** A new marker for the elements of a value whose elements total `total`, each at most `largest`. */
  private mark(level: Level, element: Shape, total: S.Size): Shape {
    if (element.kind === 'scalar') return element;
    const slot = this.slotCount++;
    const largest = S.weight(element);
    level.slots.push({ slot, total, largest });
    this.largest.set(slot, largest);
    return element.kind === 'str' ? S.str(S.marker(slot)) : S.any(S.marker(slot));
  }

  /** Opens the iteration over `over` (the value `list` evaluated to): its level and its variable's shape. */
  private open(list: CypherNode, over: Shape, env: Env): { level: Level; element: Shape } {
    const level: Level = { slots: [], count: S.count(over) };
    const c = core(list);
    if (c.rule === 'functionInvocation' && nameOf(kids(c)[0]).toLowerCase() === 'range') {
      const args = kids(c).filter((k) => k.rule === 'functionArgument').map((a) => this.expr(a, env));
      const step = args[2] === undefined ? 1 : args[2].kind === 'scalar' ? args[2].value : undefined;
      const lo = S.element(over).kind === 'scalar' ? (S.element(over) as { int?: S.IntRange }).int?.lo : undefined;
      if (step === 1 || step === -1) level.distinct = lo !== undefined && lo >= 0 ? 1 : 2;
    }
    return { level, element: this.mark(level, S.element(over), S.weight(over)) };
  }

  /** Closes an iteration whose steps each make `step`: the list of them, or what they add together. */
  private close(level: Level, step: Shape): { one: Shape; sum: (s: S.Size) => S.Size } {
    const by = new Map(level.slots.map((x) => [x.slot, x.largest] as const));
    for (const x of level.slots) this.largest.delete(x.slot);
    return { one: S.substituteShape(step, by), sum: (s) => S.overSteps(s, level.slots, level.count) };
  }

  /** Evaluates `body` with `name` bound for one step, `name` a cursor over the level when it walks a range(). */
  private inLevel<T>(level: Level, name: string | undefined, run: () => T): T {
    const saved = this.cursors;
    this.cursors = new Map(saved);
    if (name !== undefined) {
      if (level.distinct) this.cursors.set(name, level);
      else this.cursors.delete(name);
    }
    try {
      return run();
    } finally {
      this.cursors = saved;
    }
  }

  snippet(n: CypherNode): string {
    const t = this.cypher.slice(n.start, n.stop + 1).replace(/\s+/g, ' ').trim();
    return t.length > 60 ? `${t.slice(0, 59)}…` : t;
  }

  /** Refuses a value past the budgets: of what the query builds alone, and of how often it repeats data. */
  check(n: CypherNode, s: Shape, what = 'a value', where = 'in one expression'): Shape {
    // Inside an iteration, one step at its largest element.
    const w = S.substitute(S.weight(s), this.largest);
    if (w.some((t) => t.g >= 2)) {
      throw refuse(
        `The query can build ${what} that grows with the square of the rows it collects ${where} (${this.snippet(n)}): ` +
          'a collected list iterated inside a comprehension over itself, which Neo4j does not limit in memory. ' +
          'MATCH the pairs instead, or UNWIND the list to stream it as rows.',
      );
    }
    if (w.some((t) => t.p >= 2)) {
      throw refuse(
        `The query can build ${what} that grows with the square of a value it reads from the graph ${where} (${this.snippet(n)}): ` +
          'a stored value repeated, or rebuilt, for each of its own items or characters, which Neo4j does not limit in memory. ' +
          'Use each item once ([c IN split(d.text, \' \') | c]), or UNWIND the list to stream it as rows.',
      );
    }
    const built = w.find((t) => t.p === 0 && t.g === 0)?.k ?? 0;
    if (!(built <= MAX_BUILT)) {
      throw refuse(
        `The query can build ${what} of up to ${fmt(built)} items ${where} (${this.snippet(n)}); ` +
          `the console allows ${fmt(MAX_BUILT)}, because Neo4j does not limit the memory of a value built inside one ` +
          'expression. Narrow the range, or UNWIND the list to stream it as rows.',
      );
    }
    const repeats = Math.max(0, ...w.filter((t) => t.p > 0 || t.g > 0).map((t) => t.k));
    if (!(repeats <= MAX_DATA_REPEATS)) {
      throw refuse(
        `The query can build ${what} that repeats or rebuilds what it reads from the graph up to ${fmt(repeats)} times ` +
          `${where} (${this.snippet(n)}); the console allows ${fmt(MAX_DATA_REPEATS)}, because a stored value can itself ` +
          'be large and Neo4j does not limit the memory of a value built inside one expression.',
      );
    }
    return s;
  }

  refuseRange(n: CypherNode): never {
    throw refuse(
      `The console cannot tell how large ${this.snippet(n)} gets: a range() needs bounds fixed by the query (numbers, ` +
        'parameters, constants named in WITH) or by the size() or length() of a value it already holds. ' +
        'UNWIND range(…) has no such limit, since its rows are streamed.',
    );
  }

  /** A whole statement or subquery: clauses in order, the variables each binds, the final columns. */
  query(n: CypherNode, outer: Env): QueryShape {
    if (n.rule === 'union') {
      const branches = kids(n).map((q) => this.query(q, new Map(outer)));
      return branches[0] ?? { env: outer, columns: [] };
    }
    if (n.rule === 'singleQuery' && kids(n).some((c) => c.rule === 'clause')) {
      let shape: QueryShape = { env: new Map(outer), columns: [] };
      for (const c of kids(n)) shape = this.clause(kids(c)[0] ?? c, shape.env, shape.columns);
      return shape;
    }
    let last: QueryShape = { env: outer, columns: [] };
    for (const c of kids(n)) last = this.query(c, outer);
    return last;
  }

  private clause(c: CypherNode, env: Env, columns: Shape[]): QueryShape {
    switch (c.rule) {
      case 'withClause':
      case 'returnClause':
        return this.projection(c, env);
      case 'unwindClause': {
        const [list, v] = kids(c);
        env.set(nameOf(v), this.unwound(list, env));
        return { env, columns };
      }
      case 'letClause':
        for (const item of kids(c)) {
          const [v, e] = kids(item);
          env.set(nameOf(v), this.expr(e, env));
        }
        return { env, columns };
      case 'subqueryClause': {
        const body = kids(c).find((k) => k.rule === 'queryWithLocalDefinitions');
        const inner = body ? this.query(body, env) : { env, columns: [] };
        for (const [name, s] of inner.env) if (!env.has(name) || env.get(name) !== s) env.set(name, s);
        return { env, columns };
      }
      case 'matchClause':
        // Its variables hold graph elements: data, and outer to any pattern comprehension that names them.
        for (const name of patternVariables(kids(c).find((k) => k.rule === 'patternList'))) if (!env.has(name)) env.set(name, S.DATA);
        for (const e of topExpressions(c)) this.expr(e, env);
        return { env, columns };
      case 'callClause':
        for (const e of topExpressions(c)) this.expr(e, env);
        // Procedure results are data.
        for (const item of kids(c).filter((k) => k.rule === 'procedureResultItem')) env.delete(nameOf(kids(item).at(-1)!));
        return { env, columns };
      default:
        for (const e of topExpressions(c)) this.expr(e, env);
        return { env, columns };
    }
  }

  /** UNWIND: the list's own length is streamed as rows, so a top-level range() is not built; its elements are. */
  private unwound(list: CypherNode, env: Env): Shape {
    const c = core(list);
    if (c.rule === 'functionInvocation' && nameOf(kids(c)[0]).toLowerCase() === 'range') {
      const args = kids(c).filter((k) => k.rule === 'functionArgument').map((a) => this.expr(a, env));
      return rangeElement(args);
    }
    return S.element(this.expr(list, env));
  }

  /** WITH and RETURN: each item's value, the row they make together, and the variables that follow. */
  private projection(c: CypherNode, env: Env): QueryShape {
    const body = kids(c).find((k) => k.rule === 'returnBody')!;
    const items = kids(body).find((k) => k.rule === 'returnItems')!;
    const next: Env = hasToken(items, 'TIMES') ? new Map(env) : new Map();
    const columns: Shape[] = [];
    for (const item of kids(items)) {
      const [e, alias] = kids(item);
      const s = this.expr(e, env);
      columns.push(s);
      const bare = core(e);
      next.set(alias ? nameOf(alias) : bare.rule === 'variable' ? nameOf(bare) : `\u0000${columns.length}`, s);
    }
    let row = S.size(0);
    for (const s of next.values()) row = S.add(row, S.weight(s));
    this.check(items, S.any(row), 'a row', 'from its columns together');
    const seen = new Map([...env, ...next]);
    for (const k of kids(body)) if (k !== items) for (const e of topExpressions(k)) this.expr(e, seen);
    for (const k of kids(c)) if (k !== body) for (const e of topExpressions(k)) this.expr(e, seen);
    for (const name of next.keys()) if (name.startsWith('\u0000')) next.delete(name);
    return { env: next, columns };
  }

  /** The bound of one expression, refused if past the budget. */
  expr(n: CypherNode, env: Env): Shape {
    const c = core(n);
    return this.check(c, this.value(c, env));
  }

  private all(n: CypherNode, env: Env): Shape[] {
    return topExpressions(n).map((e) => this.expr(e, env));
  }

  private value(c: CypherNode, env: Env): Shape {
    const k = kids(c);
    switch (c.rule) {
      case 'expression':
      case 'expression11':
      case 'expression10':
      case 'expression9':
      case 'expression8':
      case 'expression7':
        this.all(c, env);
        return S.SCALAR;
      case 'expression6':
      case 'expression5':
      case 'expression4': {
        let acc = this.expr(k[0], env);
        let op = '';
        for (const x of c.children.slice(1)) {
          if (!isRule(x)) op = x.token;
          else {
            const b = this.expr(x, env);
            acc =
              op === 'PLUS' || op === 'DOUBLEBAR' ? S.plus(acc, b)
              : S.arithmetic({ MINUS: '-', TIMES: '*', DIVIDE: '/', PERCENT: '%', POW: '^' }[op] ?? '?', acc, b);
          }
        }
        return acc;
      }
      case 'expression3': {
        const v = this.expr(k[0], env);
        return hasToken(c, 'MINUS') ? S.negate(v) : v;
      }
      case 'expression2':
        return this.postfix(c, env);
      case 'literal':
      case 'numberLiteral':
      case 'stringLiteral':
      case 'map':
        return this.literal(c, env);
      case 'parameter': {
        const name = nameOf(k[0]);
        return this.params && name in this.params ? S.fromValue(this.params[name]) : S.DATA;
      }
      case 'variable':
        return env.get(nameOf(c)) ?? S.DATA;
      case 'caseExpression':
      case 'extendedCaseExpression': {
        const results: Shape[] = [];
        const alternatives = k.filter((x) => x.rule === 'caseAlternative' || x.rule === 'extendedCaseAlternative');
        for (const alt of alternatives) {
          for (const e of topExpressions(alt).slice(0, -1)) this.expr(e, env);
          results.push(this.expr(kids(alt).at(-1)!, env));
        }
        const rest = k.filter((x) => !alternatives.includes(x)).map((e) => this.expr(e, env));
        // CASE x … : the first expression is the tested value; the one after the alternatives is ELSE.
        const elseShape = hasToken(c, 'ELSE') ? rest.at(-1)! : S.SCALAR;
        return S.joinAll([...results, elseShape]);
      }
      case 'listLiteral': {
        const items = k.map((e) => this.expr(e, env));
        return S.list(S.size(items.length), S.joinAll(items));
      }
      case 'listComprehension':
        return this.comprehension(c, env);
      case 'patternComprehension':
        return this.patternComprehension(c, env);
      case 'listItemsPredicate': {
        const [v, list, where] = k;
        const inner = new Map(env).set(nameOf(v), S.element(this.expr(list, env)));
        if (where) this.expr(where, inner);
        return S.SCALAR;
      }
      case 'reduceExpression':
        return this.reduce(c, env);
      case 'functionInvocation':
        return this.call(c, env);
      case 'existsExpression':
      case 'countExpression':
      case 'collectExpression': {
        const q = k.find((x) => x.rule === 'queryWithLocalDefinitions');
        if (!q) {
          this.all(c, env);
          return S.SCALAR;
        }
        const inner = this.query(q, env);
        return c.rule === 'collectExpression' ? S.list(S.ROWS, inner.columns[0] ?? S.DATA) : S.SCALAR;
      }
      case 'countStar':
      case 'propertyExistsPredicate':
        return S.SCALAR;
      case 'mapProjection': {
        let w = S.weight(env.get(nameOf(k[0])) ?? S.DATA);
        for (const s of this.all(c, env)) w = S.add(w, S.weight(s));
        return S.any(w);
      }
      case 'normalizeFunction':
      case 'trimFunction':
        return this.all(c, env).at(-1) ?? S.SCALAR;
      default: {
        // Anything else (patterns, vector functions…) is at most the data plus what its parts build.
        let w = S.DATA_SIZE;
        for (const s of this.all(c, env)) w = S.add(w, S.weight(s));
        return S.any(w);
      }
    }
  }

  private literal(c: CypherNode, env: Env): Shape {
    const n = c.rule === 'literal' ? (kids(c)[0] ?? c) : c;
    if (n.rule === 'numberLiteral') {
      const t = tokenText(n).replace(/_/g, '');
      const neg = t.startsWith('-');
      const body = neg ? t.slice(1) : t;
      const v = /^0[0-7]+$/.test(body) ? Number.parseInt(body, 8) : Number(body);
      return Number.isFinite(v) ? S.exact(neg ? -v : v) : S.SCALAR;
    }
    if (n.rule === 'stringLiteral') return S.str(S.size(Math.max(0, tokenText(n).length - 2)));
    if (n.rule === 'map') {
      let w = S.ONE;
      for (const s of this.all(n, env)) w = S.add(w, S.weight(s));
      return S.any(w);
    }
    return S.SCALAR;
  }

  private postfix(c: CypherNode, env: Env): Shape {
    const [base, ...fixes] = kids(c);
    let s = this.expr(base, env);
    for (const f of fixes) {
      const parts = topExpressions(f).map((e) => this.expr(e, env));
      if (kids(f)[0]?.rule === 'property') s = s.kind === 'scalar' ? s : S.any(S.weight(s));
      else if (hasToken(f, 'DOTDOT')) s = s.kind === 'scalar' ? S.SCALAR : s;
      else if (parts.length) s = this.indexed(s, topExpressions(f)[0]);
    }
    return s;
  }

  /** `xs[i]`: one item of xs, and a distinct one at each step when i walks a range() one by one. */
  private indexed(s: Shape, index: CypherNode): Shape {
    if (s.kind === 'str') return S.str(S.ONE);
    const item = s.kind === 'list' ? s.of : S.any(S.weight(s));
    const level = this.cursorOf(index);
    const own = (x: S.Size) => S.positive(x).some((t) => level?.slots.some((y) => (t.e?.[y.slot] ?? 0) > 0));
    if (!level || own(S.weight(s))) return item;
    return this.mark(level, item, S.scale(S.weight(s), level.distinct!));
  }

  /** The iteration whose cursor the index is (`i`, `i + 1`, `i - 2`), if any. */
  private cursorOf(index: CypherNode): Level | undefined {
    const c = core(index);
    if (c.rule === 'variable') return this.cursors.get(nameOf(c));
    const parts = kids(c);
    const ops = c.children.filter((x) => !isRule(x)).map((x) => (x as { token: string }).token);
    if (c.rule !== 'expression6' || parts.length !== 2 || ops.length !== 1 || !['PLUS', 'MINUS'].includes(ops[0])) return undefined;
    const [a, b] = parts.map(core);
    return a.rule === 'variable' && (b.rule === 'numberLiteral' || b.rule === 'literal') ? this.cursors.get(nameOf(a)) : undefined;
  }

  private comprehension(c: CypherNode, env: Env): Shape {
    const [v, list] = kids(c);
    const over = this.expr(list, env);
    const { level, element } = this.open(list, over, env);
    const inner = new Map(env).set(nameOf(v), element);
    const body = this.inLevel(level, nameOf(v), () => {
      let out: Shape = element;
      let part = '';
      for (const x of c.children.slice(3)) {
        if (!isRule(x)) part = x.token;
        else if (part === 'BAR') out = this.expr(x, inner);
        else this.expr(x, inner);
      }
      return out;
    });
    return this.listOf(level, body);
  }

  /** The list an iteration's steps make: one item per step, all of them together bounded by what the steps add. */
  private listOf(level: Level, body: Shape): Shape {
    const { one, sum } = this.close(level, body);
    return S.list(level.count, one, sum(S.weight(body)));
  }

  /**
   * `[(a)-->(b) | b.name]`: the matches of one pattern from the row's nodes are part of the graph, like a path
   * (as large as the data); what the body reads of them sums to that, and what it repeats of the row is
   * repeated once per match.
   */
  private patternComprehension(c: CypherNode, env: Env): Shape {
    const matches = S.list(S.DATA_SIZE, S.DATA, S.DATA_SIZE);
    const level: Level = { slots: [], count: S.count(matches) };
    const pattern = kids(c).find((k) => k.rule === 'pathPatternNonEmpty');
    // A variable-length pattern can reach one node by many paths: its matches repeat what they read.
    const varLength = pattern !== undefined && [...ruleNodes(pattern)].some((n) => n.rule === 'pathLength');
    const element = varLength ? S.DATA : this.mark(level, S.DATA, S.DATA_SIZE);
    const inner = new Map(env);
    const pathName = kids(c).find((k) => k.rule === 'variable');
    const names = [...(pathName ? [nameOf(pathName)] : []), ...patternVariables(pattern)];
    for (const name of names) if (!env.has(name)) inner.set(name, element);
    const body = this.inLevel(level, undefined, () => this.all(c, inner).at(-1) ?? S.SCALAR);
    return this.listOf(level, body);
  }

  private call(c: CypherNode, env: Env): Shape {
    const fn = kids(c)[0];
    const name = kids(fn)
      .flatMap((x) => (x.rule === 'namespace' ? kids(x) : [x]))
      .map(nameOf)
      .join('.')
      .toLowerCase();
    const args = kids(c)
      .filter((k) => k.rule === 'functionArgument')
      .map((a) => this.expr(a, env));
    const s = evalFunction(name, args);
    if (s === 'unbounded') this.refuseRange(c);
    return s;
  }

  private reduce(c: CypherNode, env: Env): Shape {
    const [accVar, initExpr, itemVar, listExpr, step] = kids(c);
    const acc = nameOf(accVar);
    const init = this.expr(initExpr, env);
    const over = this.expr(listExpr, env);
    const uses = carries(step, acc);
    if (uses > 1) {
      throw refuse(
        `reduce() can double its value at every step when its step uses the accumulator ${acc} more than once, or ` +
          `in a way that can multiply it (replace(), a nested comprehension) (${this.snippet(c)}); the console refuses it. Build the value with a ` +
          'list comprehension, or use the accumulator once per step.',
      );
    }
    // Inside the step the accumulator is what earlier steps made: empty of init's kind, plus what each step adds.
    const start: Shape =
      init.kind === 'str' ? S.str(S.size(0))
      : init.kind === 'list' ? S.list(S.size(0), init.of)
      : init.kind === 'scalar' ? S.SCALAR
      : S.any(S.size(0));
    const { level, element } = this.open(listExpr, over, env);
    const inner = new Map(env).set(nameOf(itemVar), element).set(acc, uses === 0 ? widen(init) : start);
    const added = this.inLevel(level, nameOf(itemVar), () => this.expr(step, inner));
    const steps = this.close(level, added);
    return uses === 0 ? S.join(init, steps.one) : grow(init, steps, added);
  }
}
