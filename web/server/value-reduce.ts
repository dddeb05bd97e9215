// reduce() for the console's bound check (value-bound.ts): how many times a step carries its accumulator
// into its result, and what the accumulator is after n steps.
import { isRule, type CypherNode } from './cypher-parser.ts';
import { core, hasToken, kids, nameOf } from './cypher-tree.ts';
import { scalarResult } from './value-functions.ts';
import * as S from './value-shape.ts';
import type { Shape, Size } from './value-shape.ts';

/** A scalar accumulator's value changes from step to step: only its kind is known. */
export const widen = (s: Shape): Shape => (s.kind === 'scalar' ? S.SCALAR : s);

/**
 * The accumulator after all steps, each adding `added` to it: `steps.sum` is what a size of one step sums
 * to over them, `steps.one` one step at its largest.
 */
export function grow(init: Shape, steps: { one: Shape; sum: (s: Size) => Size }, added: Shape): Shape {
  if (init.kind === 'str' && added.kind === 'str') return S.str(S.add(init.len, steps.sum(added.len)));
  if (init.kind === 'list' && added.kind === 'list' && steps.one.kind === 'list') {
    const total = S.add(S.content(init), steps.sum(S.content(added)));
    return S.list(S.add(init.len, steps.sum(added.len)), S.join(init.of, steps.one.of), total);
  }
  if (init.kind === 'scalar' && added.kind === 'scalar') return S.SCALAR;
  return S.any(S.add(S.weight(init), steps.sum(S.weight(added))));
}

/**
 * How many times a reduce step carries its accumulator into its result: `s + x` once, `s + s` twice; a use
 * whose result is a number or a truth value (`size(s)`, `x IN s`) not at all; CASE branches count as one;
 * a use inside a nested comprehension or reduce as unbounded.
 */
export function carries(n: CypherNode, acc: string): number {
  const c = core(n);
  if (!mentions(c, acc)) return 0;
  const k = kids(c);
  const sum = (xs: CypherNode[]) => xs.reduce((t, x) => t + carries(x, acc), 0);
  switch (c.rule) {
    case 'variable':
      return nameOf(c) === acc ? 1 : 0;
    case 'expression':
    case 'expression11':
    case 'expression10':
    case 'expression9':
    case 'expression8':
    case 'expression7':
    case 'expression5':
    case 'expression4':
    case 'expression3':
    case 'listItemsPredicate':
    case 'existsExpression':
    case 'countExpression':
      return 0;
    case 'expression2':
      return carries(k[0], acc);
    case 'caseExpression':
    case 'extendedCaseExpression': {
      const alts = k.filter((x) => x.rule === 'caseAlternative' || x.rule === 'extendedCaseAlternative');
      const results = alts.map((a) => kids(a).at(-1)!);
      if (hasToken(c, 'ELSE')) results.push(k.at(-1)!);
      return Math.max(0, ...results.map((r) => carries(r, acc)));
    }
    case 'functionInvocation': {
      const name = nameOf(kids(k[0]).at(-1)!).toLowerCase();
      const args = k.filter((x) => x.rule === 'functionArgument');
      if (scalarResult(name)) return 0;
      if (name === 'coalesce') return Math.max(0, ...args.map((a) => carries(a, acc)));
      if (name === 'replace' || name === 'split' || name === 'range') return Infinity;
      return sum(args);
    }
    case 'listComprehension': {
      // A filter of the accumulator ([y IN s WHERE …]) keeps at most its items; a projection may grow each.
      const [, list, ...rest] = k;
      const projects = c.children.some((x) => !isRule(x) && x.token === 'BAR');
      if (projects || rest.some((x) => mentions(x, acc))) return Infinity;
      return carries(list, acc);
    }
    case 'patternComprehension':
    case 'reduceExpression':
    case 'collectExpression':
      return Infinity;
    default:
      return sum(k);
  }
}

function mentions(n: CypherNode, name: string): boolean {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.rule === 'variable' && nameOf(x) === name) return true;
    stack.push(...kids(x));
  }
  return false;
}

