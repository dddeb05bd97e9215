// prepare(): the pure middle of the pipeline — one loaded Document → its passages (stage 2) → its mentions and
// candidate relations (stage 3), and its near-duplicate fingerprint (computed here so that it too runs in the
// worker pool). No I/O; the same function serves ingest, eval, bench and the tests.
import { segment } from './2-segment/index.ts';
import { extract, type Extraction } from './3-extract/index.ts';
import type { Lexicon } from './lexicon.ts';
import type { Document, Passage } from './types.ts';
import { fingerprint, type Fingerprint } from './4-resolve/dedupe.ts';

/** A document ready for resolution: what resolve() takes, one per document. */
export interface Prepared {
  doc: Document;
  passages: Passage[];
  extraction: Extraction;
  /** MinHash signature of the text, for grouping versions into works. */
  fp: Fingerprint;
}

export function prepare(doc: Document, lexicon: Lexicon): Prepared {
  const passages = segment(doc);
  return { doc, passages, extraction: extract(doc, passages, lexicon), fp: fingerprint(doc.text) };
}
