// What one Cypher value can grow to, known before the query runs: the abstract values the console's bound
// check (value-bound.ts) computes for every expression. A size is a sum of terms `k · D^p · G^g`: constants
// times powers of D, the size of one value read from the graph (a stored property, a node, a path), and of
// G, the number of rows a collect() gathers (up to the whole graph). The constant term is what the query
// text alone builds; a term with D or G multiplies data by its k; a term in G² iterates a collected list
// inside a comprehension over itself. value-bound.ts sets a limit for each.

/** One term `k · D^p · G^g` of a size (p = g = 0: the constant k). */
export interface Term {
  k: number;
  p: number;
  g: number;
}
/** An upper bound: the sum of its terms, one per (p, g). */
export type Size = readonly Term[];

/** A bound on an integer's value: lo ≤ v ≤ hi (either end missing: not known). */
export interface IntRange {
  lo?: number;
  hi?: Size;
}

export type Shape =
  | { kind: 'scalar'; value?: number; int?: IntRange }
  | { kind: 'str'; len: Size }
  | { kind: 'list'; len: Size; of: Shape }
  /** A value of unknown structure whose total size is at most w (maps, nodes, properties…). */
  | { kind: 'any'; w: Size };

export const size = (k: number, p = 0, g = 0): Size => [{ k, p, g }];
export const ONE = size(1);
/** Something read from the graph: as large as the data. */
export const DATA_SIZE = size(1, 1);
/** The rows a collect() gathers. */
export const ROWS = size(1, 0, 1);
export const DATA: Shape = { kind: 'any', w: DATA_SIZE };
export const SCALAR: Shape = { kind: 'scalar' };
/** The characters a number, boolean or date may take when turned into text. */
export const CHARS_PER_SCALAR = 40;

/** Terms merged by their powers, constant first. Only an integer's bound has a negative (constant) term. */
function norm(terms: Term[]): Size {
  const by = new Map<string, Term>();
  for (const t of terms) {
    const key = `${t.p},${t.g}`;
    const had = by.get(key);
    by.set(key, had ? { k: had.k + t.k, p: t.p, g: t.g } : t);
  }
  const out = [...by.values()].filter((t) => t.k !== 0 || (t.p === 0 && t.g === 0));
  out.sort((a, b) => a.p + a.g - (b.p + b.g) || a.g - b.g);
  return out.length ? out : size(0);
}
/** The terms above zero: an upper bound once negative constants (D, G ≥ 1 make the rest positive) drop out. */
export const positive = (s: Size): Size => norm(s.filter((t) => t.k > 0));
export const add = (a: Size, b: Size): Size => norm([...a, ...b]);
export const mul = (a: Size, b: Size): Size =>
  norm(positive(a).flatMap((x) => positive(b).map((y) => ({ k: x.k * y.k, p: x.p + y.p, g: x.g + y.g }))));
/** An upper bound on both: the larger k of each term. */
export function max(a: Size, b: Size): Size {
  const by = new Map<string, Term>();
  for (const t of [...positive(a), ...positive(b)]) {
    const key = `${t.p},${t.g}`;
    const had = by.get(key);
    if (!had || had.k < t.k) by.set(key, t);
  }
  return norm([...by.values()]);
}
export const scale = (s: Size, by: number): Size => norm(positive(s).map((t) => ({ ...t, k: t.k * by })));
/** The size when the query fixes it alone, else undefined. */
export const constant = (s: Size): number | undefined => (s.every((t) => t.p === 0 && t.g === 0) ? s.reduce((n, t) => n + t.k, 0) : undefined);

export const exact = (value: number): Shape =>
  Number.isInteger(value) ? { kind: 'scalar', value, int: { lo: value, hi: size(value) } } : { kind: 'scalar', value };
/** An integer from 0 to `hi` (a size or a length). */
export const upTo = (hi: Size): Shape => ({ kind: 'scalar', int: { lo: 0, hi } });
export const str = (len: Size): Shape => ({ kind: 'str', len });
export const list = (len: Size, of: Shape): Shape => ({ kind: 'list', len, of });
export const any = (w: Size): Shape => ({ kind: 'any', w });

/** D, G ≥ 1: a term with k ≥ 1 already makes a size at least 1. */
const atLeastOne = (s: Size): Size => (s.some((t) => t.k >= 1) ? s : max(s, ONE));

/** How many items and characters the value holds, counted through nested lists (at least 1). */
export function weight(s: Shape): Size {
  switch (s.kind) {
    case 'scalar':
      return ONE;
    case 'str':
      return atLeastOne(s.len);
    case 'list':
      return atLeastOne(mul(s.len, weight(s.of)));
    case 'any':
      return atLeastOne(s.w);
  }
}

/** One element of the value when it is iterated (UNWIND, a comprehension, an index). */
export function element(s: Shape): Shape {
  if (s.kind === 'list') return s.of;
  if (s.kind === 'scalar') return s;
  return any(weight(s));
}

/** How many elements iterating the value visits. */
export function count(s: Shape): Size {
  if (s.kind === 'list') return s.len;
  if (s.kind === 'any') return weight(s);
  return ONE;
}

/** size()/length(): at most the value's item or character count. */
export function lengthOf(s: Shape): Shape {
  if (s.kind === 'list' || s.kind === 'str') return upTo(s.len);
  return upTo(weight(s));
}

function joinInt(a?: IntRange, b?: IntRange): IntRange | undefined {
  if (!a || !b) return undefined;
  return { lo: a.lo === undefined || b.lo === undefined ? undefined : Math.min(a.lo, b.lo), hi: a.hi && b.hi ? max(a.hi, b.hi) : undefined };
}

/** A bound on either of two values (CASE branches, list elements, coalesce). */
export function join(a: Shape, b: Shape): Shape {
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    return { kind: 'scalar', value: a.value === b.value ? a.value : undefined, int: joinInt(a.int, b.int) };
  }
  if (a.kind === 'str' && b.kind === 'str') return str(max(a.len, b.len));
  if (a.kind === 'list' && b.kind === 'list') return list(max(a.len, b.len), join(a.of, b.of));
  return any(max(weight(a), weight(b)));
}

export const joinAll = (xs: Shape[]): Shape => (xs.length ? xs.reduce(join) : SCALAR);

/** `a + b` and `a || b`: numbers add, strings and lists concatenate. */
export function plus(a: Shape, b: Shape): Shape {
  if (a.kind === 'scalar' && b.kind === 'scalar') return arithmetic('+', a, b);
  const text = (s: Shape) => (s.kind === 'str' ? s.len : s.kind === 'scalar' ? size(CHARS_PER_SCALAR) : undefined);
  const ta = text(a);
  const tb = text(b);
  if (ta && tb) return str(add(ta, tb));
  if (a.kind === 'list' && b.kind === 'list') return list(add(a.len, b.len), join(a.of, b.of));
  if (a.kind === 'list') return list(add(a.len, ONE), join(a.of, b));
  if (b.kind === 'list') return list(add(b.len, ONE), join(a, b.of));
  return any(add(weight(a), weight(b)));
}

const addInt = (a: IntRange, b: IntRange): IntRange => ({
  lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo + b.lo,
  hi: a.hi && b.hi ? add(a.hi, b.hi) : undefined,
});
const negInt = (a: IntRange): IntRange => ({ lo: a.hi && constant(a.hi) !== undefined ? -constant(a.hi)! : undefined, hi: a.lo === undefined ? undefined : size(-a.lo) });

/** Arithmetic on numbers: constants fold exactly; integer ranges follow +, -, and non-negative * / %. */
export function arithmetic(op: string, a: Shape, b: Shape): Shape {
  if (a.kind !== 'scalar' || b.kind !== 'scalar') return SCALAR;
  if (a.value !== undefined && b.value !== undefined) {
    const ints = Number.isInteger(a.value) && Number.isInteger(b.value);
    const v =
      op === '+' ? a.value + b.value
      : op === '-' ? a.value - b.value
      : op === '*' ? a.value * b.value
      : op === '/' ? (ints ? Math.trunc(a.value / b.value) : a.value / b.value)
      : op === '%' ? a.value % b.value
      : op === '^' ? a.value ** b.value
      : NaN;
    return Number.isFinite(v) ? (op === '^' ? { kind: 'scalar', value: v } : exact(v)) : SCALAR;
  }
  if (!a.int || !b.int) return SCALAR;
  const nonNegative = (r: IntRange) => r.lo !== undefined && r.lo >= 0;
  switch (op) {
    case '+':
      return { kind: 'scalar', int: addInt(a.int, b.int) };
    case '-':
      return { kind: 'scalar', int: addInt(a.int, negInt(b.int)) };
    case '*':
      if (!nonNegative(a.int) || !nonNegative(b.int) || !a.int.hi || !b.int.hi) return SCALAR;
      return { kind: 'scalar', int: { lo: a.int.lo! * b.int.lo!, hi: mul(a.int.hi, b.int.hi) } };
    case '/':
      return nonNegative(a.int) && b.value !== undefined && b.value >= 1 ? { kind: 'scalar', int: { lo: 0, hi: a.int.hi } } : SCALAR;
    case '%':
      return nonNegative(a.int) && b.value !== undefined && b.value >= 1 ? { kind: 'scalar', int: { lo: 0, hi: size(b.value - 1) } } : SCALAR;
    default:
      return SCALAR;
  }
}

export function negate(a: Shape): Shape {
  if (a.kind !== 'scalar') return SCALAR;
  if (a.value !== undefined) return exact(-a.value);
  return a.int ? { kind: 'scalar', int: negInt(a.int) } : SCALAR;
}

/** The shape of a parameter's actual value (parameters are known when the query is checked). */
export function fromValue(v: unknown): Shape {
  if (v === null || v === undefined || typeof v === 'boolean') return SCALAR;
  if (typeof v === 'number') return exact(v);
  if (typeof v === 'bigint') return exact(Number(v));
  if (typeof v === 'string') return str(size(v.length));
  if (Array.isArray(v)) return list(size(v.length), joinAll(v.map(fromValue)));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // A neo4j Integer ({low, high} with toNumber), the driver's own form of parameters.
    if (typeof o.toNumber === 'function' && 'low' in o && 'high' in o) return exact((o.toNumber as () => number)());
    let w = ONE;
    for (const x of Object.values(o)) w = add(w, weight(fromValue(x)));
    return any(w);
  }
  return SCALAR;
}
