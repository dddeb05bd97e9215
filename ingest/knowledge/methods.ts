// The table of extraction methods (lexicon/methods.json): every way a signal finds a mention or a relation,
// its confidence and its naming rank in resolution. `Method` is derived from the table's keys, so a signal
// that names a method the table does not have fails to compile; `found()` is the only way to get a
// confidence, so no signal writes a confidence literal.

import { Shape, dataPath, readJsonFile } from './data-file.ts';

type Table = (typeof import('../../lexicon/methods.json'))['methods'];
export type Method = keyof Table;
/** The named confidences of one method ("default" always exists). */
export type Grade<M extends Method> = keyof Table[M]['confidence'] & string;

/** How something was found: the method and the confidence it carries. */
export interface Found { method: Method; confidence: number }

interface MethodRow { finds: 'mention' | 'relation' | 'both'; rank?: number; confidence: Record<string, number> }

export const METHODS_PATH = dataPath('methods.json');

export function parseMethods(data: unknown, file = METHODS_PATH): { rows: Record<string, MethodRow>; defaultRank: number; adjustments: { loneName: number; sizeList: number } } {
  const sh: Shape = new Shape(file);
  const o = sh.object(data, '(root)');
  const rows: Record<string, MethodRow> = {};
  for (const [name, r] of Object.entries(sh.object(o.methods, 'methods'))) {
    const at = `methods.${name}`;
    const x = sh.object(r, at);
    if (!['mention', 'relation', 'both'].includes(String(x.finds))) sh.fail(`${at}.finds`, 'must be "mention", "relation" or "both"');
    const conf = sh.object(x.confidence, `${at}.confidence`);
    if (!('default' in conf)) sh.fail(`${at}.confidence`, 'needs a "default" grade');
    for (const [g, v] of Object.entries(conf)) sh.number(v, `${at}.confidence.${g}`, 0, 1);
    rows[name] = { finds: x.finds as MethodRow['finds'], confidence: conf as Record<string, number>, ...(x.rank !== undefined ? { rank: sh.number(x.rank, `${at}.rank`, 0, 100) } : {}) };
  }
  const adj = sh.object(o.adjustments, 'adjustments');
  return {
    rows,
    defaultRank: sh.number(o.defaultRank, 'defaultRank', 0, 100),
    adjustments: { loneName: sh.number(adj.loneName, 'adjustments.loneName', 0, 1), sizeList: sh.number(adj.sizeList, 'adjustments.sizeList', 0, 1) },
  };
}

const TABLE = parseMethods(readJsonFile(METHODS_PATH));
export const ADJUSTMENTS = TABLE.adjustments;

/** The method and its confidence (a named grade, else the default). */
export function found<M extends Method>(method: M, grade?: Grade<M>): Found {
  const row = TABLE.rows[method];
  if (!row) throw new Error(`methods.json has no method "${String(method)}"`);
  const confidence = row.confidence[grade ?? 'default'];
  if (confidence === undefined) throw new Error(`methods.json: method "${String(method)}" has no grade "${String(grade)}"`);
  return { method, confidence };
}

/** Preference between ways of naming an entity in resolution (higher wins). */
export function rankOf(method: string): number {
  return TABLE.rows[method]?.rank ?? TABLE.defaultRank;
}

/** Every method name in the table (for tests and documentation). */
export const METHOD_NAMES = Object.keys(TABLE.rows) as Method[];
