// Near-duplicate detection: the same post saved as plain text, as a wiki page and with its comment thread
// should count as one work. MinHash over word 5-shingles estimates Jaccard similarity; because one version
// may contain another plus much more (a post and the post with 19 comments), we decide on *containment*
// (shared shingles over the smaller set), derived from the Jaccard estimate and the two set sizes.
import { createHash } from 'node:crypto';

export const SIGNATURE_SIZE = 128;
const SHINGLE_WORDS = 5;
/** Share of the smaller document's shingles that must also be in the other for the two to be one work. */
export const CONTAINMENT_THRESHOLD = 0.4;
/** Documents with fewer shingles than this are too short to call duplicates. */
const MIN_SHINGLES = 25;
/**
 * A signature value shared by more documents than this is boilerplate (an arXiv header, a licence notice
 * atop every page of a docs site), not evidence that two documents are one work: such positions are left
 * out of the estimate. Three versions of one post share values in buckets of three.
 */
const MAX_BUCKET = 8;
/** Fewest informative signature positions on which a decision may rest. */
const MIN_INFORMATIVE = 32;

export interface Fingerprint {
  minhash: number[];
  shingles: number;
}

// Fixed, seeded hash family: signatures written in one run must compare with those of the next. Kept in
// typed arrays: the signature loop runs 128 times per shingle and is the costliest line of a document's prep.
const SEED_A = new Uint32Array(SIGNATURE_SIZE);
const SEED_B = new Uint32Array(SIGNATURE_SIZE);
for (let i = 0; i < SIGNATURE_SIZE; i++) {
  const h = createHash('sha256').update(`atlas-minhash-${i}`).digest();
  SEED_A[i] = h.readUInt32LE(0) | 1;
  SEED_B[i] = h.readUInt32LE(4);
}

/** FNV-1a of words[from..to) joined by single spaces, without building the joined string. */
function shingleHash(words: string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    if (w > from) h = Math.imul(h ^ 32, 0x01000193);
    const s = words[w];
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

export function fingerprint(text: string): Fingerprint {
  const words = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);
  const unique = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) unique.add(shingleHash(words, i, i + SHINGLE_WORDS));
  const hashes = Uint32Array.from(unique);
  const minhash = new Array<number>(SIGNATURE_SIZE);
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    const a = SEED_A[k];
    const b = SEED_B[k];
    let min = 0xffffffff;
    for (let i = 0; i < hashes.length; i++) {
      const v = (Math.imul(a, hashes[i]) + b) >>> 0;
      if (v < min) min = v;
    }
    minhash[k] = min;
  }
  return { minhash, shingles: hashes.length };
}

/**
 * Estimated share of the smaller set's shingles found in the larger one (0..1). `informative(k)` says whether
 * signature position k may count (positions holding boilerplate shingles do not).
 */
export function containment(a: Fingerprint, b: Fingerprint, informative: (k: number) => boolean = () => true): number {
  if (a.shingles < MIN_SHINGLES || b.shingles < MIN_SHINGLES) return 0;
  let same = 0;
  let used = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    if (!informative(k)) continue;
    used++;
    if (a.minhash[k] === b.minhash[k]) same++;
  }
  if (used < MIN_INFORMATIVE) return 0;
  const j = same / used;
  const intersection = (j * (a.shingles + b.shingles)) / (1 + j);
  return Math.min(1, intersection / Math.min(a.shingles, b.shingles));
}

export interface WorkCandidate {
  docId: string;
  workId: string;
  fp: Fingerprint;
}

export interface WorkAssignment {
  /** docId → its work, with its containment in the closest other version (1 for a work of one version), for
   * every version of every work this assignment touched (existing versions too: a new one can change them). */
  works: Map<string, { workId: string; similarity: number }>;
  /** Existing works folded into another (bridged by a new document, or renamed after a smaller member id): old id → new id. */
  merges: Map<string, string>;
}

/** Which documents (positions in the list indexed) hold value `v` at signature position `k`. */
export interface SignatureIndex {
  /** In ascending position order. */
  holders(k: number, v: number): ArrayLike<number>;
}

/**
 * Per signature position, every document ordered by its value there (ties by list position): the documents
 * sharing a value are one run of it, found by binary search. Typed arrays, about 1 KB per document, where a
 * map keyed by (position, value) cost a corpus 1.6 million entries and seconds.
 */
export function sortedSignatureIndex(fps: Fingerprint[]): SignatureIndex {
  const n = fps.length;
  const order: Uint32Array[] = [];
  const values: Uint32Array[] = [];
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    const col = new Uint32Array(n);
    for (let i = 0; i < n; i++) col[i] = fps[i].minhash[k];
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    idx.sort((x, y) => col[x] - col[y] || x - y);
    const sorted = new Uint32Array(n);
    for (let j = 0; j < n; j++) sorted[j] = col[idx[j]];
    order.push(idx);
    values.push(sorted);
  }
  const bound = (xs: Uint32Array, v: number, above: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] < v || (above && xs[mid] === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { holders: (k, v) => order[k].subarray(bound(values[k], v, false), bound(values[k], v, true)) };
}

/**
 * Assigns each new document to a work: a document that matches versions of one or more works joins them
 * (bridged works merge, whatever the ingest order), else it starts a work of its own. Candidates come from
 * an inverted index of signature values (`index`: the sorted one; tests pass a plain map), so the cost stays
 * near-linear in the number of documents.
 */
export function assignWorks(
  existing: WorkCandidate[],
  incoming: { docId: string; fp: Fingerprint }[],
  index: (fps: Fingerprint[]) => SignatureIndex = sortedSignatureIndex,
): WorkAssignment {
  // Index every signature — stored and incoming — before deciding anything, so that boilerplate is known
  // as boilerplate from the first document of a family on, not only after enough of them have been seen.
  const all: { docId: string; fp: Fingerprint; workId?: string }[] = [...existing, ...incoming];
  const holders = index(all.map((c) => c.fp));
  const rare = (k: number, fp: Fingerprint) => holders.holders(k, fp.minhash[k]).length <= MAX_BUCKET;

  const parent = new Map<string, string>();
  const find = (w: string): string => {
    let r = w;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  const chosen = new Map<string, string>();
  incoming.forEach((doc, i) => {
    const self = existing.length + i;
    const hits = new Map<number, number>();
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const same = holders.holders(k, doc.fp.minhash[k]);
      if (same.length > MAX_BUCKET) continue; // boilerplate: too common to say two documents are versions
      for (let j = 0; j < same.length; j++) if (same[j] < self) hits.set(same[j], (hits.get(same[j]) ?? 0) + 1);
    }
    const matched = new Map<string, number>();
    for (const [at, n] of hits) {
      const other = all[at];
      if (n < 3 || other.docId === doc.docId || !other.workId) continue;
      const c = containment(doc.fp, other.fp, (k) => rare(k, doc.fp) && rare(k, other.fp));
      const w = find(other.workId);
      if (c >= CONTAINMENT_THRESHOLD && c > (matched.get(w) ?? 0)) matched.set(w, c);
    }
    let workId = 'work:' + doc.docId.replace(/^doc:/, '');
    if (matched.size) {
      const ids = [...matched.keys()].sort();
      workId = ids[0];
      for (const w of ids.slice(1)) parent.set(w, workId);
    }
    chosen.set(doc.docId, workId);
    all[self].workId = workId;
  });

  // A work's id and its versions' similarities follow from its final set of versions alone, never from the
  // order they arrived in: the id is named after the smallest member document id, and each version's
  // similarity is its containment in the closest other version (1 for a work of one version). So one run
  // over a corpus, two halves in either order, and two concurrent runs all name and weigh works alike.
  const groups = new Map<string, typeof all>();
  const touched = new Set<string>();
  for (const c of all) {
    const root = find(c.workId!);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(c);
    if (chosen.has(c.docId)) touched.add(root);
  }
  for (const w of parent.keys()) touched.add(find(w));
  const works = new Map<string, { workId: string; similarity: number }>();
  const merges = new Map<string, string>();
  const stored = new Map(existing.map((e) => [e.docId, e.workId]));
  for (const root of touched) {
    const versions = groups.get(root) ?? [];
    const id = 'work:' + versions.map((v) => v.docId.replace(/^doc:/, '')).sort()[0];
    for (const v of versions) {
      let similarity = versions.length === 1 ? 1 : 0;
      for (const o of versions) {
        if (o !== v) similarity = Math.max(similarity, containment(v.fp, o.fp, (k) => rare(k, v.fp) && rare(k, o.fp)));
      }
      works.set(v.docId, { workId: id, similarity });
      const old = stored.get(v.docId);
      if (old && old !== id) merges.set(old, id);
    }
  }
  return { works, merges };
}
