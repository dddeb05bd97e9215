// The Cypher parser Neo4j's own language support ships (@neo4j-cypher/language-support, an ANTLR grammar of
// the full language: clauses, subqueries, commands), loaded once and used as a plain parse tree. The package
// exports editor services only, so its generated parser is loaded from the package's own folder.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CharStream, CommonTokenStream, ParserRuleContext, TerminalNode, type ANTLRErrorListener, type ParseTree } from 'antlr4ng';

/** A rule node of the tree: its grammar rule name and children, and the source range it covers. */
export interface CypherNode {
  rule: string;
  children: (CypherNode | CypherToken)[];
  start: number;
  stop: number;
}

export interface CypherToken {
  token: string;
  text: string;
}

export interface CypherParse {
  tree: CypherNode;
  /** Syntax errors the grammar found (the tree is then a best-effort recovery). */
  errors: string[];
}

interface GeneratedParser {
  ruleNames: string[];
  removeErrorListeners(): void;
  addErrorListener(l: ANTLRErrorListener): void;
  statementsOrCommands(): ParserRuleContext;
}

interface GeneratedModules {
  Parser: new (tokens: CommonTokenStream) => GeneratedParser;
  Lexer: new (input: CharStream) => { removeErrorListeners(): void; addErrorListener(l: ANTLRErrorListener): void; vocabulary: { getSymbolicName(t: number): string | null } };
}

let modules: Promise<GeneratedModules> | undefined;

function load(): Promise<GeneratedModules> {
  modules ??= (async () => {
    const main = createRequire(import.meta.url).resolve('@neo4j-cypher/language-support');
    const root = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`));
    const dir = path.join(root, 'dist', 'esm', 'project', 'language-support', 'src', 'generated-parser');
    const [p, l] = await Promise.all([
      import(pathToFileURL(path.join(dir, 'CypherCmdParser.js')).href),
      import(pathToFileURL(path.join(dir, 'CypherCmdLexer.js')).href),
    ]);
    return { Parser: p.CypherCmdParser, Lexer: l.CypherCmdLexer } as GeneratedModules;
  })();
  return modules;
}

/** Load the grammar ahead of the first query (it takes a moment). */
export function warmCypherParser(): void {
  void parseCypher('MATCH (n) RETURN n LIMIT 1').catch(() => {});
}

export async function parseCypher(cypher: string): Promise<CypherParse> {
  const { Parser, Lexer } = await load();
  const errors: string[] = [];
  const listener: ANTLRErrorListener = {
    syntaxError: (_r, _s, line, column, msg) => void errors.push(`line ${line}, column ${column + 1}: ${msg}`),
    reportAmbiguity: () => {},
    reportAttemptingFullContext: () => {},
    reportContextSensitivity: () => {},
  };
  const lexer = new Lexer(CharStream.fromString(cypher));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new Parser(new CommonTokenStream(lexer as never));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  const root = parser.statementsOrCommands();
  return { tree: simplify(root, parser.ruleNames, (t) => lexer.vocabulary.getSymbolicName(t) ?? String(t)), errors };
}

/** The ANTLR tree as plain nodes, built without recursion (expressions nest deeply). */
function simplify(root: ParserRuleContext, ruleNames: string[], tokenName: (t: number) => string): CypherNode {
  const make = (ctx: ParserRuleContext): CypherNode => ({
    rule: ruleNames[ctx.ruleIndex] ?? '?',
    children: [],
    start: ctx.start?.start ?? 0,
    stop: ctx.stop?.stop ?? 0,
  });
  const top = make(root);
  const stack: [ParserRuleContext, CypherNode][] = [[root, top]];
  while (stack.length) {
    const [ctx, node] = stack.pop()!;
    for (const c of (ctx.children ?? []) as ParseTree[]) {
      if (c instanceof ParserRuleContext) {
        const child = make(c);
        node.children.push(child);
        stack.push([c, child]);
      } else if (c instanceof TerminalNode) {
        node.children.push({ token: tokenName(c.symbol.type), text: c.symbol.text ?? '' });
      }
    }
  }
  return top;
}

export const isRule = (n: CypherNode | CypherToken): n is CypherNode => 'rule' in n;

/** Every rule node of the tree, depth first. */
export function* ruleNodes(root: CypherNode): Generator<CypherNode> {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i];
      if (isRule(c)) stack.push(c);
    }
  }
}

/** The source text of a node's tokens, joined (no whitespace or comments). */
export function tokenText(n: CypherNode | CypherToken): string {
  if (!isRule(n)) return n.text;
  let out = '';
  const stack: (CypherNode | CypherToken)[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (!isRule(x)) out += x.text;
    else for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]);
  }
  return out;
}
