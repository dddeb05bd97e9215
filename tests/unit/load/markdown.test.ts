// Markdown to text: a paragraph or list item hard-wrapped over several lines reads as one line, as markdown
// renders it; short lines (menus, titles), header fields, front matter, fences and block starts keep theirs.
import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../../ingest/1-load/markdown.ts';

const text = (src: string) => markdownToText(src).text;

describe('soft line breaks', () => {
  it('join a wrapped paragraph and a wrapped list item, link spans included', () => {
    const r = markdownToText('A paragraph that the writer wrapped at a fixed width of about\n  sixty characters goes on here.\n\n- [A title that runs past the width of the\n  line](https://example.org/x) by Ann Lee\n- Next item\n');
    expect(r.text).toBe('A paragraph that the writer wrapped at a fixed width of about sixty characters goes on here.\n\n- A title that runs past the width of the line by Ann Lee\n- Next item\n');
    const anchor = 'A title that runs past the width of the line';
    const at = r.text.indexOf(anchor);
    expect(r.links).toEqual([{ start: at, end: at + anchor.length, href: 'https://example.org/x', text: anchor }]);
  });

  it('keep short lines, header fields, headings, fences, tables, BibTeX and front matter as written', () => {
    const nav = 'Skip to content\nSite Wiki\nBack\n';
    expect(text(nav)).toBe(nav);
    const header = 'Title: A long title of a post that goes on for a while\nAuthor: Someone Somewhere\n';
    expect(text(header)).toBe(header);
    const fm = '---\ntitle: A long title of a post that goes on for quite a while\nauthors: [A, B]\n---\nBody.\n';
    expect(text(fm)).toBe(fm);
    const code = '```\nconst aVeryLongVariableName = someFunctionCall(argumentOne,\n  argumentTwo);\n```\n';
    expect(text(code)).toBe(code);
    const blocks = '# A heading that is long enough to be a wrapped line maybe\nText under the heading follows here.\n| a | b |\n| - | - |\n';
    expect(text(blocks)).toBe(blocks);
    const bib = '@article{key,\n  author = {Lee, Ann and Roe, Bo and others in the list},\n  title = {A title}\n}\n';
    expect(text(bib)).toBe(bib);
  });

  it('keep a hard break (two trailing spaces) and an indented code block', () => {
    expect(text('A line that ends with a hard break of two spaces  \nnext line\n')).toBe('A line that ends with a hard break of two spaces  \nnext line\n');
    expect(text('Intro paragraph.\n\n    code line that is long enough to be wrapped text\n    second code line\n')).toBe('Intro paragraph.\n\n    code line that is long enough to be wrapped text\n    second code line\n');
  });
});
