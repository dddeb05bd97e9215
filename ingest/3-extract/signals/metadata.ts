// Signal: structured metadata the loader read (front matter, HTML <meta>, JSON-LD): each author becomes a
// Person mention on the span where the metadata block writes it ("Greenblatt, Ryan" → Ryan Greenblatt) with
// AUTHORED → the document, each affiliation an Organization with AFFILIATED_WITH, each tag or keyword a
// Concept the document is ABOUT. Runs before the byline signal, so these mentions own their spans.
import type { CandidateRelation, Ctx, End } from '../core/types.ts';
import { docEnd, evidenceOf, mention, mentionEnd } from '../core/types.ts';
import type { EntityType } from '../../types.ts';
import { wholeWordOccurrences } from '../core/text-index.ts';
import { fold, nameKey } from '../../keys.ts';
import { found, type Method } from '../../knowledge/methods.ts';

/** Where metadata is written: front matter and metadata passages first, then the document's head. */
function metadataOccurrence(ctx: Ctx, surface: string, near?: number): number | undefined {
  const hits = wholeWordOccurrences(ctx.doc.text, surface);
  if (!hits.length) return undefined;
  if (near !== undefined) {
    const p = ctx.index.passageAt(near);
    const same = p && hits.find((h) => h >= p.start && h < p.end);
    if (same !== undefined) return same;
  }
  const inMeta = hits.find((h) => {
    const p = ctx.index.passageAt(h);
    return p && (p.kind === 'metadata' || p.start < frontMatterEnd(ctx));
  });
  return inMeta ?? hits[0];
}

/** End of a leading `---`/`+++` block, 0 without one. */
function frontMatterEnd(ctx: Ctx): number {
  const t = ctx.doc.text;
  const fence = t.startsWith('---') ? '---' : t.startsWith('+++') ? '+++' : '';
  if (!fence) return 0;
  const close = t.indexOf(`\n${fence}`, 3);
  return close < 0 ? 0 : close + 4;
}

export function metadata(ctx: Ctx): CandidateRelation[] {
  const { doc, index, acc } = ctx;
  const rels: CandidateRelation[] = [];
  const first = index.sentences[0];
  if (!first) return rels;
  const evidenceAt = (at: number | undefined, method: Method) => {
    const s = (at !== undefined ? index.sentenceAt(at) : undefined) ?? first;
    return evidenceOf(s, found(method));
  };
  const mark = (surface: string, canonical: string, type: EntityType, method: Method, near?: number): { end: End; at?: number } => {
    const at = metadataOccurrence(ctx, surface, near);
    if (at !== undefined) {
      const p = index.passageAt(at);
      const i = p ? acc.add(mention(doc, p, at, at + surface.length, type, found(method), surface !== canonical ? { canonical } : {})) : -1;
      if (i >= 0) return { end: mentionEnd(i), at };
    }
    return { end: { kind: 'named', type, name: canonical }, at };
  };

  for (const a of doc.meta.authors ?? []) {
    const surface = a.surface && wholeWordOccurrences(doc.text, a.surface).length ? a.surface : a.name;
    const who = mark(surface, a.name, 'Person', 'metadata-author');
    ctx.authors.push(who.end);
    rels.push({ type: 'AUTHORED', from: who.end, to: docEnd, evidence: evidenceAt(who.at, 'metadata-author') });
    for (const org of a.affiliations) {
      const where = mark(org, org, 'Organization', 'metadata-affiliation', who.at);
      // the evidence is the line that ties them when there is one, else the author's line
      const sameLine = who.at !== undefined && where.at !== undefined && index.sentenceAt(who.at) === index.sentenceAt(where.at);
      rels.push({ type: 'AFFILIATED_WITH', from: who.end, to: where.end, evidence: evidenceAt(sameLine ? where.at : who.at, 'metadata-affiliation') });
    }
  }
  for (const k of doc.meta.keywords ?? []) {
    if (k.length < 2 || ctx.lexicon.vocab.genericWords.has(fold(k))) continue;
    // a tag that the lexicon knows as an organisation or model is not a topic
    const known = ctx.lexicon.byKey.get(nameKey(k)) ?? [];
    if (known.length && known.every((e) => e.type !== 'Concept')) continue;
    const topic = mark(k, k, 'Concept', 'metadata-keyword');
    rels.push({ type: 'ABOUT', from: docEnd, to: topic.end, evidence: evidenceAt(topic.at, 'metadata-keyword') });
  }
  return rels;
}
