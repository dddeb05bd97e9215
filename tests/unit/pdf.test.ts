// PDF loading on PDFs made for the test: reading order across two columns, page furniture removed,
// hyphenation undone, each passage's page, metadata from XMP and the info dictionary, and a clear error
// for an encrypted file, a scanned file and a file that is not a PDF.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../ingest/1-load/index.ts';
import { segment } from '../../ingest/2-segment/index.ts';
import { IngestError } from '../../ingest/errors.ts';
import { makePdf, type PdfSpec } from '../fixtures/pdf.ts';
import { AUTHORS, PARAGRAPHS, TITLE, twoColumnPaper } from '../fixtures/two-column.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-pdf-'));
});

async function pdfFile(name: string, spec: PdfSpec): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await makePdf(spec));
  return path;
}

async function loadError(path: string): Promise<IngestError> {
  const e = await loadDocument(path).then(() => undefined, (x: unknown) => x);
  if (!(e instanceof IngestError)) throw new Error(`expected ${path} to fail with an IngestError, got ${String(e)}`);
  return e;
}

describe('PDF', () => {
  it('reads a two-column paper in reading order, one passage per paragraph, each on its page', async () => {
    const doc = await loadDocument(await pdfFile('paper.pdf', twoColumnPaper));
    expect(doc.format).toBe('pdf');
    const passages = segment(doc);
    expect(passages.map((p) => ({ page: p.page, text: p.text }))).toEqual(PARAGRAPHS);
    expect(passages[0].kind).toBe('heading');
    expect(passages.slice(1).map((p) => p.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(doc.pages).toEqual([0, doc.text.indexOf('On the second page')]);
  });

  it('drops running headers, footers and page numbers, and joins words hyphenated at line ends', async () => {
    const doc = await loadDocument(await pdfFile('paper.pdf', twoColumnPaper));
    expect(doc.text).not.toMatch(/Preprint|Workshop on Interpretability|^\d+$/m);
    expect(doc.text).toContain('the activations of a small');
    expect(doc.text).toContain('each responds to one');
    expect(doc.text).toContain('the interpretability results');
    // "self-" + "attention": the document writes "self-attention" elsewhere, so the hyphen stays
    expect(doc.text).toContain('why self-attention layers');
  });

  it('takes title and authors from the XMP packet, keywords from the info dictionary', async () => {
    const doc = await loadDocument(await pdfFile('paper.pdf', twoColumnPaper));
    expect(doc.meta.title).toBe(TITLE);
    expect(doc.meta.author).toBe(AUTHORS.join('; '));
    expect(doc.meta.authors).toEqual(AUTHORS.map((name) => ({ name, affiliations: [] })));
    expect(doc.meta.keywords).toEqual(['sparse autoencoders', 'interpretability']);
    expect(doc.meta.fields).toMatchObject({ Title: TITLE, Author: 'Ada Lovelace; Alan Turing', Keywords: 'sparse autoencoders, interpretability', Pages: '2', 'Creator Tool': 'PDFKit' });
    expect(doc.meta.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('falls back to the info dictionary without XMP, and to the largest heading without any title', async () => {
    const withInfo = await loadDocument(await pdfFile('info.pdf', { noXmp: true, info: { Title: 'Reward Hacking in Practice', Author: 'Grace Hopper, Edsger Dijkstra' }, pages: [{ columns: [['Reward hacking is common.']] }] }));
    expect([withInfo.meta.title, withInfo.meta.author]).toEqual(['Reward Hacking in Practice', 'Grace Hopper, Edsger Dijkstra']);
    const bare = await loadDocument(await pdfFile('bare.pdf', { noXmp: true, info: { Title: 'Microsoft Word - draft3.docx' }, pages: [{ title: 'Debate as Scalable Oversight', columns: [['Two models argue and a judge decides.']] }] }));
    expect(bare.meta.title).toBe('Debate as Scalable Oversight');
    expect(bare.meta.author).toBeUndefined();
  });

  it('reads the text pages of a partly scanned PDF and names the pages without text', async () => {
    const doc = await loadDocument(await pdfFile('mixed.pdf', { pages: [{ image: true }, { columns: [['Only the second page has text.']] }] }));
    expect(doc.text).toBe('Only the second page has text.');
    expect(segment(doc).map((p) => p.page)).toEqual([2]);
    expect(doc.pages).toEqual([0, 0]);
    expect(doc.meta.fields['Pages Without Text']).toBe('1');
  });

  it('gives an encrypted PDF, a scanned PDF and a file that is not a PDF their own errors', async () => {
    const locked = await loadError(await pdfFile('locked.pdf', { ...twoColumnPaper, userPassword: 'secret' }));
    expect([locked.code, locked.message]).toEqual(['ENCRYPTED', 'encrypted PDF: it needs a password to open, so its text cannot be read']);
    const scan = await loadError(await pdfFile('scan.pdf', { pages: [{ image: true }, { image: true }] }));
    expect([scan.code, scan.message]).toEqual(['NO_TEXT_LAYER', 'scanned: no text to extract (none of its 2 pages has a text layer; run OCR on it first)']);
    const one = await loadError(await pdfFile('scan1.pdf', { pages: [{ image: true }] }));
    expect(one.message).toBe('scanned: no text to extract (its one page has no text layer; run OCR on it first)');
    writeFileSync(join(dir, 'fake.pdf'), 'this is plain text named .pdf');
    const fake = await loadError(join(dir, 'fake.pdf'));
    expect([fake.code, fake.message]).toEqual(['PARSE_FAILED', 'not a valid PDF file']);
  });
});
