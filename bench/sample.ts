// The benchmark's inputs: a deterministic sample of ../shared/corpora, copied into a folder (once, or twice
// under two names for the "corpus doubled" figure) so the ingest under test reads it like any user folder.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPORA = resolve(ROOT, '..', 'shared', 'corpora');
const PARTS = ['arxiv-cs-ai-cl-abstracts', 'distill-articles', 'ml-research-docs', 'research-articles'];

/** Every k-th file of each part, in proportion to the part's size; `Infinity` = the whole corpus. */
export function sampleCorpus(n: number): string[] {
  const files = PARTS.map((p) => readdirSync(join(CORPORA, p)).sort().map((f) => join(CORPORA, p, f)));
  const total = files.reduce((a, f) => a + f.length, 0);
  if (n >= total) return files.flat();
  const out: string[] = [];
  for (const list of files) {
    const take = Math.max(1, Math.round((n * list.length) / total));
    const step = list.length / take;
    for (let i = 0; i < take && i * step < list.length; i++) out.push(list[Math.floor(i * step)]);
  }
  return out.slice(0, Math.max(n, 4));
}

/** Copies the files under `dir/<copy>/<part>/…`, `copies` times (different paths: different documents). */
export function stage(files: string[], dir: string, copies = 1): string {
  for (let c = 0; c < copies; c++) {
    for (const f of files) {
      const to = join(dir, `copy${c}`, basename(dirname(f)));
      mkdirSync(to, { recursive: true });
      cpSync(f, join(to, basename(f)));
    }
  }
  return dir;
}
