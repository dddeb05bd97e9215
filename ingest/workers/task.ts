// The worker side of the extraction pool: prepare() on one document, with the default lexicon (plus
// ATLAS_LEXICON) loaded once per worker thread.
import type { MessagePort } from 'node:worker_threads';
import { loadLexicon } from '../lexicon.ts';
import { prepare } from '../prepare.ts';
import type { Document, Passage } from '../types.ts';
import type { Extraction } from '../3-extract/index.ts';
import type { Fingerprint } from '../4-resolve/dedupe.ts';

const lexicon = loadLexicon();

export default function run(task: { doc: Document; started: MessagePort } | null): { passages: Passage[]; extraction: Extraction; fp: Fingerprint } | null {
  if (task === null) return null; // warm-up: the module (compromise, lexicon) is loaded
  task.started.postMessage('start'); // the pool's time budget for this document starts now
  task.started.close();
  const { passages, extraction, fp } = prepare(task.doc, lexicon);
  return { passages, extraction, fp };
}
