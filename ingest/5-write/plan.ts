// The settle plan, pure: given the run-wide resolution (every document's inputs resolved together) and what
// the graph holds, which entities to create, change or drop, which documents' mentions to rewrite, which
// relations to write in full or drop, and the derived counts — computed once per run by set operations.
import { createHash } from 'node:crypto';
import type { ResolveOutput } from '../4-resolve/index.ts';
import type { Entity, NodeRef, Relation, ResolvedMention } from '../types.ts';

export interface StoredExtraction {
  id: string;
  resolvedHash: string | null;
  relations: string[];
}

export interface StoredEntity {
  id: string;
  props: Record<string, unknown>;
}

export interface EntityRow {
  id: string;
  type: Entity['type'];
  props: Record<string, unknown>;
}

export interface SettlePlan {
  create: EntityRow[];
  update: EntityRow[];
  drop: string[];
  /** Documents whose mentions (and the relations they support) are rewritten. */
  rewrite: string[];
  mentions: ResolvedMention[];
  relations: Relation[];
  staleRelations: string[];
  /** Per rewritten document: its new resolution hash and the relation keys it supports. */
  done: Array<{ id: string; hash: string; relations: string[] }>;
}

export const relationKey = (r: { type: string; from: NodeRef; to: NodeRef }) => `${r.type}|${r.from.kind}:${r.from.id}|${r.to.kind}:${r.to.id}`;

export const parseRelationKey = (key: string): { type: string; from: NodeRef; to: NodeRef } => {
  const [type, from, to] = key.split('|');
  const ref = (s: string) => {
    const i = s.indexOf(':');
    return { kind: s.slice(0, i), id: s.slice(i + 1) } as NodeRef;
  };
  return { type, from: ref(from), to: ref(to) };
};

const docOf = (passageId: string) => passageId.slice(0, passageId.lastIndexOf(':p'));

export function planSettle(resolved: ResolveOutput, stored: { extractions: StoredExtraction[]; entities: StoredEntity[]; workOf: Map<string, string> }): SettlePlan {
  // One MENTIONS edge per (passage, entity, start), as the graph keys them.
  const mentionsByDoc = new Map<string, Map<string, ResolvedMention>>();
  for (const m of resolved.mentions) {
    const d = docOf(m.passageId);
    let byKey = mentionsByDoc.get(d);
    if (!byKey) mentionsByDoc.set(d, (byKey = new Map()));
    byKey.set(`${m.passageId}|${m.entityId}|${m.start}`, m);
  }
  // Per document, the relations it supports and, for each, its share of their evidence in their order (a
  // relation stated in a thousand documents is split once, not filtered once per document).
  const relationsByDoc = new Map<string, Map<string, Relation['evidence']>>();
  const relationOf = new Map<string, Relation>();
  for (const r of resolved.relations) {
    const key = relationKey(r);
    relationOf.set(key, r);
    for (const ev of r.evidence) {
      const d = docOf(ev.passageId);
      let byKey = relationsByDoc.get(d);
      if (!byKey) relationsByDoc.set(d, (byKey = new Map()));
      let share = byKey.get(key);
      if (!share) byKey.set(key, (share = []));
      share.push(ev);
    }
  }

  // A document is rewritten when what resolution now says about it differs from what was written for it.
  const rewrite: string[] = [];
  const done: SettlePlan['done'] = [];
  const stale = new Set<string>();
  for (const x of stored.extractions) {
    const mentions = [...(mentionsByDoc.get(x.id)?.values() ?? [])];
    const own = relationsByDoc.get(x.id);
    const keys = [...(own?.keys() ?? [])].sort();
    const hash = createHash('sha256')
      .update(JSON.stringify(mentions.map((m) => [m.passageId, m.start, m.end, m.entityId, m.text, m.method, m.confidence])))
      .update(JSON.stringify(keys.map((k) => [k, own!.get(k)!])))
      .digest('hex');
    if (hash === x.resolvedHash) continue;
    rewrite.push(x.id);
    done.push({ id: x.id, hash, relations: keys });
    for (const k of x.relations) if (!relationOf.has(k)) stale.add(k);
  }
  const rewriting = new Set(rewrite);
  const relations = [...relationOf.entries()].filter(([, r]) => r.evidence.some((ev) => rewriting.has(docOf(ev.passageId)))).map(([, r]) => r);
  const mentions = rewrite.flatMap((d) => [...(mentionsByDoc.get(d)?.values() ?? [])]);

  // Derived counts over the whole graph: mentions, distinct documents and works, degree (relations other than MENTIONS).
  const counts = new Map<string, { mentions: number; docs: Set<string>; works: Set<string>; degree: number }>();
  const countOf = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { mentions: 0, docs: new Set(), works: new Set(), degree: 0 }));
    return c;
  };
  for (const [d, byKey] of mentionsByDoc) {
    for (const m of byKey.values()) {
      const c = countOf(m.entityId);
      c.mentions++;
      c.docs.add(d);
      const w = stored.workOf.get(d);
      if (w) c.works.add(w);
    }
  }
  for (const r of resolved.relations) for (const end of [r.from, r.to]) if (end.kind === 'entity') countOf(end.id).degree++;

  // Entities the graph should hold: those a mention or a relation reaches.
  const storedById = new Map(stored.entities.map((e) => [e.id, e.props]));
  const create: EntityRow[] = [];
  const update: EntityRow[] = [];
  for (const e of resolved.entities) {
    const c = counts.get(e.id);
    if (!c) continue;
    const props = {
      id: e.id, name: e.name, type: e.type, aliases: e.aliases, aliasText: e.aliases.map((a) => `${a} | `).join(''),
      lexiconId: e.lexiconId ?? null, description: e.description ?? null,
      mentions: c.mentions, documents: c.docs.size, works: c.works.size, degree: c.degree,
    };
    const old = storedById.get(e.id);
    if (!old) create.push({ id: e.id, type: e.type, props });
    else if (!sameProps(old, props)) update.push({ id: e.id, type: e.type, props });
  }
  const drop = stored.entities.filter((e) => !counts.has(e.id)).map((e) => e.id);
  return { create, update, drop, rewrite, mentions, relations, staleRelations: [...stale], done };
}

function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(b)) {
    const o = a[k] ?? null;
    if (Array.isArray(v) ? !Array.isArray(o) || o.length !== v.length || v.some((x, i) => x !== o[i]) : Number.isFinite(v) ? Number(o) !== v : o !== v) return false;
  }
  return true;
}
