// Front matter through the yaml and smol-toml parsers: titles, the author forms, affiliations by index, keywords.
import { describe, expect, it } from 'vitest';
import { isLastFirst, personName, readFrontMatter, splitAuthorString } from '../../../ingest/1-load/front-matter.ts';
import { buildDocument } from '../../../ingest/1-load/index.ts';

describe('front matter', () => {
  it('reads YAML: title, "Last, First" authors, date, tags and keywords', () => {
    const src = '---\ntitle: "Alignment Faking: A Case Study"\nauthors: ["Greenblatt, Ryan", "Jane Q. Doe"]\ndate: 2024-12-18\ntags: [deceptive alignment, RLHF]\nkeywords: "scheming; situational awareness"\n---\n\nBody text.\n';
    const fm = readFrontMatter(src)!;
    expect(fm.title).toBe('Alignment Faking: A Case Study');
    expect(fm.authors).toEqual([
      { name: 'Ryan Greenblatt', surface: 'Greenblatt, Ryan', affiliations: [] },
      { name: 'Jane Q. Doe', surface: 'Jane Q. Doe', affiliations: [] },
    ]);
    expect(fm.date).toBe('2024-12-18');
    expect(fm.keywords).toEqual(['deceptive alignment', 'RLHF', 'scheming', 'situational awareness']);
    expect(src.slice(fm.start, fm.end)).toMatch(/^---\n[\s\S]*\n---\n$/);
  });

  it('resolves affiliations listed once and referred to by index, by id, and inline', () => {
    const src = [
      '---', 'title: T', 'affiliations:', '  - name: Acme Labs', '  - name: University of Nowhere', '    id: uon',
      'authors:', '  - name: Jane Doe', '    affiliations: [1, 2]', '  - name: John Roe', '    affiliation: "uon"',
      '  - name: Ann Lee', '    affiliation: Institute for Tests', '  - given: Bo', '    family: Chen', '    affiliations: "1,2"', '---', '',
    ].join('\n');
    expect(readFrontMatter(src)!.authors).toEqual([
      { name: 'Jane Doe', surface: 'Jane Doe', affiliations: ['Acme Labs', 'University of Nowhere'] },
      { name: 'John Roe', surface: 'John Roe', affiliations: ['University of Nowhere'] },
      { name: 'Ann Lee', surface: 'Ann Lee', affiliations: ['Institute for Tests'] },
      { name: 'Bo Chen', surface: 'Bo Chen', affiliations: ['Acme Labs', 'University of Nowhere'] },
    ]);
  });

  it('pairs Distill-style author and affiliation lists by position', () => {
    const src = '---\nauthors:\n  - Chris Doe: https://example.org/cd\n  - Ann Lee: https://example.org/al\naffiliations:\n  - Acme Labs: https://acme.example\n  - Other Lab: https://other.example\n---\n';
    expect(readFrontMatter(src)!.authors.map((a) => [a.name, a.affiliations])).toEqual([['Chris Doe', ['Acme Labs']], ['Ann Lee', ['Other Lab']]]);
  });

  it('reads TOML front matter', () => {
    const fm = readFrontMatter('+++\ntitle = "Circuits"\nauthors = ["Doe, Jane", "Roe, R."]\ndate = 2020-03-10\ntags = ["interpretability"]\n+++\nText')!;
    expect([fm.title, fm.authors.map((a) => a.name), fm.date, fm.keywords]).toEqual(['Circuits', ['Jane Doe', 'R. Roe'], '2020-03-10', ['interpretability']]);
  });

  it('leaves a leading horizontal rule or unparsable block alone', () => {
    expect(readFrontMatter('---\nJust a rule, then prose: not a mapping\n---\n')).toBeUndefined();
    expect(readFrontMatter('---\nkey: [unclosed\n---\n')).toBeUndefined();
    expect(readFrontMatter('No front matter\n---\n')).toBeUndefined();
  });

  it('tells "Last, First" from a list of names', () => {
    expect(['Doe, Jane', 'van der Berg, Jan', 'Doe, J. R.', 'Jane Doe, John Roe', 'Doe, Jr.'].map(isLastFirst)).toEqual([true, true, true, false, false]);
    expect(personName('van der Berg, Jan')).toBe('Jan van der Berg');
    expect(splitAuthorString('Doe, Jane and Roe, Rick')).toEqual(['Doe, Jane', 'Roe, Rick']);
    expect(splitAuthorString('Jane Doe, John Roe and Ann Lee')).toEqual(['Jane Doe', 'John Roe', 'Ann Lee']);
  });

  it('becomes the document metadata of a markdown file, keeping the block in the text', () => {
    const raw = '---\ntitle: Sleeper Notes\nauthor: "Hubinger, Evan"\ntags: [backdoors]\n---\n\n# Sleeper Notes\n\nWe study backdoors.\n';
    const doc = buildDocument('mem://n.md', 'n.md', raw, 'markdown');
    expect(doc.meta.title).toBe('Sleeper Notes');
    expect(doc.meta.author).toBe('Evan Hubinger');
    expect(doc.meta.authors).toEqual([{ name: 'Evan Hubinger', surface: 'Hubinger, Evan', affiliations: [] }]);
    expect(doc.meta.keywords).toEqual(['backdoors']);
    expect(doc.text.startsWith('---\ntitle: Sleeper Notes')).toBe(true);
  });
});
