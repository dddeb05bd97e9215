// score(gold, predicted): extraction quality against hand-made annotations. Pure.
//
// Entities: a predicted entity matches a gold entity of the same type when any of its names/aliases equals
// any gold name/alias after normalisation (case, diacritics, typography, hyphens, possessives, the plural
// of the head noun), or — for papers — when one is a word-prefix (≥ 5 words) of the other (URL slugs cut
// long titles short). Matching is one-to-one: a second predicted entity for an already matched gold entity
// is a duplicate and counts as a false positive (a resolution failure). "Untyped" ignores types.
// Relations: ends are mapped to gold entities (as above), documents by file name, passages by a snippet the
// passage contains; then (type, from, to) is compared as a set. Duplicate predictions collapse to one.
//
// The predicted shape is deliberately what a Neo4j read gives: entities {type, name, aliases} and relations
// {type, from, to} with ends {type, name} | {doc} | {doc, passage}. `predictedFromBatch` builds it from the
// in-memory resolve output.

import type { Document, Entity, EntityType, NodeRef, Passage, Relation, RelationType } from '../ingest/types.ts';
import { ENTITY_TYPES } from '../ingest/types.ts';
import { fold, keyWords, nameKey } from '../ingest/keys.ts';

export interface EntityEnd { type: EntityType; name: string }
export interface DocEnd { doc: string }
/** Gold: `passage` is a snippet the passage contains. Predicted: `passage` is the passage text. */
export interface PassageEnd { doc: string; passage: string }
export type RelEnd = EntityEnd | DocEnd | PassageEnd;

export interface GoldEntity { type: EntityType; name: string; aliases?: string[]; core?: boolean; note?: string }
export interface GoldRelation { type: RelationType; from: RelEnd; to: RelEnd; note?: string }
export interface Gold { documents?: string[]; entities: GoldEntity[]; relations: GoldRelation[] }

export interface PredictedEntity { type: EntityType; name: string; aliases?: string[] }
export interface PredictedRelation { type: RelationType; from: RelEnd; to: RelEnd }
export interface Predicted { entities: PredictedEntity[]; relations: PredictedRelation[] }

export interface PRF { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }

export interface Score {
  entities: {
    typed: PRF;
    untyped: PRF;
    byType: Record<EntityType, PRF>;
    core: { found: number; total: number; recall: number; missed: GoldEntity[] };
    misses: GoldEntity[];
    falsePositives: PredictedEntity[];
    duplicates: Array<{ predicted: PredictedEntity; gold: GoldEntity }>;
    /** Found with the wrong type (typed miss, untyped hit). */
    typeErrors: Array<{ predicted: PredictedEntity; gold: GoldEntity }>;
  };
  relations: {
    all: PRF;
    byType: Partial<Record<RelationType, PRF>>;
    misses: GoldRelation[];
    falsePositives: PredictedRelation[];
  };
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : tp + fn ? 0 : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** The normalisation every comparison uses. */
export const normName = (s: string): string => nameKey(s, 'Concept');

const keysOf = (e: { name: string; aliases?: string[] }): Set<string> =>
  new Set([e.name, ...(e.aliases ?? [])].map(normName).filter(Boolean));

function prefixMatch(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) {
    const xw = keyWords(x);
    for (const y of b) {
      const yw = keyWords(y);
      const [s, l] = xw.length <= yw.length ? [xw, yw] : [yw, xw];
      if (s.length >= 5 && s.every((w, i) => l[i] === w)) return true;
    }
  }
  return false;
}

function entitiesMatch(p: { type: EntityType; keys: Set<string> }, g: { type: EntityType; keys: Set<string> }, typed: boolean): boolean {
  if (typed && p.type !== g.type) return false;
  for (const k of p.keys) if (g.keys.has(k)) return true;
  return (p.type === 'Paper' || g.type === 'Paper') && prefixMatch(p.keys, g.keys);
}

interface Assignment {
  /** predicted index → gold index (matched or duplicate) */
  goldOf: Map<number, number>;
  matchedGold: Set<number>;
  duplicates: number[];
  unmatched: number[];
}

function assign(pred: PredictedEntity[], gold: GoldEntity[], typed: boolean): Assignment {
  const pk = pred.map((p) => ({ type: p.type, keys: keysOf(p), name: normName(p.name) }));
  const gk = gold.map((g) => ({ type: g.type, keys: keysOf(g) }));
  const goldOf = new Map<number, number>();
  const matchedGold = new Set<number>();
  // first pass: predicted names that equal a gold name/alias; second: alias or prefix matches
  for (const strict of [true, false]) {
    gk.forEach((g, gi) => {
      if (matchedGold.has(gi)) return;
      const pi = pk.findIndex((p, i) => !goldOf.has(i) && (strict ? (!typed || p.type === g.type) && g.keys.has(p.name) : entitiesMatch(p, g, typed)));
      if (pi >= 0) {
        goldOf.set(pi, gi);
        matchedGold.add(gi);
      }
    });
  }
  const duplicates: number[] = [];
  const unmatched: number[] = [];
  pk.forEach((p, pi) => {
    if (goldOf.has(pi)) return;
    const gi = gk.findIndex((g) => entitiesMatch(p, g, typed));
    if (gi >= 0) {
      goldOf.set(pi, gi);
      duplicates.push(pi);
    } else unmatched.push(pi);
  });
  return { goldOf, matchedGold, duplicates, unmatched };
}

const isDoc = (e: RelEnd): e is DocEnd => 'doc' in e && !('passage' in e);
const isPassage = (e: RelEnd): e is PassageEnd => 'doc' in e && 'passage' in e;
const snippetNorm = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function score(gold: Gold, predicted: Predicted): Score {
  const G = gold.entities;
  const P = predicted.entities;
  const typedA = assign(P, G, true);
  const untypedA = assign(P, G, false);

  const byType = {} as Record<EntityType, PRF>;
  for (const t of ENTITY_TYPES) {
    const tp = [...typedA.matchedGold].filter((gi) => G[gi].type === t).length;
    const fp = P.filter((p, pi) => p.type === t && (typedA.duplicates.includes(pi) || typedA.unmatched.includes(pi))).length;
    const fn = G.filter((g, gi) => g.type === t && !typedA.matchedGold.has(gi)).length;
    byType[t] = prf(tp, fp, fn);
  }
  const typed = prf(typedA.matchedGold.size, typedA.duplicates.length + typedA.unmatched.length, G.length - typedA.matchedGold.size);
  const untyped = prf(untypedA.matchedGold.size, untypedA.duplicates.length + untypedA.unmatched.length, G.length - untypedA.matchedGold.size);
  const coreIdx = G.map((g, i) => (g.core ? i : -1)).filter((i) => i >= 0);
  const coreFound = coreIdx.filter((i) => typedA.matchedGold.has(i)).length;
  const typeErrors = untypedA.matchedGold.size
    ? [...untypedA.goldOf.entries()]
      .filter(([pi, gi]) => !typedA.matchedGold.has(gi) && P[pi].type !== G[gi].type)
      .map(([pi, gi]) => ({ predicted: P[pi], gold: G[gi] }))
    : [];

  // ---- relations
  const gkeys = G.map((g) => ({ type: g.type, keys: keysOf(g) }));
  const goldEntityOf = (e: EntityEnd): number => {
    const k = { type: e.type, keys: new Set([normName(e.name)]) };
    const exact = gkeys.findIndex((g) => g.type === e.type && g.keys.has(normName(e.name)));
    return exact >= 0 ? exact : gkeys.findIndex((g) => entitiesMatch(k, g, true));
  };
  const predIndex = new Map<string, number>();
  P.forEach((p, i) => {
    for (const k of keysOf(p)) if (!predIndex.has(`${p.type}|${k}`)) predIndex.set(`${p.type}|${k}`, i);
  });
  const predEntityOf = (e: EntityEnd): number => {
    const pi = predIndex.get(`${e.type}|${normName(e.name)}`);
    const gi = pi !== undefined ? typedA.goldOf.get(pi) : undefined;
    return gi ?? goldEntityOf(e);
  };
  const endKey = (e: RelEnd, side: 'gold' | 'pred'): string => {
    if (isDoc(e)) return `doc:${e.doc}`;
    if (isPassage(e)) return `passage:${e.doc}`;
    const gi = side === 'gold' ? goldEntityOf(e) : predEntityOf(e);
    return gi >= 0 ? `g${gi}` : `?${e.type}:${normName(e.name)}`;
  };

  const goldRels = gold.relations.map((r) => ({ r, key: `${r.type}|${endKey(r.from, 'gold')}|${endKey(r.to, 'gold')}` }));
  const matchedGold = new Set<number>();
  const fps: PredictedRelation[] = [];
  const seen = new Set<string>();
  const tpByType = new Map<RelationType, number>();
  const fpByType = new Map<RelationType, number>();
  const inc = (m: Map<RelationType, number>, t: RelationType) => m.set(t, (m.get(t) ?? 0) + 1);
  for (const r of predicted.relations) {
    if (isPassage(r.from) && isPassage(r.to)) {
      const f = snippetNorm(r.from.passage);
      const t = snippetNorm(r.to.passage);
      const dedupe = `${r.type}|${r.from.doc}|${f}|${t}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const gi = goldRels.findIndex(({ r: g }, i) => !matchedGold.has(i) && g.type === r.type && isPassage(g.from) && isPassage(g.to)
        && g.from.doc === (r.from as PassageEnd).doc && f.includes(snippetNorm(g.from.passage)) && t.includes(snippetNorm(g.to.passage)));
      if (gi >= 0) { matchedGold.add(gi); inc(tpByType, r.type); } else { fps.push(r); inc(fpByType, r.type); }
      continue;
    }
    const key = `${r.type}|${endKey(r.from, 'pred')}|${endKey(r.to, 'pred')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const gi = goldRels.findIndex((g, i) => !matchedGold.has(i) && g.key === key);
    if (gi >= 0) { matchedGold.add(gi); inc(tpByType, r.type); } else { fps.push(r); inc(fpByType, r.type); }
  }
  const relTypes = new Set<RelationType>([...gold.relations.map((r) => r.type), ...predicted.relations.map((r) => r.type)]);
  const relByType: Partial<Record<RelationType, PRF>> = {};
  for (const t of relTypes) {
    const total = gold.relations.filter((r) => r.type === t).length;
    const tp = tpByType.get(t) ?? 0;
    relByType[t] = prf(tp, fpByType.get(t) ?? 0, total - tp);
  }
  const tpAll = matchedGold.size;

  return {
    entities: {
      typed, untyped, byType,
      core: { found: coreFound, total: coreIdx.length, recall: coreIdx.length ? coreFound / coreIdx.length : 1, missed: coreIdx.filter((i) => !typedA.matchedGold.has(i)).map((i) => G[i]) },
      misses: G.filter((_, gi) => !typedA.matchedGold.has(gi)),
      falsePositives: typedA.unmatched.map((pi) => P[pi]),
      duplicates: typedA.duplicates.map((pi) => ({ predicted: P[pi], gold: G[typedA.goldOf.get(pi)!] })),
      typeErrors,
    },
    relations: {
      all: prf(tpAll, fps.length, gold.relations.length - tpAll),
      byType: relByType,
      misses: gold.relations.filter((_, i) => !matchedGold.has(i)),
      falsePositives: fps,
    },
  };
}

/** The batch parts predictedFromBatch needs (a GraphBatch has them all). */
export interface BatchLike {
  documents: Document[];
  passages: Passage[];
  entities: Entity[];
  relations: Relation[];
}

/** In-memory resolve output → the shape `score` takes (the same shape a Neo4j read-back gives). */
export function predictedFromBatch(batch: BatchLike): Predicted {
  const entity = new Map(batch.entities.map((e) => [e.id, e]));
  const docName = new Map(batch.documents.map((d) => [d.id, d.name]));
  const passage = new Map(batch.passages.map((p) => [p.id, p]));
  const end = (n: NodeRef): RelEnd | null => {
    if (n.kind === 'document') return { doc: docName.get(n.id) ?? n.id };
    if (n.kind === 'passage') {
      const p = passage.get(n.id);
      return p ? { doc: docName.get(p.docId) ?? p.docId, passage: p.text } : null;
    }
    const e = entity.get(n.id);
    return e ? { type: e.type, name: e.name } : null;
  };
  const relations: PredictedRelation[] = [];
  for (const r of batch.relations) {
    const from = end(r.from);
    const to = end(r.to);
    if (from && to) relations.push({ type: r.type, from, to });
  }
  return { entities: batch.entities.map((e) => ({ type: e.type, name: e.name, aliases: e.aliases })), relations };
}
