// GET /api/edge/:id (a relationId, or an element id) — a relationship with its ends and every evidence sentence, each with its
// document and the mentions of either end inside it. Offsets are document offsets throughout: a highlight
// in a sentence is the mention's offset minus the sentence's start.
import type { Node, Relationship } from 'neo4j-driver';
import type { DocumentMetaJson, EdgeDetail, EvidenceItem, MentionSpan } from '../api-types.ts';
import { notFound } from '../http.ts';
import type { Read } from '../read.ts';
import { endsOf, parseRelationId, relToGraph, toNumber } from '../serialize.ts';
import { ANY_NODE_BY_ID, DEGREE, DOC_FIELDS, docMeta, withDegree } from './cypher.ts';
import { byId, type Routes } from './route.ts';

interface Span {
  start: number;
  end: number;
  text: string;
}

/** The evidence lists an entity-to-entity edge carries (README, graph model), read side by side. */
function evidenceLists(r: Relationship, a: Node) {
  const p = r.properties as Record<string, unknown>;
  const list = (k: string): unknown[] => (Array.isArray(p[k]) ? (p[k] as unknown[]) : []);
  const ev = {
    pids: list('evidencePassages').map(String),
    starts: list('evidenceStarts').map(toNumber),
    ends: list('evidenceEnds').map(toNumber),
    sentences: list('evidenceSentences').map((s) => String(s ?? '')),
    methods: list('evidenceMethods').map((s) => String(s ?? '')),
    confs: list('evidenceConfidences').map((c) => (c == null ? null : toNumber(c))),
  };
  // MENTIONS edges themselves carry their span: show the passage as the evidence.
  if (r.type === 'MENTIONS' && a.labels.includes('Passage')) {
    ev.pids.push(String(a.properties['id']));
    ev.starts.push(toNumber(p['start']));
    ev.ends.push(toNumber(p['end']));
    ev.sentences.push(String(p['text'] ?? ''));
    ev.methods.push(String(p['method'] ?? ''));
    ev.confs.push(p['confidence'] == null ? null : toNumber(p['confidence']));
  }
  return ev;
}

/** Mentions (document offsets) that fall inside a sentence starting at `start`, relative to it. */
export function highlightsIn(sentence: string, start: number, mentions: Span[]): MentionSpan[] {
  const out: MentionSpan[] = [];
  for (const m of mentions) {
    const s = m.start - start;
    const e = m.end - start;
    if (s < 0 || e > sentence.length || e <= s || out.some((h) => h.start === s)) continue;
    out.push({ start: s, end: e, text: m.text });
  }
  return out.sort((x, y) => x.start - y.start);
}

export async function edgeDetail(read: Read, elementId: string): Promise<EdgeDetail> {
  // A relationId names the ends and the type (what links carry); an element id still works within one store.
  const rel = parseRelationId(elementId);
  const [rec] = rel
    ? await read(
        `${ANY_NODE_BY_ID} WITH n AS a MATCH (a)-[r]->(b) WHERE type(r) = $type AND b.id = $target
         RETURN a, r, b, ${DEGREE('a')} AS da, ${DEGREE('b')} AS db LIMIT 1`,
        { id: rel.source, type: rel.type, target: rel.target },
      )
    : await read(`MATCH (a)-[r]->(b) WHERE elementId(r) = $id RETURN a, r, b, ${DEGREE('a')} AS da, ${DEGREE('b')} AS db`, { id: elementId });
  if (!rec) throw notFound('Relationship');
  const a = rec.get('a') as Node;
  const r = rec.get('r') as Relationship;
  const source = withDegree(a, rec.get('da'));
  const target = withDegree(rec.get('b') as Node, rec.get('db'));
  const edge = relToGraph(r, endsOf(r, source.id, target.id));
  const ev = evidenceLists(r, a);

  const ctx = new Map<string, { doc: DocumentMetaJson | null; ms: Span[] }>();
  if (ev.pids.length) {
    const recs = await read(
      `UNWIND $pids AS pid
       MATCH (p:Passage {id: pid})
       OPTIONAL MATCH (d:Document)-[:HAS_PASSAGE]->(p)
       OPTIONAL MATCH (p)-[m:MENTIONS]->(e:Entity) WHERE e.id IN $ends
       RETURN pid, d ${DOC_FIELDS} AS d, collect(m {.start, .end, .text}) AS ms`,
      { pids: [...new Set(ev.pids)], ends: [source.id, target.id] },
    );
    for (const x of recs) {
      const d = x.get('d') as Record<string, unknown> | null;
      const ms = (x.get('ms') as { start: unknown; end: unknown; text: unknown }[]).map((m) => ({
        start: toNumber(m.start),
        end: toNumber(m.end),
        text: String(m.text ?? ''),
      }));
      ctx.set(String(x.get('pid')), { doc: d ? docMeta(d) : null, ms });
    }
  }

  const evidence: EvidenceItem[] = ev.pids.map((pid, i) => {
    const c = ctx.get(pid);
    const sentence = ev.sentences[i] ?? '';
    const start = ev.starts[i] ?? 0;
    return {
      passageId: pid,
      document: c?.doc ?? null,
      start,
      end: ev.ends[i] ?? start + sentence.length,
      sentence,
      method: ev.methods[i] ?? '',
      confidence: ev.confs[i] ?? null,
      highlights: highlightsIn(sentence, start, c?.ms ?? []),
    };
  });
  return { edge, source, target, evidence };
}

export const edgeRoutes: Routes = {
  edge: byId('/api/edge/<elementId>', ({ read }, id) => edgeDetail(read, id)),
};
