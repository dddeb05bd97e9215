// PDF to text with Mozilla's PDF.js (pdfjs-dist, its legacy build for Node): the text layer of every page
// as positioned runs → lines in reading order (columns) → page furniture removed → paragraphs with
// end-of-line hyphenation undone, plus the document's metadata. Every passage keeps its page.
import { IngestError } from '../errors.ts';
import type { Block, DocumentMeta } from '../types.ts';
import { removeFurniture, type PageLines } from './pdf/furniture.ts';
import { pdfMetadata } from './pdf/info.ts';
import { readingOrder, toLines, type TextRun } from './pdf/layout.ts';
import { bodySize, paragraphs, vocabulary, type Paragraph } from './pdf/paragraphs.ts';

export interface PdfContent {
  text: string;
  blocks: Block[];
  /** Offset in `text` where each page begins (page n at `pages[n - 1]`). */
  pages: number[];
  meta: DocumentMeta;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
// Loaded on first use: the library is large, and most runs read no PDF.
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** Reads a PDF's text and metadata; throws ENCRYPTED, NO_TEXT_LAYER or PARSE_FAILED for this source. */
export async function readPdf(bytes: Uint8Array, source: string): Promise<PdfContent> {
  const lib = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
    doc = await lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: lib.VerbosityLevel.ERRORS }).promise;
  } catch (cause) {
    const name = (cause as Error)?.name;
    if (name === 'PasswordException') throw new IngestError('ENCRYPTED', source, 'encrypted PDF: it needs a password to open, so its text cannot be read', { cause });
    const why = name === 'InvalidPDFException' ? 'not a valid PDF file' : `cannot parse the PDF (${(cause as Error)?.message ?? cause})`;
    throw new IngestError('PARSE_FAILED', source, why, { cause });
  }
  try {
    const pages: PageLines[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, y0, , y1] = page.view;
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // rotated runs (margin stamps, axis labels) are not part of the reading flow
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
        runs.push({ str: item.str, x: e, y: f - y0, width: item.width, size: Math.abs(d) });
      }
      pages.push({ height: y1 - y0, lines: toLines(runs) });
      page.cleanup();
    }
    if (pages.every((p) => p.lines.length === 0)) {
      const what = pages.length === 1 ? 'its one page has no text layer' : `none of its ${pages.length} pages has a text layer`;
      throw new IngestError('NO_TEXT_LAYER', source, `scanned: no text to extract (${what}; run OCR on it first)`);
    }
    const { info, metadata } = await doc.getMetadata();
    const meta = pdfMetadata({ info: info as Record<string, unknown>, xmp: metadata }, doc.numPages);
    const content = assemble(removeFurniture(pages).map((p) => readingOrder(p.lines)));
    const blank = pages.flatMap((p, i) => (p.lines.length === 0 ? [i + 1] : []));
    if (blank.length) meta.fields['Pages Without Text'] = blank.join(', ');
    meta.title ??= content.title;
    return { text: content.text, blocks: content.blocks, pages: content.pages, meta };
  } finally {
    await doc.destroy();
  }
}

/** The paragraphs of all pages as one text, with their blocks, where each page begins, and a title guess. */
function assemble(pageLines: PdfContentLines): { text: string; blocks: Block[]; pages: number[]; title?: string } {
  const all = pageLines.flat();
  const paras = paragraphs(pageLines, vocabulary(all), bodySize(all));
  let text = '';
  const blocks: Block[] = [];
  const pageStarts = new Map<number, number>();
  for (const p of paras) {
    if (text) text += '\n\n';
    const start = text.length;
    if (!pageStarts.has(p.page)) pageStarts.set(p.page, start);
    for (const b of p.pageBreaks) if (!pageStarts.has(b.page)) pageStarts.set(b.page, start + b.at);
    text += p.text;
    blocks.push({ start, end: text.length, kind: p.kind });
  }
  // A page with no text begins where the next page with text does (or at the end).
  const pages: number[] = new Array(pageLines.length);
  let next = text.length;
  for (let n = pageLines.length; n >= 1; n--) {
    next = pageStarts.get(n) ?? next;
    pages[n - 1] = next;
  }
  return { text, blocks, pages, title: titleGuess(paras) };
}

type PdfContentLines = ReturnType<typeof readingOrder>[];

/** Without a title in the metadata: the first heading on the first page, if it stands out. */
function titleGuess(paras: Paragraph[]): string | undefined {
  const first = paras.filter((p) => p.page === 1).slice(0, 5);
  const heading = first.find((p) => p.kind === 'heading');
  return heading && heading.text.length <= 200 ? heading.text : undefined;
}
