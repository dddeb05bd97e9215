// The geometry behind PDF reading order, on hand-placed runs: lines from runs, the column gutter (and when
// there is none), furniture at page edges, and joining lines across hyphenated breaks.
import { describe, expect, it } from 'vitest';
import { removeFurniture, isPageNumber } from '../../ingest/1-load/pdf/furniture.ts';
import { cleanTitle, pdfDate } from '../../ingest/1-load/pdf/info.ts';
import { gutter, readingOrder, toLines, type Line, type TextRun } from '../../ingest/1-load/pdf/layout.ts';
import { joinLines, paragraphs, vocabulary } from '../../ingest/1-load/pdf/paragraphs.ts';

const run = (str: string, x: number, y: number, size = 10): TextRun => ({ str, x, y, width: str.length * size * 0.5, size });
const line = (text: string, x0: number, y: number, width = text.length * 5): Line => ({ text, x0, x1: x0 + width, y, size: 10, column: '' });

describe('PDF layout', () => {
  it('builds lines from runs on one baseline, with spaces where the gap is a space and a split where it is a column gap', () => {
    const lines = toLines([run('world', 100, 700.4), run('Hello', 72, 700), run('sub', 128, 698.5, 7), run('Right', 320, 700)]);
    expect(lines.map((l) => l.text)).toEqual(['Hello world sub', 'Right']);
    expect(lines[0].size).toBe(10);
  });

  it('reads a full-width title, then the left column, then the right one', () => {
    const lines = [line('A Title Across The Whole Page Of The Paper', 72, 740, 460)];
    for (let i = 0; i < 5; i++) lines.push(line(`right ${i}`, 320, 700 - i * 12, 210), line(`left ${i}`, 72, 700 - i * 12, 210));
    const order = readingOrder(lines).map((l) => l.text);
    expect(order).toEqual(['A Title Across The Whole Page Of The Paper', 'left 0', 'left 1', 'left 2', 'left 3', 'left 4', 'right 0', 'right 1', 'right 2', 'right 3', 'right 4']);
    expect(gutter(lines)).toBeGreaterThan(282);
    expect(gutter(lines)).toBeLessThan(320);
  });

  it('finds no gutter in single-column prose with short and centred lines, nor between narrow table cells', () => {
    const prose = [0, 1, 2, 3, 4, 5, 6].map((i) => line(`prose line ${i}`, 72, 700 - i * 12, i % 3 === 2 ? 120 : 460));
    prose.push(line('centred', 280, 600, 50), line('centred too', 270, 588, 70), line('and a third', 275, 576, 60));
    expect(gutter(prose)).toBeUndefined();
    const table = [0, 1, 2, 3].flatMap((i) => [line(`cell ${i}`, 72, 500 - i * 12, 40), line(`value ${i}`, 320, 500 - i * 12, 40)]);
    expect(gutter(table)).toBeUndefined();
    expect(readingOrder(table).map((l) => l.text).slice(0, 4)).toEqual(['cell 0', 'value 0', 'cell 1', 'value 1']);
  });

  it('removes page numbers and lines repeated at page edges, but not body text that merely repeats', () => {
    const page = (n: number) => ({
      height: 792,
      lines: [line(`Journal of Tests, vol. ${n}`, 72, 760), line('Body text that repeats on every page.', 72, 400), line(String(n), 300, 40)],
    });
    const cleaned = removeFurniture([page(1), page(2), page(3)]);
    expect(cleaned.map((p) => p.lines.map((l) => l.text))).toEqual([['Body text that repeats on every page.'], ['Body text that repeats on every page.'], ['Body text that repeats on every page.']]);
    expect(['12', 'iv', 'Page 3', '3 of 10', '- 7 -'].every(isPageNumber)).toBe(true);
    expect(['12 monkeys', 'Introduction', '2024 results'].some(isPageNumber)).toBe(false);
  });

  it('joins hyphenated breaks, keeping compounds the document writes with a hyphen and hyphens before names', () => {
    const words = vocabulary([line('self-attention and state-of-the-art results', 0, 0)]);
    expect(joinLines('the activa-', 'tions of', words)).toBe('the activations of');
    expect(joinLines('why self-', 'attention', words)).toBe('why self-attention');
    expect(joinLines('a state-of-the-', 'art model', words)).toBe('a state-of-the-art model');
    expect(joinLines('models such as GPT-', '4o and', words)).toBe('models such as GPT-4o and');
    expect(joinLines('such as Llama-', '3 and', words)).toBe('such as Llama-3 and');
    expect(joinLines('soft\u00ad', 'ware', words)).toBe('software');
    expect(joinLines('pages 3–', '5 show', words)).toBe('pages 3–5 show');
    expect(joinLines('one line', 'and the next', words)).toBe('one line and the next');
  });

  it('splits paragraphs at wide gaps and at short lines that end a sentence, and continues across a column break', () => {
    const page = readingOrder([
      line('The first paragraph runs over two lines of the', 72, 700, 210),
      line('column.', 72, 688, 35),
      line('A second paragraph starts after the short line and', 72, 676, 210),
      line('goes on in the', 72, 664, 210),
      line('same column.', 72, 652, 60),
      line('Far below, a third.', 72, 600, 90),
      line('right column a', 320, 700, 210),
      line('b', 320, 688, 210),
      line('c', 320, 676, 210),
      line('d', 320, 664, 210),
      line('e', 320, 652, 210),
    ]);
    const paras = paragraphs([page], new Set(), 10).map((p) => p.text);
    expect(paras).toEqual([
      'The first paragraph runs over two lines of the column.',
      'A second paragraph starts after the short line and goes on in the same column.',
      'Far below, a third.',
      'right column a b c d e',
    ]);
  });

  it('reads PDF dates and drops titles that producers write by themselves', () => {
    expect(pdfDate("D:20240112093000+01'00'")).toBe('2024-01-12');
    expect(pdfDate('2023-06-30T10:00:00Z')).toBe('2023-06-30');
    expect(pdfDate('D:2024')).toBe('2024-01-01');
    expect(pdfDate('yesterday')).toBeUndefined();
    expect(cleanTitle('Microsoft Word - Constitutional AI.docx')).toBeUndefined();
    expect(cleanTitle('Microsoft Word - Constitutional AI')).toBe('Constitutional AI');
    expect(cleanTitle('untitled')).toBeUndefined();
    expect(cleanTitle('Sleeper Agents')).toBe('Sleeper Agents');
  });
});
