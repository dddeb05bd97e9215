// The read-only data beside the repository (../shared: seeds, corpora, the eval dev set). A clone anywhere
// else has none of it: the tests that need it skip, saying why, and everything else runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED = join(import.meta.dirname, '..', '..', 'shared');
export const SEEDS = join(SHARED, 'seeds');
export const CORPORA = join(SHARED, 'corpora');

/** True when ../shared/<part> is missing: pass it to describe.skipIf / it.skipIf. */
export const lacks = (part: 'seeds' | 'corpora' | 'eval'): boolean => !existsSync(join(SHARED, part));

/** A test or suite title that says, when the part is missing, why it is skipped. */
export const needs = (part: 'seeds' | 'corpora' | 'eval', title: string): string =>
  lacks(part) ? `${title} (skipped: needs ../shared/${part} beside the checkout)` : title;
