// What one Cypher value can grow to, known before the query runs: the abstract values the console's bound
// check (value-bound.ts) computes for every expression. A size is a sum of terms `k · D^p · G^g`: constants
// times powers of D, the size of one value read from the graph (a stored property, a node, a path), and of
// G, the number of rows a collect() gathers (up to the whole graph). The constant term is what the query
// text alone builds; a term with D or G multiplies data by its k; a term in G² iterates a collected list
// inside a comprehension over itself. value-bound.ts sets a limit for each.
// Inside a comprehension or reduce() a term may also carry powers of markers E_i: the size of the one element
// the iteration is at. A term linear in a marker sums, over the whole iteration, to the list's total (the
// elements are distinct parts of it), not to its length times its largest element; a term without one is
// repeated on every step. That keeps `[n IN nodes(p) | n.name]` linear and `[c IN split(t, '') | t + c]`
// quadratic in the data.

/** One term `k · D^p · G^g · Π E_i^e[i]` of a size (p = g = 0 and no marker: the constant k). */
export interface Term {
  k: number;
  p: number;
  g: number;
  /** Powers of element markers, by slot (value-bound.ts allocates the slots). */
  e?: readonly number[];
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
  /** `total`, when known, bounds the items and characters of all elements together, below len × of. */
  | { kind: 'list'; len: Size; of: Shape; total?: Size }
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

const markers = (t: Term): number[] => {
  const e = [...(t.e ?? [])];
  while (e.length && !e[e.length - 1]) e.pop();
  return e;
};
const keyOf = (t: Term) => `${t.p},${t.g},${markers(t).join('.')}`;
const term = (k: number, p: number, g: number, e: number[]): Term => (e.length ? { k, p, g, e } : { k, p, g });
/** Whether the term holds no marker. */
export const unmarked = (t: Term) => markers(t).length === 0;

/** Terms merged by their powers, constant first. Only an integer's bound has a negative (constant) term. */
function norm(terms: Term[]): Size {
  const by = new Map<string, Term>();
  for (const raw of terms) {
    const t = term(raw.k, raw.p, raw.g, markers(raw));
    const key = keyOf(t);
    const had = by.get(key);
    by.set(key, had ? { ...t, k: had.k + t.k } : t);
  }
  const out = [...by.values()].filter((t) => t.k !== 0 || (t.p === 0 && t.g === 0 && unmarked(t)));
  out.sort((a, b) => a.p + a.g - (b.p + b.g) || a.g - b.g);
  return out.length ? out : size(0);
}
/** The terms above zero: an upper bound once negative constants (D, G ≥ 1 make the rest positive) drop out. */
export const positive = (s: Size): Size => norm(s.filter((t) => t.k > 0));
export const add = (a: Size, b: Size): Size => norm([...a, ...b]);
export const mul = (a: Size, b: Size): Size =>
  norm(positive(a).flatMap((x) => positive(b).map((y) => term(x.k * y.k, x.p + y.p, x.g + y.g, addPowers(markers(x), markers(y))))));
const addPowers = (a: number[], b: number[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
/** An upper bound on both: the larger k of each term. */
export function max(a: Size, b: Size): Size {
  const by = new Map<string, Term>();
  for (const t of [...positive(a), ...positive(b)]) {
    const key = keyOf(t);
    const had = by.get(key);
    if (!had || had.k < t.k) by.set(key, t);
  }
  return norm([...by.values()]);
}
export const scale = (s: Size, by: number): Size => norm(positive(s).map((t) => ({ ...t, k: t.k * by })));
/** The size when the query fixes it alone, else undefined. */
export const constant = (s: Size): number | undefined =>
  s.every((t) => t.p === 0 && t.g === 0 && unmarked(t)) ? s.reduce((n, t) => n + t.k, 0) : undefined;

/** The size of the element at marker `slot`: E_slot. */
export function marker(slot: number): Size {
  const e = Array.from({ length: slot + 1 }, (_, i) => (i === slot ? 1 : 0));
  return [term(1, 0, 0, e)];
}
const power = (s: Size, n: number): Size => (n <= 0 ? ONE : mul(s, power(s, n - 1)));

/** The size with each marker in `by` replaced by the size it stands for (the largest element). */
export function substitute(s: Size, by: ReadonlyMap<number, Size>): Size {
  return norm(
    s.flatMap((t) => {
      const e = markers(t);
      let out: Size = [term(t.k, t.p, t.g, e.map((x, i) => (by.has(i) ? 0 : x)))];
      e.forEach((x, i) => {
        if (x && by.has(i)) out = mul(out, power(by.get(i)!, x));
      });
      return [...out];
    }),
  );
}

/** One marker of an iteration: the total of the elements it stands for, and the largest of them. */
export interface Slot {
  slot: number;
  total: Size;
  largest: Size;
}

/**
 * What a size of one step sums to over all `count` steps of an iteration whose elements are `slots`: a term
 * without their markers is repeated count times; one with a marker sums to that marker's total (times the
 * largest element for a higher power, and for any other marker of the same iteration).
 */
export function overSteps(s: Size, slots: readonly Slot[], count: Size): Size {
  let out: Size = size(0);
  for (const t of positive(s)) {
    const e = markers(t);
    const here = slots.filter((x) => (e[x.slot] ?? 0) > 0);
    const bare: Size = [term(t.k, t.p, t.g, e.map((x, i) => (slots.some((y) => y.slot === i) ? 0 : x)))];
    let sum: Size = here.length ? bare : mul(bare, count);
    here.forEach((x, i) => {
      const n = e[x.slot]!;
      sum = mul(sum, i === 0 ? mul(x.total, power(x.largest, n - 1)) : power(x.largest, n));
    });
    out = add(out, sum);
  }
  return out;
}

/** The shape with markers in `by` replaced (an upper bound of one element, or of one step). */
export function substituteShape(s: Shape, by: ReadonlyMap<number, Size>): Shape {
  if (!by.size) return s;
  const sub = (x: Size) => substitute(x, by);
  switch (s.kind) {
    case 'scalar':
      return s.int?.hi ? { ...s, int: { ...s.int, hi: sub(s.int.hi) } } : s;
    case 'str':
      return str(sub(s.len));
    case 'list':
      return { kind: 'list', len: sub(s.len), of: substituteShape(s.of, by), ...(s.total ? { total: sub(s.total) } : {}) };
    case 'any':
      return any(sub(s.w));
  }
}

export const exact = (value: number): Shape =>
  Number.isInteger(value) ? { kind: 'scalar', value, int: { lo: value, hi: size(value) } } : { kind: 'scalar', value };
/** An integer from 0 to `hi` (a size or a length). */
export const upTo = (hi: Size): Shape => ({ kind: 'scalar', int: { lo: 0, hi } });
export const str = (len: Size): Shape => ({ kind: 'str', len });
export const list = (len: Size, of: Shape, total?: Size): Shape => (total ? { kind: 'list', len, of, total } : { kind: 'list', len, of });
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
      return atLeastOne(s.total ?? mul(s.len, weight(s.of)));
    case 'any':
      return atLeastOne(s.w);
  }
}

/** A list's items and characters without weight's floor of 1 (an empty list holds none). */
export const content = (s: Shape): Size => (s.kind === 'list' ? (s.total ?? mul(s.len, weight(s.of))) : weight(s));

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
  if (a.kind === 'list' && b.kind === 'list') {
    return list(max(a.len, b.len), join(a.of, b.of), a.total || b.total ? max(weight(a), weight(b)) : undefined);
  }
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
  const total = (x: Shape, y: Shape) => (x.kind === 'list' && x.total) || (y.kind === 'list' && y.total) ? add(weight(x), weight(y)) : undefined;
  if (a.kind === 'list' && b.kind === 'list') return list(add(a.len, b.len), join(a.of, b.of), total(a, b));
  if (a.kind === 'list') return list(add(a.len, ONE), join(a.of, b), total(a, b));
  if (b.kind === 'list') return list(add(b.len, ONE), join(a, b.of), total(a, b));
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
