// Resolution inputs: what resolve() needs of one document (its mentions and candidate relations, with each
// evidence sentence quoted so the text is not needed), kept beside the graph so that every later run resolves
// its documents together with all earlier ones — an acronym or short title defined in one run merges uses in
// another, and two halves ingested in either order give the graph of one run over the whole.
import type { Prepared } from '../prepare.ts';
import type { ResolveInput } from './index.ts';

export interface StoredInput extends ResolveInput {
  doc: { id: string; source: string };
}

export function toStoredInput(p: Prepared): StoredInput {
  const { mentions, relations, phrases } = p.extraction;
  return {
    doc: { id: p.doc.id, source: p.doc.source },
    extraction: {
      mentions,
      ...(phrases ? { phrases } : {}),
      relations: relations.map((r) => ({ ...r, evidence: { ...r.evidence, sentence: p.doc.text.slice(r.evidence.start, r.evidence.end) } })),
    },
  };
}

export const encodeInput = (i: StoredInput): string => JSON.stringify(i.extraction);

export const decodeInput = (docId: string, source: string, data: string): StoredInput => ({ doc: { id: docId, source }, extraction: JSON.parse(data) as StoredInput['extraction'] });

/** One canonical order (by source, then id) so the graph does not depend on which run saw a document first. */
export const byDocumentOrder = (a: StoredInput, b: StoredInput): number =>
  a.doc.source < b.doc.source ? -1 : a.doc.source > b.doc.source ? 1 : a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0;

/** The input without its phrase uses, once the recurring phrases they could add are added. */
export const withoutPhrases = (i: StoredInput): StoredInput => {
  const { phrases: _, ...extraction } = i.extraction;
  return { doc: i.doc, extraction };
};
