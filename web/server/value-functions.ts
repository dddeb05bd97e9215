// What Neo4j's built-in functions can build, for the console's bound check (value-bound.ts): range() spans
// its bounds, replace() can multiply a string by its replacement, collect() gathers data rows; most others
// return something no larger than their arguments.
import * as S from './value-shape.ts';
import type { IntRange, Shape, Size } from './value-shape.ts';

const SCALAR_FUNCTIONS = new Set([
  'count', 'sum', 'avg', 'stdev', 'stdevp', 'percentilecont', 'toboolean', 'tobooleanornull', 'tofloat', 'tofloatornull',
  'isempty', 'isnan', 'id', 'elementid', 'type', 'exists', 'sign', 'ceil', 'floor', 'round', 'sqrt', 'exp', 'log', 'log10',
  'sin', 'cos', 'tan', 'cot', 'asin', 'acos', 'atan', 'atan2', 'degrees', 'radians', 'haversin', 'rand', 'pi', 'e',
  'timestamp', 'randomuuid', 'valuetype', 'point.distance', 'point.withinbbox', 'vector.similarity.cosine',
  'vector.similarity.euclidean', 'db.namefromelementid',
]);
/** Whether name(…) is a number, truth value or single graph element whatever its arguments. */
export const scalarResult = (name: string) =>
  SCALAR_FUNCTIONS.has(name) || ['size', 'length', 'char_length', 'character_length', 'abs', 'tointeger', 'tointegerornull', 'startnode', 'endnode'].includes(name);
const SAME_TEXT = new Set(['tolower', 'toupper', 'trim', 'ltrim', 'rtrim', 'btrim', 'substring', 'left', 'right', 'reverse', 'tail']);

/** The length of a range(a, b, step) in items, or undefined when its bounds are not known. */
function rangeLength(args: Shape[]): Size | undefined {
  const [a, b, s] = args;
  if (a?.kind !== 'scalar' || b?.kind !== 'scalar') return undefined;
  const step = s === undefined ? 1 : s.kind === 'scalar' ? s.value : undefined;
  if (s !== undefined && s.kind !== 'scalar') return undefined;
  if (step === 0) return S.size(0);
  if (a.value !== undefined && b.value !== undefined && step !== undefined) {
    return S.size(Math.max(0, Math.floor((b.value - a.value) / step) + 1));
  }
  const span = (from?: IntRange, to?: IntRange): Size | undefined =>
    from?.lo !== undefined && to?.hi ? S.add(to.hi, S.size(-from.lo)) : undefined;
  const up = span(a.int, b.int);
  const down = span(b.int, a.int);
  // A step the query does not fix has |step| ≥ 1 and either sign.
  const spanned = step === undefined ? (up && down ? S.max(up, down) : undefined) : step > 0 ? up : down;
  if (!spanned) return undefined;
  const per = Math.abs(step ?? 1);
  return S.add(S.scale(spanned, 1 / per), S.ONE);
}

/** One integer of a range(a, b, step). */
export function rangeElement(args: Shape[]): Shape {
  const [a, b] = args;
  if (a?.kind !== 'scalar' || b?.kind !== 'scalar') return S.SCALAR;
  const step = args[2]?.kind === 'scalar' ? args[2].value : args[2] === undefined ? 1 : undefined;
  const ends = step !== undefined && step < 0 ? [b, a] : [a, b];
  const lo = ends[0].kind === 'scalar' ? ends[0].int?.lo : undefined;
  const hi = ends[1].kind === 'scalar' ? ends[1].int?.hi : undefined;
  if (step === undefined) return S.join({ kind: 'scalar', int: { lo: a.int?.lo, hi: b.int?.hi } }, { kind: 'scalar', int: { lo: b.int?.lo, hi: a.int?.hi } });
  return { kind: 'scalar', int: { lo, hi } };
}

const text = (s: Shape | undefined): Size => (s === undefined ? S.ONE : s.kind === 'str' ? s.len : s.kind === 'scalar' ? S.size(S.CHARS_PER_SCALAR) : S.weight(s));

/** The bound of name(args); 'unbounded' for a range() whose length the query does not fix. */
export function evalFunction(name: string, args: Shape[]): Shape | 'unbounded' {
  const [a0] = args;
  switch (name) {
    case 'range': {
      const len = rangeLength(args);
      return len ? S.list(len, rangeElement(args)) : 'unbounded';
    }
    case 'size':
    case 'length':
    case 'char_length':
    case 'character_length':
      return a0 ? S.lengthOf(a0) : S.SCALAR;
    case 'collect':
      return S.list(S.ROWS, a0 ?? S.SCALAR);
    case 'min':
    case 'max':
    case 'percentiledisc':
      return a0 ?? S.SCALAR;
    case 'abs':
    case 'tointeger':
    case 'tointegerornull':
      if (a0?.kind !== 'scalar') return S.SCALAR;
      if (a0.value === undefined) return name === 'abs' ? S.SCALAR : a0;
      return S.exact(name === 'abs' ? Math.abs(a0.value) : Math.trunc(a0.value));
    case 'coalesce':
      return S.joinAll(args);
    case 'head':
    case 'last':
      return a0 ? S.element(a0) : S.SCALAR;
    case 'tostring':
    case 'tostringornull':
      return S.str(text(a0));
    case 'split': {
      // The pieces together hold at most the text's characters.
      const len = text(a0);
      return S.list(S.add(len, S.ONE), S.str(len), S.add(len, S.ONE));
    }
    case 'replace':
      // Every character may become the replacement.
      return S.str(S.mul(text(a0), S.add(text(args[2]), S.ONE)));
    case 'keys':
    case 'labels':
    case 'nodes':
    case 'relationships': {
      // Parts of the value: together no larger than it.
      const w = a0 ? S.weight(a0) : S.DATA_SIZE;
      return S.list(w, S.any(w), w);
    }
    case 'startnode':
    case 'endnode':
    case 'properties':
      return S.DATA;
  }
  if (SCALAR_FUNCTIONS.has(name)) return S.SCALAR;
  if (SAME_TEXT.has(name)) return a0?.kind === 'scalar' ? S.str(text(a0)) : (a0 ?? S.SCALAR);
  // Other functions (dates, points, durations…) make a value about as large as their arguments.
  let w = S.ONE;
  for (const s of args) w = S.add(w, S.weight(s));
  return S.any(w);
}
