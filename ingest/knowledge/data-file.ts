// Reading Atlas's data files (lexicon/*.json and user lexicons): JSON parsed with errors that name the file
// and the character position, and small shape checks that name the field. Every failure is an AtlasError
// with code LEXICON_INVALID, so the CLI and the API report a broken data file the same way.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AtlasError } from '../../errors/index.ts';

/** Absolute path of a file in the repository's `lexicon/` folder. */
export const dataPath = (name: string): string => fileURLToPath(new URL(`../../lexicon/${name}`, import.meta.url));

export function invalid(file: string, message: string, offset?: number): AtlasError {
  return new AtlasError('LEXICON_INVALID', message, { source: file, ...(offset !== undefined ? { position: { unit: 'char', offset } } : {}) });
}

/** Parse JSON text; a syntax error carries the character offset V8 reports ("… at position 12"). */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    throw invalid(file, `not valid JSON: ${msg}`, pos ? Number(pos[1]) : errorOffset(text));
  }
}

/**
 * Where JSON.parse fails when V8 does not say ("Unexpected token ']'"): the shortest prefix that fails other
 * than by ending early ends at the bad character (prefixes before it only run out of input).
 */
function errorOffset(text: string): number {
  const failsInside = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return false;
    } catch (e) {
      return !/end of JSON input|Unterminated/.test((e as Error).message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AtlasError('LEXICON_INVALID', `cannot read: ${(e as Error).message}`, { source: file, cause: e });
  }
  return parseJson(file, text);
}

/** Shape checks for one data file; `at` names the field path in messages ("roles.nouns[3]"). */
export class Shape {
  constructor(readonly file: string) {}

  fail(at: string, what: string): never {
    throw invalid(this.file, `${at}: ${what}`);
  }

  object(v: unknown, at: string): Record<string, unknown> {
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(at, 'must be an object');
    return v as Record<string, unknown>;
  }

  strings(v: unknown, at: string): string[] {
    if (!Array.isArray(v)) this.fail(at, 'must be an array of strings');
    v.forEach((x, i) => { if (typeof x !== 'string' || !x.trim()) this.fail(`${at}[${i}]`, 'must be a non-empty string'); });
    return v as string[];
  }

  number(v: unknown, at: string, min = -Infinity, max = Infinity): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) this.fail(at, `must be a number in [${min}, ${max}]`);
    return v;
  }

  stringMap(v: unknown, at: string): Record<string, string> {
    const o = this.object(v, at);
    for (const [k, x] of Object.entries(o)) if (typeof x !== 'string') this.fail(`${at}.${k}`, 'must be a string');
    return o as Record<string, string>;
  }

  regex(v: unknown, at: string, flags = ''): RegExp {
    if (typeof v !== 'string') this.fail(at, 'must be a regular expression string');
    try {
      return new RegExp(v, flags);
    } catch (e) {
      return this.fail(at, `bad regular expression: ${(e as Error).message}`);
    }
  }
}

/** Escape a word for use inside a RegExp; spaces match any whitespace and hyphens are optional. */
export function wordPattern(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/-/g, '-?');
}

/** An alternation of the words, longest first (so "member of technical staff" is tried before "member"). */
export function alternation(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).map(wordPattern).join('|')})`;
}
