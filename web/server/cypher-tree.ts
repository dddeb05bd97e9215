// Reading Neo4j's parse tree (cypher-parser.ts) as expressions: the node an expression really is under its
// chain of single-child grammar wrappers, its outermost sub-expressions, names without backticks.
import { isRule, tokenText, type CypherNode } from './cypher-parser.ts';

export const EXPRESSIONS = new Set(['expression', ...Array.from({ length: 11 }, (_, i) => `expression${i + 1}`)]);
const WRAPPERS = new Set([...EXPRESSIONS, 'functionArgument', 'procedureArgument', 'literal', 'extendedWhen']);
export const kids = (n: CypherNode) => n.children.filter(isRule);
export const hasToken = (n: CypherNode, t: string) => n.children.some((c) => !isRule(c) && c.token === t);
const unquote = (t: string) => (t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t);
export const nameOf = (n: CypherNode) => unquote(tokenText(n));

/** The node an expression really is: single-child wrappers (expression → expression11 → …) and parentheses skipped. */
export function core(n: CypherNode): CypherNode {
  for (;;) {
    const k = kids(n);
    if (n.children.length === 1 && k.length === 1 && WRAPPERS.has(n.rule)) n = k[0];
    else if (n.rule === 'parenthesizedExpression' && k.length === 1) n = k[0];
    else return n;
  }
}

/** The outermost expressions under a node (not looking inside them). */
export function topExpressions(n: CypherNode): CypherNode[] {
  const out: CypherNode[] = [];
  const stack = [...kids(n)].reverse();
  while (stack.length) {
    const x = stack.pop()!;
    if (EXPRESSIONS.has(x.rule)) out.push(x);
    else stack.push(...kids(x).reverse());
  }
  return out;
}
