// resolve(): mentions of all documents of a batch → entities with deterministic ids, resolved mentions, and
// relations with evidence. Pure.
//
// How mentions become one entity (per type; a Paper and a Concept never merge):
//  1. strong keys are unioned: the canonical name (lexicon entry, acronym long form, pattern canonical),
//     the surface when nothing better is known, and extra identity keys (a linked post's URL slug). Keys are
//     normalised (nameKey): case, diacritics, hyphens, possessives ("Anthropic’s"), and for concepts the
//     plural of the head noun ("SAEs" → "sae" is an alias of "sparse autoencoder" in the lexicon).
//  2. weak keys attach a whole group to another when exactly one candidate exists: a short title "Sleeper
//     Agents" to "Sleeper Agents: Training Deceptive LLMs…", a bare "Interpretability team" to "Anthropic
//     Interpretability team", a first name to the one full name with it in the same document, "Sam Bowman" or
//     "Samuel Bowman" to the one "Samuel R. Bowman" anywhere (cues.json's given-name short forms). Ambiguity
//     means no merge. A handle ("evhub") merges with a full name only if the lexicon lists it as an alias.
//  3. the entity id is `${type}:${nameKey(name)}` of its lexicon entry, or else of its chosen name, so the same
//     thing written the same way gets the same node in every ingest.

import { withRecurringPhrases } from './recurring.ts';
import type { Entity, EntityType, Evidence, NodeRef, Relation, ResolvedMention } from '../types.ts';
import type { Lexicon } from '../lexicon.ts';
import { withGazetteer } from './gazetteer.ts';
import type { CandidateMention, End, Extraction } from '../3-extract/index.ts';
import { fold, nameKey } from '../keys.ts';
import { rankOf } from '../knowledge/methods.ts';
import { CUES } from '../knowledge/cues.ts';

/**
 * One document's share of resolution: its id, and its extraction. The text is needed only to quote evidence
 * sentences; inputs stored beside the graph (resolution-inputs.ts) carry each sentence instead.
 */
export interface ResolveInput {
  doc: { id: string; text?: string };
  extraction: Extraction & { relations: Array<Extraction['relations'][number] & { evidence: { sentence?: string } }> };
}

export interface ResolveOutput {
  entities: Entity[];
  mentions: ResolvedMention[];
  relations: Relation[];
}


interface Node {
  type: EntityType;
  strong: string[];
  weak: Array<{ key: string; scope: string }>;
  names: Array<{ name: string; rank: number }>;
  aliases: string[];
  /** The lexicon entry's aliases, shared with the entry rather than copied into every mention's node. */
  entryAliases?: readonly string[];
  lexiconId?: string;
  docId: string;
}

/** Members of each union-find set, keyed by the set's root. */
function groupByRoot(uf: UnionFind, n: number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return groups;
}

class UnionFind {
  private parent: number[] = [];
  make(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

// Type-qualified keys, one string per distinct key (nodes of a corpus's mentions share them).
const typedKeys = new Map<EntityType, Map<string, string>>();
const tk = (type: EntityType, key: string): string => {
  let m = typedKeys.get(type);
  if (!m) typedKeys.set(type, (m = new Map()));
  let k = m.get(key);
  if (k === undefined) {
    if (m.size >= 200_000) m.clear();
    m.set(key, (k = `${type}:${key}`));
  }
  return k;
};

function nodeOfMention(m: CandidateMention, docId: string, lex: Lexicon): Node {
  const entry = m.lexiconId ? lex.byId.get(m.lexiconId) : undefined;
  const canonical = entry?.name ?? m.canonical;
  const main = canonical ?? m.text;
  // a bare capitalised first name ("Buck") is ambiguous across documents: its key is scoped to its document
  // (groups that end with the same id still meet in one entity, below)
  const bareName = m.type === 'Person' && !entry && !/\s/.test(main) && /^\p{Lu}/u.test(main) && !['handle', 'byline', 'byline-name'].includes(m.method);
  const strong = [tk(m.type, nameKey(main, m.type)) + (bareName ? `@${docId}` : ''), ...(m.aliasKeys ?? []).map((k) => tk(m.type, k))];
  if (entry) strong.push(entry.id);
  // spacing and hyphenation variants of longer names ("a near casted proposal" = "a nearcasted proposal")
  const mainKey = nameKey(main, m.type);
  if ((m.type === 'Paper' || m.type === 'Concept') && mainKey.split('-').length >= 3) strong.push(`compact:${m.type}:${mainKey.replace(/-/g, '')}`);
  const weak = (m.weakKeys ?? []).map((k) => ({ key: tk(m.type, nameKey(k, m.type)), scope: '' }));
  const surfaceOk = !m.surfaceNotAlias;
  if (canonical && surfaceOk && nameKey(m.text, m.type) !== nameKey(canonical, m.type)) {
    weak.push({ key: tk(m.type, nameKey(m.text, m.type)), scope: '' });
  }
  // a full name lends its first and last names to bare mentions in the same document, and its plainer forms
  // ("Samuel Bowman", "Sam Bowman" for "Samuel R. Bowman") to names anywhere that are only those forms
  if (m.type === 'Person') {
    const words = (canonical ?? m.text).split(/\s+/);
    if (words.length >= 2) {
      weak.push({ key: tk('Person', nameKey(words[0], 'Person')), scope: docId });
      weak.push({ key: tk('Person', nameKey(words[words.length - 1], 'Person')), scope: docId });
      for (const plain of plainerNames(words)) weak.push({ key: tk('Person', nameKey(plain, 'Person')), scope: PLAIN });
    }
  }
  // a title recovered from the link target (URL slug) beats a descriptive anchor ("Buck and Ryan’s post on …")
  const fromUrl = !entry && !!m.canonical && (m.aliasKeys ?? []).includes(nameKey(m.canonical));
  // preference between ways of naming an entity (higher wins), before frequency and length: the methods table
  const rank = fromUrl ? rankOf('link-target') + 1 : rankOf(m.method);
  const names = [{ name: main, rank: entry ? rankOf('lexicon') : rank }];
  const aliases = surfaceOk ? [m.text] : [];
  if (canonical) aliases.push(canonical);
  return { type: m.type, strong, weak, names, aliases, ...(entry ? { lexiconId: entry.id, entryAliases: entry.aliases } : {}), docId };
}

/** The scope of a person's plainer names: they may attach a name the lexicon knows (one person either way). */
const PLAIN = 'plain';
const SHORT_FORMS = new Map<string, string[]>();
for (const [long, ...short] of CUES.people.givenNameShortForms) SHORT_FORMS.set(long, [...(SHORT_FORMS.get(long) ?? []), ...short]);
const INITIAL = /^\p{Lu}\.?(?:-?\p{Lu}\.?)*$/u;

/** "Samuel R. Bowman" → "Samuel Bowman", "Sam Bowman", "Sam R. Bowman": the same person written more plainly. */
export function plainerNames(words: string[]): string[] {
  const [first, ...rest] = words;
  const last = rest[rest.length - 1];
  const middle = rest.slice(0, -1);
  if (INITIAL.test(first) || INITIAL.test(last)) return [];
  const firsts = [first, ...(SHORT_FORMS.get(fold(first)) ?? []).map((s) => s[0].toUpperCase() + s.slice(1))];
  const out = new Set<string>();
  for (const f of firsts) {
    if (f !== first) out.add([f, ...rest].join(' '));
    if (middle.length && middle.every((w) => INITIAL.test(w))) out.add(`${f} ${last}`);
  }
  return [...out];
}

/**
 * "Samuel Bowman" and "Sam Bowman" join the one "Samuel R. Bowman" whose plainer forms they are, even when the
 * lexicon knows one of them; repeated until nothing changes, so the result does not depend on the order in
 * which the groups are met. Two lexicon entries never merge, and a form two people share merges nothing.
 */
function attachPlainerNames(uf: UnionFind, nodes: Node[]): void {
  for (let pass = 0; pass < 4; pass++) {
    const owners = new Map<string, Set<number>>();
    const lexical = new Set<number>();
    nodes.forEach((n, i) => {
      if (n.lexiconId) lexical.add(uf.find(i));
      for (const w of n.weak) if (w.scope === PLAIN) owners.set(w.key, (owners.get(w.key) ?? new Set()).add(uf.find(i)));
    });
    let merged = false;
    for (const [root, members] of groupByRoot(uf, nodes.length)) {
      const targets = new Set<number>();
      for (const i of members) for (const k of nodes[i].strong) for (const t of owners.get(k.replace(/@doc:.*$/, '')) ?? []) if (t !== root) targets.add(t);
      const [target] = targets;
      if (targets.size !== 1 || (lexical.has(root) && lexical.has(target)) || uf.find(target) === uf.find(root)) continue;
      uf.union(root, target);
      merged = true;
    }
    if (!merged) return;
  }
}

export function resolve(input: ResolveInput[], lexicon: Lexicon): ResolveOutput {
  // names structured signals found anywhere in the run, looked for in every document's running text (inputs
  // stored beside the graph carry no text: settle applies the gazetteer across the graph instead, 5-write/learned-names.ts)
  const full = (x: ResolveInput): x is ResolveInput & Parameters<typeof withGazetteer>[0][number] => 'passages' in x && typeof x.doc.text === 'string';
  const named: ResolveInput[] = input.every(full) ? withGazetteer(input, lexicon) : input;
  // then the noun phrases several documents repeat, where no other mention stands (recurring.ts)
  const items = withRecurringPhrases(named);
  const uf = new UnionFind();
  const nodes: Node[] = [];
  const mentionNode: number[][] = [];
  const namedNode = new Map<string, number>();

  items.forEach((it, d) => {
    mentionNode[d] = it.extraction.mentions.map((m) => {
      nodes.push(nodeOfMention(m, it.doc.id, lexicon));
      return uf.make();
    });
    for (const r of it.extraction.relations) {
      for (const e of [r.from, r.to]) {
        if (e.kind !== 'named') continue;
        const k = `${e.type}|${e.name}`;
        if (namedNode.has(k)) continue;
        const entry = (lexicon.byKey.get(nameKey(e.name, e.type)) ?? []).find((x) => x.type === e.type);
        nodes.push({
          type: e.type, strong: [tk(e.type, nameKey(entry?.name ?? e.name, e.type)), ...(entry ? [entry.id] : [])], weak: [],
          names: [{ name: entry?.name ?? e.name, rank: entry ? 9 : 5 }], aliases: [e.name],
          ...(entry ? { lexiconId: entry.id, entryAliases: entry.aliases } : {}), docId: it.doc.id,
        });
        namedNode.set(k, uf.make());
      }
    }
  });

  // 1. strong keys
  const byStrong = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const k of n.strong) {
      const j = byStrong.get(k);
      if (j === undefined) byStrong.set(k, i);
      else uf.union(i, j);
    }
  });

  // 2. weak keys: attach a group whose strong key is another group's weak key, when unambiguous
  const weakOwners = new Map<string, Set<number>>();
  nodes.forEach((n, i) => {
    for (const w of n.weak) {
      if (w.scope === PLAIN) continue; // attachPlainerNames
      const k = `${w.scope}|${w.key}`;
      const set = weakOwners.get(k) ?? new Set<number>();
      set.add(uf.find(i));
      weakOwners.set(k, set);
    }
  });
  for (const [root, members] of groupByRoot(uf, nodes.length)) {
    if (members.some((i) => nodes[i].lexiconId)) continue; // the lexicon already decided what this is
    const targets = new Set<number>();
    for (const i of members) {
      for (const k0 of nodes[i].strong) {
        const k = k0.replace(/@doc:.*$/, '');
        for (const scope of ['', nodes[i].docId]) {
          for (const t of weakOwners.get(`${scope}|${k}`) ?? []) if (uf.find(t) !== uf.find(root)) targets.add(uf.find(t));
        }
      }
    }
    if (targets.size === 1) uf.union(root, [...targets][0]);
  }
  attachPlainerNames(uf, nodes);

  // 3. entities
  const entityOfRoot = new Map<number, Entity>();
  for (const [root, members] of groupByRoot(uf, nodes.length)) {
    const e = makeEntity(members.map((i) => nodes[i]), lexicon);
    if (e) entityOfRoot.set(root, e);
  }
  // two groups may still choose the same id (e.g. same name via different routes): merge them
  const entities = new Map<string, Entity>();
  for (const e of entityOfRoot.values()) {
    const old = entities.get(e.id);
    if (old) old.aliases = uniqueAliases([...old.aliases, e.name, ...e.aliases], old.name);
    else entities.set(e.id, e);
  }
  const entityIdOf = (node: number): string | undefined => entityOfRoot.get(uf.find(node))?.id;
  // The nodes (a few hundred bytes per mention) have done their work: at corpus scale, freeing them before the
  // output is built keeps the two from adding up.
  nodes.length = 0;

  // mentions
  const mentions: ResolvedMention[] = [];
  items.forEach((it, d) => {
    it.extraction.mentions.forEach((m, k) => {
      const id = entityIdOf(mentionNode[d][k]);
      if (!id) return;
      // The domain Mention's fields, in their order, without the resolver's hints: spelled out, because an
      // object rest and spread per mention cost a corpus's 258,000 mentions more than a second.
      mentions.push(m.canonical === undefined
        ? { passageId: m.passageId, start: m.start, end: m.end, text: m.text, type: m.type, method: m.method, confidence: m.confidence, entityId: id }
        : { passageId: m.passageId, start: m.start, end: m.end, text: m.text, type: m.type, canonical: m.canonical, method: m.method, confidence: m.confidence, entityId: id });
    });
  });

  // relations, merged across documents with their evidence
  const relations = new Map<string, Relation>();
  items.forEach((it, d) => {
    const ref = (e: End): NodeRef | null => {
      switch (e.kind) {
        case 'document': return { kind: 'document', id: it.doc.id };
        case 'passage': return { kind: 'passage', id: e.passageId };
        case 'mention': {
          const id = entityIdOf(mentionNode[d][e.index]);
          return id ? { kind: 'entity', id } : null;
        }
        case 'named': {
          const id = entityIdOf(namedNode.get(`${e.type}|${e.name}`)!);
          return id ? { kind: 'entity', id } : null;
        }
      }
    };
    for (const r of it.extraction.relations) {
      const from = ref(r.from);
      const to = ref(r.to);
      if (!from || !to || (from.kind === to.kind && from.id === to.id)) continue;
      const key = `${r.type}|${from.kind}:${from.id}|${to.kind}:${to.id}`;
      const ev: Evidence = { ...r.evidence, sentence: (r.evidence as { sentence?: string }).sentence ?? it.doc.text!.slice(r.evidence.start, r.evidence.end) };
      const old = relations.get(key);
      if (!old) relations.set(key, { type: r.type, from, to, evidence: [ev] });
      else if (!old.evidence.some((x) => x.passageId === ev.passageId && x.start === ev.start && x.end === ev.end)) old.evidence.push(ev);
      else {
        const same = old.evidence.find((x) => x.passageId === ev.passageId && x.start === ev.start && x.end === ev.end)!;
        if (ev.confidence > same.confidence) Object.assign(same, { method: ev.method, confidence: ev.confidence });
      }
    }
  });

  // In code-unit order: any fixed order will do, and localeCompare cost a corpus's sorts half a second.
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    entities: [...entities.values()].sort((a, b) => byKey(a.id, b.id)),
    mentions,
    // each key built once, not twice per comparison
    relations: [...relations.values()].map((r) => ({ r, key: relationKey(r) })).sort((a, b) => byKey(a.key, b.key)).map((x) => x.r),
  };
}

const relationKey = (r: Relation) => `${r.type}|${r.from.id}|${r.to.id}`;

function makeEntity(group: Node[], lex: Lexicon): Entity | null {
  const type = group[0].type;
  // the lexicon entry most mentions point at
  const lexCount = new Map<string, number>();
  for (const n of group) if (n.lexiconId) lexCount.set(n.lexiconId, (lexCount.get(n.lexiconId) ?? 0) + 1);
  const lexiconId = [...lexCount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const entry = lexiconId ? lex.byId.get(lexiconId) : undefined;
  let name: string;
  if (entry) name = entry.name;
  else {
    const score = new Map<string, { rank: number; count: number }>();
    for (const n of group) {
      for (const c of n.names) {
        const s = score.get(c.name) ?? { rank: 0, count: 0 };
        s.rank = Math.max(s.rank, c.rank);
        s.count++;
        score.set(c.name, s);
      }
    }
    const best = [...score.entries()].sort((a, b) =>
      b[1].rank - a[1].rank ||
      // people and papers: the fullest form; others: the most frequent
      ((type === 'Person' || type === 'Paper') ? b[0].length - a[0].length : b[1].count - a[1].count) ||
      b[1].count - a[1].count || a[0].length - b[0].length || a[0].localeCompare(b[0]));
    name = best[0][0];
  }
  name = name.replace(/\s+/g, ' ').trim();
  const key = nameKey(name, type);
  const v = lex.vocab;
  if (!key || name.length < 2 || v.stopNames.has(fold(name)) || v.genericWords.has(fold(name))) return null;
  const aliases = uniqueAliases(group.flatMap((n) => [...n.aliases, ...(n.entryAliases ?? []), ...n.names.map((x) => x.name)]), name);
  return {
    id: entry?.id ?? `${type.toLowerCase()}:${key}`,
    type,
    name,
    aliases,
    ...(entry ? { lexiconId: entry.id } : {}),
    ...(entry?.description ? { description: entry.description } : {}),
  };
}

function uniqueAliases(xs: string[], name: string): string[] {
  const seen = new Set([fold(name)]);
  const out: string[] = [];
  for (const x of xs) {
    const a = x.replace(/\s+/g, ' ').trim();
    const f = fold(a);
    if (!a || seen.has(f)) continue;
    seen.add(f);
    out.push(a);
  }
  return out.sort();
}
