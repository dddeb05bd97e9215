// The domain lexicon: the field's organisations, models, concepts, well-known people and papers, with their
// aliases, plus regex patterns for open-ended name families (GPT-4o, Pythia-70M, Llama 3.1 70B) and the
// small cue vocabularies the rules use (organisation head words, paper nouns, noise names). It is DATA, so a
// user extends Atlas without touching code.
//
// ## File format (lexicon/lexicon.json, and any file listed in ATLAS_LEXICON, comma-separated)
//
// {
//   "terms": {                                  // compact form: "canonical name | alias | alias …"
//     "Organization": ["Anthropic", "Machine Intelligence Research Institute | MIRI"],
//     "Concept": ["sparse autoencoder | SAE | SAEs | sparse autoencoders"],
//     "Model": [...], "Person": [...], "Paper": [...]
//   },
//   "entries": [                                 // full form, for entries that need more than aliases
//     { "type": "Organization", "name": "Alignment Research Center", "aliases": ["ARC Theory"],
//       "contextAliases": ["ARC"],                // ambiguous aliases: used only in documents that
//       "context": ["alignment", "Christiano"],   //   contain one of these words (case-insensitive)
//       "description": "…" },
//     { "type": "Concept", "name": "…", "remove": true }   // (extra files) delete an entry
//   ],
//   "patterns": [                                // name families; named groups feed the canonical template
//     { "type": "Model", "pattern": "\\bPythia-(?<size>\\d+(?:\\.\\d+)?[MB])\\b", "canonical": "Pythia-${size}" }
//   ],
//   "vocabulary": { "orgHeads": [...], "orgHeadsWeak": [...], "teamWords": [...], "paperNouns": [...], "stopNames": [...],
//                   "personStopWords": [...], "genericWords": [...], "descriptiveWords": [...],
//                   "broadConcepts": [...], "plainModifiers": [...] }
// }
//
// Matching rules: an alias written all in lower case matches any casing ("red-teaming" ↔ "Red teaming");
// an alias with capitals matches exactly as written except the first letter ("Constitutional AI" at a
// sentence start). Hyphens and spaces are interchangeable. Concepts also match their plural automatically.
// Paper entries are never matched in running text (their short titles collide with concepts: the paper
// "Sleeper Agents" vs the concept "sleeper agents"); they only canonicalise titles found by the title rules.
// Extra files merge on top: same type+name → aliases are added and other fields replaced.

import type { EntityType } from './types.ts';
import { ENTITY_TYPES } from './types.ts';
import { fold, nameKey } from './keys.ts';
import { AtlasError, type ErrorPosition } from '../errors/index.ts';
import { dataPath, readJsonFile } from './knowledge/data-file.ts';
import { registerLexicon } from './3-extract/core/nlp.ts';
import { found } from './knowledge/methods.ts';

export interface LexiconEntry {
  /** `${type.toLowerCase()}:${nameKey(name)}`, the same id the resolved entity gets. */
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  /** Ambiguous aliases, used only in documents that contain one of `context`. */
  contextAliases: string[];
  context: string[];
  description?: string;
}

export interface LexiconPattern {
  type: EntityType;
  source: string;
  regex: RegExp;
  /** Template for the canonical name: `$0` is the whole match, `${group}` a named group. */
  canonical?: string;
  confidence: number;
}

export interface Vocabulary {
  /** Last words that make a capitalised run an organisation ("Institute", "Wiki"), compared case-sensitively. */
  orgHeads: Set<string>;
  /** Weaker head words ("Research", "Lab", "AI"): the rest of the name must be distinctive, not common words. */
  orgHeadsWeak: Set<string>;
  /** "team", "teams": a capitalised name before it is a team (an Organization). */
  teamWords: Set<string>;
  /** "paper", "post", "preprint": a quoted or capitalised name before it is a Paper. */
  paperNouns: Set<string>;
  /** Folded names that must never become entities ("skip to content", "key points"). */
  stopNames: Set<string>;
  /** Capitalised words that never belong to a person's name ("Research", "Summary"). */
  personStopWords: Set<string>;
  /** Generic words that are never an entity on their own ("team", "paper", "work", "model"). */
  genericWords: Set<string>;
  /** Descriptive words of the field ("alignment", "safety", "research"): a name made only of them is not a name. */
  descriptiveWords: Set<string>;
  /** Field-wide concepts (machine learning, LLMs) that a document is not "about" merely by using them. */
  broadConcepts: Set<string>;
  /** Evaluative, quantifying and ordering words ("clear", "same", "main", "next") that never begin a term. */
  plainModifiers: Set<string>;
}

export interface Lexicon {
  entries: LexiconEntry[];
  byId: Map<string, LexiconEntry>;
  /** nameKey of the name and of every alias (all types) → entries. */
  byKey: Map<string, LexiconEntry[]>;
  patterns: LexiconPattern[];
  vocab: Vocabulary;
  /** Files the lexicon was built from, in merge order. */
  sources: string[];
}

/** The raw JSON shape of a lexicon file. */
export interface LexiconFile {
  terms?: Partial<Record<EntityType, string[]>>;
  entries?: Array<{
    type: EntityType;
    name: string;
    aliases?: string[];
    contextAliases?: string[];
    context?: string[];
    description?: string;
    remove?: boolean;
  }>;
  patterns?: Array<{ type: EntityType; pattern: string; flags?: string; canonical?: string; confidence?: number }>;
  vocabulary?: Partial<Record<keyof Vocabulary, string[]>>;
}

export const DEFAULT_LEXICON_PATH = dataPath('lexicon.json');

/**
 * Load the default lexicon (or `path`), then every file named in ATLAS_LEXICON (comma-separated) on top.
 * Throws an AtlasError LEXICON_INVALID naming the file (and the position) when a file is missing or malformed.
 */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): Lexicon {
  const extra = (process.env.ATLAS_LEXICON ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const files = [path, ...extra];
  return buildLexicon(files.map((f) => ({ source: f, data: readJsonFile(f) as LexiconFile })));
}

/**
 * Build a lexicon from parsed files, later files merging on top of earlier ones. Its names are registered
 * with compromise here, once per lexicon, so that extraction never changes compromise's state.
 */
export function buildLexicon(files: { source: string; data: LexiconFile }[]): Lexicon {
  const byId = new Map<string, LexiconEntry>();
  const patterns: LexiconPattern[] = [];
  const vocab: Vocabulary = {
    orgHeads: new Set(), orgHeadsWeak: new Set(), teamWords: new Set(), paperNouns: new Set(),
    stopNames: new Set(), personStopWords: new Set(), genericWords: new Set(), descriptiveWords: new Set(), broadConcepts: new Set(), plainModifiers: new Set(),
  };

  for (const { source, data } of files) {
    // `at` is the entry's position: its index in its list (terms.<Type>, entries, patterns)
    const fail = (what: string, at?: number): never => {
      const position: ErrorPosition | undefined = at === undefined ? undefined : { unit: 'entry', offset: at };
      throw new AtlasError('LEXICON_INVALID', what, { source, ...(position ? { position } : {}) });
    };
    if (!data || typeof data !== 'object' || Array.isArray(data)) fail('a lexicon file must be a JSON object');
    let at: number | undefined;
    const add = (type: EntityType, name: string, aliases: string[], more: Partial<LexiconEntry> = {}) => {
      if (!ENTITY_TYPES.includes(type)) fail(`unknown type "${type}" for "${name}"`, at);
      name = name.trim();
      if (!name) fail(`empty name in ${type}`, at);
      const id = `${type.toLowerCase()}:${nameKey(name, type)}`;
      const old = byId.get(id);
      const clean = (xs: string[] | undefined) => (xs ?? []).map((s) => s.trim()).filter(Boolean);
      if (old) {
        old.aliases = unique([...old.aliases, ...clean(aliases)]).filter((a) => a !== old.name);
        if (more.contextAliases) old.contextAliases = unique([...old.contextAliases, ...clean(more.contextAliases)]);
        if (more.context) old.context = unique([...old.context, ...clean(more.context)]);
        if (more.description) old.description = more.description;
      } else {
        byId.set(id, {
          id, type, name,
          aliases: unique(clean(aliases)).filter((a) => a !== name),
          contextAliases: clean(more.contextAliases),
          context: clean(more.context),
          ...(more.description ? { description: more.description } : {}),
        });
      }
    };

    for (const [type, list] of Object.entries(data.terms ?? {}) as [EntityType, string[]][]) {
      if (!Array.isArray(list)) fail(`terms.${type} must be an array of strings`);
      for (const [i, line] of list.entries()) {
        at = i;
        if (typeof line !== 'string') fail(`terms.${type}[${i}] must be a string`, i);
        const [name, ...aliases] = String(line).split('|').map((s) => s.trim());
        add(type, name, aliases);
      }
    }
    if (data.entries !== undefined && !Array.isArray(data.entries)) fail('"entries" must be an array');
    for (const [i, e] of (data.entries ?? []).entries()) {
      at = i;
      if (!e || typeof e.name !== 'string') fail(`entries[${i}] needs a "name"`, i);
      if (!ENTITY_TYPES.includes(e.type)) fail(`entries[${i}]: unknown type "${e.type}" for "${e.name}"`, i);
      if (e.remove) {
        byId.delete(`${e.type.toLowerCase()}:${nameKey(e.name, e.type)}`);
        continue;
      }
      add(e.type, e.name, e.aliases ?? [], {
        contextAliases: e.contextAliases, context: e.context, description: e.description,
      });
    }
    if (data.patterns !== undefined && !Array.isArray(data.patterns)) fail('"patterns" must be an array');
    for (const [i, p] of (data.patterns ?? []).entries()) {
      if (!p || !ENTITY_TYPES.includes(p.type)) fail(`patterns[${i}]: unknown pattern type "${p?.type}"`, i);
      if (p.confidence !== undefined && !(typeof p.confidence === 'number' && p.confidence >= 0 && p.confidence <= 1)) fail(`patterns[${i}]: confidence must be a number in [0, 1]`, i);
      let regex!: RegExp;
      try {
        regex = new RegExp(p.pattern, (p.flags ?? '').replace(/g/g, '') + 'gu');
      } catch (e) {
        fail(`patterns[${i}]: bad pattern ${p.pattern}: ${(e as Error).message}`, i);
      }
      const same = patterns.findIndex((x) => x.source === p.pattern);
      const compiled = { type: p.type, source: p.pattern, regex, canonical: p.canonical, confidence: p.confidence ?? found('pattern').confidence };
      if (same >= 0) patterns[same] = compiled;
      else patterns.push(compiled);
    }
    for (const [k, list] of Object.entries(data.vocabulary ?? {}) as [keyof Vocabulary, string[]][]) {
      const set = vocab[k];
      if (!set) fail(`unknown vocabulary list "${k}"`);
      if (!Array.isArray(list) || list.some((w) => typeof w !== 'string')) fail(`vocabulary.${k} must be an array of strings`);
      // stopNames and genericWords compare folded text; the others are exact words
      for (const w of list) set.add(k === 'stopNames' || k === 'genericWords' || k === 'broadConcepts' || k === 'descriptiveWords' ? fold(w) : w);
    }
  }

  const entries = [...byId.values()];
  const byKey = new Map<string, LexiconEntry[]>();
  for (const e of entries) {
    for (const a of [e.name, ...e.aliases, ...e.contextAliases]) {
      const k = nameKey(a, e.type);
      const list = byKey.get(k) ?? [];
      if (!list.includes(e)) list.push(e);
      byKey.set(k, list);
    }
  }
  const lexicon: Lexicon = { entries, byId, byKey, patterns, vocab, sources: files.map((f) => f.source) };
  registerLexicon(lexicon);
  return lexicon;
}

/** The lexicon entry of a type whose name or alias has this key, if exactly one. */
export function lookupEntry(lex: Lexicon, type: EntityType, name: string): LexiconEntry | undefined {
  const hits = (lex.byKey.get(nameKey(name, type)) ?? []).filter((e) => e.type === type);
  return hits.length === 1 ? hits[0] : undefined;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
