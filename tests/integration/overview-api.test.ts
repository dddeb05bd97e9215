// The explorer API at scale, on a generated corpus: the community start view, one community opened, sources
// paged to the last document, the timeline, and relation ids that survive re-ingesting a document.
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.ts';
import type { CommunityView, EdgeDetail, OverviewResponse, SourcesResponse, TimelineResponse } from '../../web/server/api-types.ts';
import { startServer, type RunningServer } from '../../web/server/index.ts';
import { HUB, writeCorpus, type GeneratedDoc } from '../fixtures/generated-corpus.ts';
import { testDriver, testTarget } from './helpers/db.ts';

const DOCS = 80;
const HUB_DOCS = 60;
const dir = join(mkdtempSync(join(tmpdir(), 'atlas-scale-')), 'notes');
let driver: Driver;
let server: RunningServer;
let plan: GeneratedDoc[];

async function api<T>(p: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(p, server.url), body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : undefined);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  driver = testDriver();
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
  plan = writeCorpus(dir, DOCS, HUB_DOCS);
  const s = await ingestSources([dir], driver);
  expect(s.written).toBe(DOCS);
  server = await startServer({ driver, database: testTarget().database, port: 0 });
}, 600_000);
afterAll(async () => {
  await server?.close();
  await driver?.close();
});

describe('the start view', () => {
  it('shows the communities, entities of every type in them, and real links between them', async () => {
    const ov = await api<OverviewResponse>('/api/overview');
    expect(ov.communities!.length).toBeGreaterThanOrEqual(2);
    expect(ov.totalDocuments).toBe(DOCS);
    const types = new Set(ov.nodes.map((n) => n.type));
    for (const t of ['Person', 'Organization', 'Model', 'Concept']) expect(types).toContain(t);
    const shown = new Set(ov.communities!.map((c) => c.id));
    for (const n of ov.nodes) expect(shown).toContain(n.community);
    const ids = new Set(ov.nodes.map((n) => n.id));
    expect(ov.edges.length).toBeGreaterThan(0);
    for (const e of ov.edges) expect([ids.has(e.source), ids.has(e.target)]).toEqual([true, true]);
    // Every type present has at least one link: no lone grid of concepts.
    const linked = new Set(ov.edges.flatMap((e) => [e.source, e.target]));
    for (const t of types) expect(ov.nodes.some((n) => n.type === t && linked.has(n.id))).toBe(true);
  });

  it('opens one community with its members and the links among them', async () => {
    const ov = await api<OverviewResponse>('/api/overview');
    const c = ov.communities![0];
    const view = await api<CommunityView>(`/api/community/${encodeURIComponent(c.id)}`);
    expect(view.communities).toEqual([c]);
    expect(view.nodes.length).toBe(Math.min(40, c.size));
    for (const n of view.nodes) expect(n.community).toBe(c.id);
    expect(view.edges.length).toBeGreaterThan(0);
    expect((await fetch(new URL('/api/community/community%3Anone', server.url))).status).toBe(404);
  });
});

describe('sources at scale', () => {
  const hubId = 'concept:ai-safety';
  it('pages through every document that mentions an entity, most mentions first, to the last one', async () => {
    const first = await api<SourcesResponse>(`/api/sources/${hubId}?limit=25`);
    expect(first.total).toBe(HUB_DOCS);
    expect(first.documents.map((d) => d.mentionCount).slice(0, 3)).toEqual([3, 3, 3]);
    const seen: string[] = [];
    for (let skip = 0; skip < first.total; skip += 25) {
      const page = await api<SourcesResponse>(`/api/sources/${hubId}?limit=25&skip=${skip}`);
      seen.push(...page.documents.map((d) => d.title));
      for (const d of page.documents) expect(d.passageCount).toBe(d.mentionCount); // one mention per passage
    }
    const hubDocs = plan.filter((d) => d.hubMentions > 0);
    expect(seen.length).toBe(HUB_DOCS);
    expect(new Set(seen)).toEqual(new Set(hubDocs.map((d) => d.title)));
    // Most mentions first, titles ascending among equals: the last page ends with the last one-mention note.
    const expected = [...hubDocs].sort((a, b) => b.hubMentions - a.hubMentions || a.title.localeCompare(b.title)).map((d) => d.title);
    expect(seen).toEqual(expected);
  });

  it('sorts by date, newest first', async () => {
    const page = await api<SourcesResponse>(`/api/sources/${hubId}?limit=5&sort=date`);
    const newest = plan.filter((d) => d.hubMentions > 0).map((d) => d.published).sort().reverse().slice(0, 5);
    expect(page.documents.map((d) => d.published)).toEqual(newest);
    expect((await fetch(new URL(`/api/sources/${hubId}?sort=size`, server.url))).status).toBe(400);
    expect((await fetch(new URL('/api/sources/concept%3Anothing-here', server.url))).status).toBe(404);
  });
});

describe('the timeline', () => {
  it('counts documents per month, those of the view, and finds the view nodes inside a range', async () => {
    const tl = await api<TimelineResponse>('/api/timeline', { ids: ['concept:ai-safety', 'person:chris-olah'], from: '2024-01', to: '2024-03' });
    const perMonth = new Map<string, number>();
    for (const d of plan) perMonth.set(d.published.slice(0, 7), (perMonth.get(d.published.slice(0, 7)) ?? 0) + 1);
    expect(tl.months.map((m) => [m.month, m.documents])).toEqual([...perMonth].sort());
    expect(tl.undated).toBe(0);
    expect(tl.months.reduce((s, m) => s + m.inView, 0)).toBeGreaterThanOrEqual(HUB_DOCS);
    expect(tl.range).toEqual({ from: '2024-01', to: '2024-04' });
    expect(tl.inRange).toEqual(['concept:ai-safety', 'person:chris-olah']);
    const bad = await fetch(new URL('/api/timeline', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ids: [], from: '2024-13' }) });
    expect(bad.status).toBe(400);
  });
});

describe('relation ids', () => {
  it('name the ends and the type, and still open after the document is re-ingested', async () => {
    const ov = await api<OverviewResponse>('/api/overview');
    const edge = ov.edges.find((e) => e.type === 'CO_OCCURS')!;
    expect(edge.id).toBe(`${edge.source}-[CO_OCCURS]->${edge.target}`);
    const before = await api<EdgeDetail>(`/api/edge/${encodeURIComponent(edge.id)}`);
    // Change one of the documents behind it: its passages, mentions and evidence are written afresh.
    const doc = before.evidence[0].document!;
    appendFileSync(join(dir, doc.name), '\nA closing remark.\n');
    expect((await ingestSources([dir], driver)).written).toBe(1);
    const after = await api<EdgeDetail>(`/api/edge/${encodeURIComponent(edge.id)}`);
    expect(after.edge.id).toBe(edge.id);
    expect(after.evidence.map((e) => e.sentence).sort()).toEqual(before.evidence.map((e) => e.sentence).sort());
  }, 300_000);
});
