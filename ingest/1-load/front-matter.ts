// Front matter: a YAML block between `---` lines or a TOML block between `+++` lines at the very top of a
// markdown or text file, parsed by real parsers (yaml, smol-toml) and read into the document's title,
// authors (with affiliations), date and keywords. The block stays in the document text, so every name it
// gives has a real span there for evidence.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { MetaAuthor } from '../types.ts';

export interface FrontMatter {
  /** Offsets of the whole block (delimiters included) in the raw text. */
  start: number;
  end: number;
  title?: string;
  authors: MetaAuthor[];
  date?: string;
  keywords: string[];
  /** Every top-level scalar field as text, for `Document.meta.fields`. */
  fields: Record<string, string>;
}

const YAML_BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^\uFEFF?\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

type Data = Record<string, unknown>;
const isObj = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  return undefined;
};
/** Case-insensitive field lookup over several accepted names. */
const pick = (o: Data, ...names: string[]): unknown => {
  for (const n of names) for (const k of Object.keys(o)) if (k.toLowerCase() === n) return o[k];
  return undefined;
};

/**
 * The front matter at the top of `raw`, or undefined when there is none or it does not parse as a mapping
 * (a `---` that opens a document is also a markdown rule; a block that is not YAML is left as text).
 */
export function readFrontMatter(raw: string): FrontMatter | undefined {
  let m = YAML_BLOCK.exec(raw);
  let data: unknown;
  if (m) {
    try {
      data = parseYaml(m[1], { prettyErrors: false });
    } catch {
      return undefined;
    }
  } else if ((m = TOML_BLOCK.exec(raw))) {
    try {
      data = parseToml(m[1]);
    } catch {
      return undefined;
    }
  } else return undefined;
  // keys of real front matter are identifiers; "Just a rule, then prose: …" parses as a mapping but is prose
  if (!isObj(data) || !Object.keys(data).every((k) => /^[\p{L}_][\p{L}\p{N}_.-]{0,40}$/u.test(k))) return undefined;

  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    const s = str(v) ?? (Array.isArray(v) && v.every((x) => str(x)) ? v.map(str).join(', ') : undefined);
    if (s) fields[k.charAt(0).toUpperCase() + k.slice(1)] = s;
  }
  const title = str(pick(data, 'title'));
  const date = str(pick(data, 'date', 'published', 'pubdate', 'publishdate', 'created'));
  const keywords = [...new Set(['tags', 'keywords', 'categories', 'topics', 'subject', 'subjects']
    .flatMap((k) => asList(pick(data as Data, k)))
    .flatMap((x) => (typeof x === 'string' && !/[,;]/.test(x) ? [x] : typeof x === 'string' ? x.split(/\s*[,;]\s*/) : []))
    .map((x) => x.trim()).filter(Boolean))];
  const fm: FrontMatter = { start: m.index, end: m.index + m[0].length, authors: readAuthors(data), keywords, fields };
  if (title) fm.title = title;
  if (date) fm.date = date;
  if (fm.authors.length) fields['Authors'] = fm.authors.map((a) => a.name).join(', ');
  return fm;
}

/**
 * Authors in the forms front matter uses: strings ("Jane Doe", "Doe, Jane"), objects ({name, affiliation(s)}),
 * one-key maps ({"Jane Doe": url}, Distill), affiliations given inline, or listed once at the top level and
 * referred to by index or id (1-based numbers, "1,2", {ref: id}); Distill's parallel lists pair by position.
 */
export function readAuthors(data: Data): MetaAuthor[] {
  const top = asList(pick(data, 'affiliations', 'institutes', 'institute', 'institutions', 'organizations'));
  const topNames: string[] = [];
  const byKey = new Map<string, string>();
  top.forEach((a, i) => {
    const name = affiliationName(a);
    if (!name) return;
    topNames.push(name);
    byKey.set(String(i + 1), name);
    if (isObj(a)) for (const k of ['id', 'index', 'key', 'ref', 'number']) {
      const v = str(pick(a, k));
      if (v) byKey.set(v, name);
    }
  });
  const lookup = (ref: unknown): string[] => {
    if (isObj(ref)) {
      const r = str(pick(ref, 'ref', 'id', 'index'));
      if (r && byKey.has(r)) return [byKey.get(r)!];
      const n = affiliationName(ref);
      return n ? [n] : [];
    }
    const s = str(ref);
    if (!s) return [];
    if (byKey.has(s)) return [byKey.get(s)!];
    // "1, 2" or "1 2": several indexes in one string
    const parts = s.split(/[\s,;]+/).filter(Boolean);
    if (parts.length > 1 && parts.every((p) => byKey.has(p))) return parts.map((p) => byKey.get(p)!);
    return /^\d+$/.test(s) ? [] : [s];
  };

  const raw = asList(pick(data, 'authors', 'author', 'creators', 'creator'));
  const authors: MetaAuthor[] = [];
  let explicitAffiliations = false;
  for (const a of raw) {
    if (typeof a === 'string') {
      // one string may list several authors ("A, B and C"), but "Last, First" is one author
      for (const s of splitAuthorString(a)) authors.push({ name: personName(s), surface: s, affiliations: [] });
      continue;
    }
    if (!isObj(a)) continue;
    let name = str(pick(a, 'name', 'fullname', 'full_name', 'display_name'));
    if (!name) {
      const given = str(pick(a, 'given', 'first', 'firstname', 'given-names', 'given_name'));
      const family = str(pick(a, 'family', 'last', 'lastname', 'surname', 'family-names', 'family_name'));
      if (given && family) name = `${given} ${family}`;
      else if (family) name = family;
    }
    // Distill: {"Chris Olah": "https://colah.github.io"}
    if (!name && Object.keys(a).length === 1 && typeof Object.values(a)[0] !== 'object') name = Object.keys(a)[0].trim();
    if (!name && Object.keys(a).length === 1 && isObj(Object.values(a)[0])) name = Object.keys(a)[0].trim();
    if (!name) continue;
    const inner = isObj(Object.values(a)[0]) && Object.keys(a).length === 1 ? (Object.values(a)[0] as Data) : a;
    const refs = asList(pick(inner, 'affiliations', 'affiliation', 'institute', 'institutes', 'institution', 'org', 'organization'));
    if (refs.length) explicitAffiliations = true;
    authors.push({ name: personName(name), surface: name, affiliations: [...new Set(refs.flatMap(lookup))] });
  }
  // Distill-style parallel lists: as many top-level affiliations as authors and no explicit references
  if (!explicitAffiliations && topNames.length === authors.length && authors.length > 0 && top.every((t) => !isObj(t) || !pick(t, 'id', 'index', 'key'))) {
    authors.forEach((a, i) => a.affiliations.push(topNames[i]));
  }
  return authors.filter((a) => a.name);
}

function affiliationName(a: unknown): string | undefined {
  if (typeof a === 'string') return a.trim() || undefined;
  if (!isObj(a)) return undefined;
  const n = str(pick(a, 'name', 'institution', 'organization', 'organisation', 'affiliation'));
  if (n) return n;
  const keys = Object.keys(a);
  return keys.length === 1 && typeof a[keys[0]] !== 'object' ? keys[0].trim() : undefined;
}

/**
 * Is this "Last, First"? The left side is one surname (with lower-case particles: "van der Berg"), or the
 * right side is initials only ("Doe, J. R."); "Jane Doe, John Roe" is a list of two names instead.
 */
export function isLastFirst(s: string): boolean {
  const parts = s.split(',');
  if (parts.length !== 2) return false;
  const left = parts[0].trim().split(/\s+/).filter(Boolean);
  const right = parts[1].trim().split(/\s+/).filter(Boolean);
  if (!left.length || !right.length || right.length > 3 || left.length > 4) return false;
  if (/^(jr|sr|ii|iii|iv)\.?$/i.test(parts[1].trim())) return false;
  const leftCaps = left.filter((w) => /^\p{Lu}/u.test(w)).length;
  const initials = right.every((w) => /^(\p{Lu}\.-?)+$/u.test(w));
  return leftCaps === 1 || initials;
}

/** "Doe, Jane" → "Jane Doe"; "Jane Doe" unchanged. */
export function personName(s: string): string {
  if (!isLastFirst(s)) return s.trim();
  const [last, first] = s.split(',').map((x) => x.trim());
  return `${first} ${last}`;
}

/** "A, B and C" → three names; "Doe, Jane" → one; "Doe, Jane and Roe, Rick" → two. */
export function splitAuthorString(s: string): string[] {
  const byAnd = s.split(/\s+(?:and|&)\s+|\s*;\s*/).map((x) => x.trim()).filter(Boolean);
  if (byAnd.every(isLastFirst)) return byAnd;
  return byAnd.flatMap((p) => p.split(/\s*,\s*/)).filter(Boolean);
}
