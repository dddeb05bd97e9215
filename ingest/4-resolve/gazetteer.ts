// Names learned from the corpus: every Person, Organization, Model and Paper that a high-precision structured
// signal found (metadata, bylines, BibTeX, reference entries) joins a run-wide gazetteer, which is then applied
// to the running text of every document of the run: a full name written anywhere becomes a mention, and a bare
// surname ("as Nanda shows") resolves to a full name only where exactly one gazetteer person has it.
// Pure and batch-friendly: build from extractions (merge gazetteers of several batches), apply per document.
import type { Document, EntityType, Passage } from '../types.ts';
import type { CandidateMention, Extraction } from '../3-extract/index.ts';
import type { Lexicon } from '../lexicon.ts';
import { fold, nameKey } from '../keys.ts';
import { found, type Method } from '../knowledge/methods.ts';
import { FUNCTION_WORDS, SENTENCE_STARTERS } from '../3-extract/core/text-index.ts';

/** Methods whose names are trusted enough to look for everywhere. */
const STRUCTURED = new Set<string>(['metadata-author', 'metadata-affiliation', 'bibtex-author', 'bibtex-title', 'reference-author', 'byline', 'title-by']);
const TYPES = new Set<EntityType>(['Person', 'Organization', 'Model', 'Paper']);

export interface GazetteerEntry {
  type: EntityType;
  /** The canonical name ("Neel Nanda"). */
  name: string;
}

export interface Gazetteer {
  /** nameKey → entry, for every name. */
  byKey: Map<string, GazetteerEntry>;
  /** Folded first word → entries whose name starts with it (the scan's index). */
  byFirstWord: Map<string, GazetteerEntry[]>;
  /** Folded surname → the people with that surname (nameKey → full name). */
  bySurname: Map<string, Map<string, string>>;
}

export function emptyGazetteer(): Gazetteer {
  return { byKey: new Map(), byFirstWord: new Map(), bySurname: new Map() };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Adds one name; a person needs a first and a last name (initials count: "E. Todorov"). */
export function addName(g: Gazetteer, type: EntityType, name: string): void {
  const clean = name.replace(/\s+/g, ' ').trim();
  const ws = words(clean);
  if (!TYPES.has(type) || clean.length < 3 || clean.length > 200) return;
  if (type === 'Person' && (ws.length < 2 || ws.length > 5)) return;
  if (type === 'Paper' && ws.length < 3) return;
  const key = `${type}:${nameKey(clean, type)}`;
  if (g.byKey.has(key)) return;
  const entry = { type, name: clean };
  g.byKey.set(key, entry);
  const first = fold(ws[0]);
  g.byFirstWord.set(first, [...(g.byFirstWord.get(first) ?? []), entry]);
  if (type === 'Person' && /^\p{Lu}\p{Ll}/u.test(ws[ws.length - 1])) {
    const last = fold(ws[ws.length - 1]);
    const people = g.bySurname.get(last) ?? new Map<string, string>();
    people.set(nameKey(clean, 'Person'), clean);
    g.bySurname.set(last, people);
  }
}

/** The gazetteer of a batch: the structured mentions of its extractions. */
export function buildGazetteer(extractions: Extraction[], into: Gazetteer = emptyGazetteer()): Gazetteer {
  for (const x of extractions) {
    for (const m of x.mentions) if (STRUCTURED.has(m.method)) addName(into, m.type, m.canonical ?? m.text);
  }
  return into;
}

/** Sorted, non-overlapping spans of a document's mentions, for the overlap test. */
function occupied(mentions: CandidateMention[]): (start: number, end: number) => boolean {
  const spans = mentions.map((m) => [m.start, m.end] as const).sort((a, b) => a[0] - b[0]);
  return (start, end) => {
    let lo = 0, hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] < end) lo = mid + 1;
      else hi = mid - 1;
    }
    // spans[0..hi] start before `end`; any of the last few may reach past `start`
    for (let i = hi; i >= 0 && i > hi - 64; i--) if (spans[i][1] > start) return true;
    return false;
  };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/**
 * New mentions for one document: full gazetteer names in its text, and surnames that exactly one gazetteer
 * person has, where no mention stands yet. Returns the extraction with them appended.
 */
export function applyGazetteer(g: Gazetteer, doc: Document, passages: Passage[], x: Extraction, lexicon: Lexicon): Extraction {
  if (g.byKey.size === 0) return x;
  const taken = occupied(x.mentions);
  const ps = passages.slice().sort((a, b) => a.start - b.start);
  const passageAt = (o: number) => {
    let lo = 0, hi = ps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (o < ps[mid].start) hi = mid - 1;
      else if (o >= ps[mid].end) lo = mid + 1;
      else return ps[mid];
    }
    return undefined;
  };
  const added: CandidateMention[] = [];
  const text = doc.text;
  const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}_]/u.test(c);
  const add = (start: number, end: number, type: EntityType, canonical: string, method: Method) => {
    const p = passageAt(start);
    if (!p || end > p.end || taken(start, end) || added.some((a) => a.start < end && start < a.end)) return;
    const how = found(method);
    added.push({ passageId: p.id, start, end, text: text.slice(start, end), type, method: how.method, confidence: how.confidence, ...(canonical !== text.slice(start, end) ? { canonical } : {}) });
  };
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    const w = m[0].replace(/[.'’-]+$/, '');
    const start = m.index;
    const candidates = g.byFirstWord.get(fold(w));
    let matched = false;
    for (const e of candidates ?? []) {
      const end = start + e.name.length;
      if (text.slice(start, end) === e.name && !isWordChar(text[end])) {
        add(start, end, e.type, e.name, 'gazetteer');
        matched = true;
        break;
      }
    }
    if (matched || !/^\p{Lu}\p{Ll}{2,}$/u.test(w)) continue;
    // a bare surname: one candidate only, not part of a longer capitalised name, not a word the field uses
    const people = g.bySurname.get(fold(w));
    if (!people || people.size !== 1) continue;
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(start + w.length, start + w.length + 30);
    // "Priya Nanda" is someone else; "As Nanda shows" is not (a function word before it)
    const prev = /(\p{Lu}[\p{L}.]*)\s$/u.exec(before)?.[1];
    if ((prev && !FUNCTION_WORDS.has(prev.toLowerCase()) && !SENTENCE_STARTERS.has(prev.toLowerCase())) || /^\s+\p{Lu}/u.test(after) || /^[-‐]\p{L}/u.test(after)) continue;
    if (lexicon.vocab.personStopWords.has(w) || lexicon.vocab.genericWords.has(fold(w)) || (lexicon.byKey.get(nameKey(w)) ?? []).length) continue;
    add(start, start + w.length, 'Person', [...people.values()][0], 'gazetteer-surname');
  }
  return added.length ? { mentions: [...x.mentions, ...added], relations: x.relations } : x;
}

/** Build over the whole run, apply to each document: what resolve() does first. */
export function withGazetteer<T extends { doc: Document; passages: Passage[]; extraction: Extraction }>(items: T[], lexicon: Lexicon): T[] {
  const g = buildGazetteer(items.map((i) => i.extraction));
  return items.map((i) => ({ ...i, extraction: applyGazetteer(g, i.doc, i.passages, i.extraction, lexicon) }));
}
