import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import { buildDocument, loadDocument } from '../../ingest/1-load/index.ts';
import { segment, sentenceSpans } from '../../ingest/2-segment/index.ts';


describe('segment', () => {
  it('splits sentences without breaking at abbreviations, initials or decimals', () => {
    const t = 'We find that Sonnet 3.7 can learn it, e.g. by hiding. Srinivasan S. Iyengar agrees! Does it? Yes.';
    const spans = sentenceSpans(t, 0, t.length).map((s) => t.slice(s.start, s.end));
    expect(spans).toEqual(['We find that Sonnet 3.7 can learn it, e.g. by hiding.', 'Srinivasan S. Iyengar agrees!', 'Does it?', 'Yes.']);
  });

  it.skipIf(lacks('seeds'))(needs('seeds', 'keeps every passage and sentence span inside the document text'), async () => {
    for (const f of ['000_21b7a242badc503d.txt', '001_167c7b21bb755419.txt', '002_8cbe44fa147b9f2d.txt', '004_2ce8cbb06aa7e3b9.txt']) {
      const doc = await loadDocument(join(SEEDS, f));
      const passages = segment(doc);
      expect(passages.length).toBeGreaterThan(0);
      for (const p of passages) {
        expect(doc.text.slice(p.start, p.end)).toBe(p.text);
        expect(p.text.trim()).toBe(p.text);
        for (const s of p.sentences) {
          expect(s.start).toBeGreaterThanOrEqual(p.start);
          expect(s.end).toBeLessThanOrEqual(p.end);
        }
      }
    }
  });

  it.skipIf(lacks('seeds'))(needs('seeds', 'makes each excerpt line of a list of post excerpts its own passage'), async () => {
    const doc = await loadDocument(join(SEEDS, '004_2ce8cbb06aa7e3b9.txt'));
    expect(segment(doc)).toHaveLength(7);
  });

  it.skipIf(lacks('seeds'))(needs('seeds', 'recognises a comment thread, its quotes and the replies to them'), async () => {
    const doc = await loadDocument(join(SEEDS, '002_8cbe44fa147b9f2d.txt'));
    const passages = segment(doc);
    const comments = passages.filter((p) => p.kind === 'comment');
    const quotes = passages.filter((p) => p.kind === 'quote');
    expect(comments.length).toBeGreaterThan(20);
    expect(quotes.length).toBeGreaterThan(5);
    // The paragraphs before the thread are the post itself.
    expect(passages[0].kind).toBe('paragraph');
    for (const q of quotes) {
      const quotedText = passages[q.repliesTo!].text.replace(/[’]/g, "'");
      expect(quotedText).toContain(q.text.replace(/[’]/g, "'").slice(0, 40));
      const reply = passages[q.index + 1];
      if (reply?.kind === 'comment') expect(reply.repliesTo).toBe(q.repliesTo);
    }
  });

  it('takes structure from HTML blocks: headings, list items, quotes', () => {
    const doc = buildDocument('mem://x.html', 'x.html', '<h2>Title</h2><p>One. Two.</p><ul><li>First item</li><li>Second</li></ul><blockquote>Quoted words</blockquote>', 'html');
    expect(segment(doc).map((p) => [p.kind, p.text])).toEqual([
      ['heading', 'Title'],
      ['paragraph', 'One. Two.'],
      ['list-item', 'First item'],
      ['list-item', 'Second'],
      ['quote', 'Quoted words'],
    ]);
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const text = 'This is a long line of prose that was wrapped by an editor at about seventy\ncolumns and goes on here. A new sentence.\n\nSecond paragraph.';
    const doc = buildDocument('mem://w.txt', 'w.txt', text, 'text');
    expect(segment(doc).map((p) => p.kind + ':' + p.sentences.length)).toEqual(['paragraph:2', 'paragraph:1']);
  });
});
