import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lacks, needs, SEEDS } from '../shared-data.ts';
import { buildDocument, listSources, loadDocument } from '../../ingest/1-load/index.ts';
import { IngestError } from '../../ingest/errors.ts';
import { firstInvalidUtf8 } from '../../ingest/1-load/decode.ts';


async function loadError(path: string): Promise<IngestError> {
  try {
    await loadDocument(path);
  } catch (e) {
    return e as IngestError;
  }
  throw new Error(`expected ${path} to fail`);
}

describe('load', () => {
  it.skipIf(lacks('seeds'))(needs('seeds', 'reads the wiki-style metadata header of a seed page'), async () => {
    const doc = await loadDocument(join(SEEDS, '001_167c7b21bb755419.txt'));
    expect(doc.meta.author).toBe('evhub');
    expect(doc.meta.published).toBe('2024-01-12');
    expect(doc.meta.title).toBe('Introducing Alignment Stress-Testing at Anthropic');
    expect(doc.meta.fields['Resource Id']).toBe('dd6492bd487be14a');
    expect(doc.meta.fields['Importance']).toMatch(/^65\/100/);
    expect(doc.meta.fields['Credibility Rating']).toBe('3/5');
    expect(doc.meta.fields['Summary']).toMatch(/^Anthropic announces a new internal team/);
    expect(doc.meta.fields['Key Points'].split('\n')).toHaveLength(5);
  });

  it.skipIf(lacks('seeds'))(needs('seeds', 'turns markdown links into anchor text and keeps their targets with exact spans'), async () => {
    const doc = await loadDocument(join(SEEDS, '001_167c7b21bb755419.txt'));
    expect(doc.format).toBe('markdown');
    expect(doc.text).not.toMatch(/\]\(https?:[^)\s]+\)/); // the page's last link is cut off mid-URL in the source itself
    expect(doc.links.length).toBeGreaterThanOrEqual(6);
    for (const l of doc.links) expect(doc.text.slice(l.start, l.end)).toBe(l.text);
    const sleeper = doc.links.find((l) => l.text.startsWith('Sleeper Agents: Training'));
    expect(sleeper?.href).toMatch(/^https:\/\/www\.alignmentforum\.org\/posts\//);
  });

  it('parses HTML leniently, drops scripts, keeps links and headings', () => {
    const html = '<html><head><title>T</title><meta name="author" content="Ada Lovelace"><script>alert(1)</script></head><body><h1>Head</h1><p>See <a href="https://x.org/p">the paper</a>. <b>Bold<p>Unclosed <i>tags</body>';
    const doc = buildDocument('mem://a.html', 'a.html', html, 'html');
    expect(doc.text).not.toContain('alert');
    expect(doc.meta.author).toBe('Ada Lovelace');
    // the author known only from <head> is written as a metadata line on top, so evidence has a real span
    expect(doc.text.slice(doc.blocks![0].start, doc.blocks![0].end)).toBe('Author: Ada Lovelace');
    expect(doc.blocks?.[0]).toMatchObject({ kind: 'metadata' });
    expect(doc.blocks?.[1]).toMatchObject({ kind: 'heading' });
    const link = doc.links[0];
    expect(doc.text.slice(link.start, link.end)).toBe('the paper');
    expect(link.href).toBe('https://x.org/p');
    expect(doc.text).toContain('Unclosed tags');
  });

  it('keeps content that malformed HTML puts after a stray </body>', () => {
    const doc = buildDocument('mem://b.html', 'b.html', '<!doctype html><head><title>T</title></head></body><h1>Sequence Modeling</h1><p>A visual guide.</p>', 'html');
    expect(doc.text).toBe('Sequence Modeling\n\nA visual guide.');
  });

  it('gives each bad file a clear, positioned error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-load-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.md'), '  \n\n ');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' au lait')]));
    expect((await loadError(join(dir, 'empty.txt'))).code).toBe('EMPTY');
    expect((await loadError(join(dir, 'blank.md'))).code).toBe('EMPTY');
    const bin = await loadError(join(dir, 'binary.txt'));
    expect(bin.code).toBe('BINARY');
    expect(bin.position).toEqual({ unit: 'byte', offset: 4 });
    const bad = await loadError(join(dir, 'latin1.txt'));
    expect(bad.code).toBe('INVALID_UTF8');
    expect(bad.position).toEqual({ unit: 'byte', offset: 3 });
    expect(bad.toString()).toContain('latin1.txt (byte 3)');
  });

  it('refuses files over the size limit without reading them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-load-'));
    writeFileSync(join(dir, 'huge.txt'), 'a'.repeat(2048));
    await expect(loadDocument(join(dir, 'huge.txt'), { maxBytes: 1024 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('reports an unreachable URL as a retriable fetch error', async () => {
    const e = await loadDocument('http://127.0.0.1:9/nothing.html', { fetchTimeoutMs: 3000 }).catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.retriable).toBe(true);
  });

  it('walks folders recursively, skipping hidden and unsupported files, and flags missing paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-list-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'A');
    writeFileSync(join(dir, 'sub', 'b.html'), '<p>B</p>');
    writeFileSync(join(dir, 'c.pdf'), 'x');
    writeFileSync(join(dir, 'd.docx'), 'x');
    writeFileSync(join(dir, '.hidden.md'), 'x');
    const { sources, errors } = await listSources([dir, join(dir, 'missing.txt')]);
    expect(sources.map((s) => s.slice(dir.length))).toEqual(['/a.txt', '/c.pdf', '/sub/b.html']);
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('UNREADABLE');
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('ok'))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0xff]))).toBe(3);
  });
});
