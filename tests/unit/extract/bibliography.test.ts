// BibTeX entries, author–year citations and reference-list entries, as pure readers of text.
import { describe, expect, it } from 'vitest';
import { bibEntries, venueName } from '../../../ingest/3-extract/signals/bibtex.ts';
import { authorYearCitations, referenceEntry } from '../../../ingest/3-extract/signals/citations.ts';

const BIB = [
  'Cite as:', '```', '@inproceedings{doe2019,',
  '    title={{HellaSwag}: Can a Machine Really Finish Your Sentence?},',
  '    author={Zellers, Rowan and Holtzman, Ari and {\\"O}zt{\\"u}rk, Jan and van der Berg, Jan and others},',
  '    editor={Smith, John},', '    booktitle ={Proceedings of ACL},', '    year={2019}', '}',
  '@misc{x, title = "Scaling Laws", author = "Ilya Sutskever and J. Doe", journal={arXiv preprint arXiv:2001.08361}, year=2020}',
  '@article{broken, title={Unclosed', '```',
].join('\n');

describe('BibTeX entries', () => {
  const entries = bibEntries(BIB);
  it('parses title, authors (not editors), venue and year, with spans on the raw text', () => {
    expect(entries.map((e) => e.key)).toEqual(['doe2019', 'x']);
    const [a, b] = entries;
    expect(a.title?.value).toBe('HellaSwag: Can a Machine Really Finish Your Sentence?');
    expect(BIB.slice(a.title!.start, a.title!.end)).toBe('{HellaSwag}: Can a Machine Really Finish Your Sentence?');
    expect(a.authors.map((x) => [x.name, BIB.slice(x.start, x.end)])).toEqual([
      ['Rowan Zellers', 'Zellers, Rowan'], ['Ari Holtzman', 'Holtzman, Ari'], ['Jan Öztürk', '{\\"O}zt{\\"u}rk, Jan'], ['Jan van der Berg', 'van der Berg, Jan'],
    ]);
    expect(a.venue?.value).toBe('Proceedings of ACL');
    expect(a.year).toBe('2019');
    expect(b.authors.map((x) => x.name)).toEqual(['Ilya Sutskever', 'J. Doe']);
    expect([b.venue?.value, b.year]).toEqual(['arXiv', '2020']);
  });

  it('names venues', () => {
    expect([venueName('arXiv preprint arXiv:1905.07830'), venueName('CoRR'), venueName('2020')]).toEqual(['arXiv', 'CoRR', undefined]);
  });
});

describe('author–year citations', () => {
  it('reads parenthetical, bracketed, narrative and multiple citations', () => {
    const t = 'Transformers (Vaswani et al., 2017) and heads [Olsson et al., 2022]. Elhage et al. (2021) agree; see (Ng and Russell, 2000; Hadfield-Menell et al., 2016) and van der Berg (2019).';
    expect(authorYearCitations(t).map((c) => [c.surnames.map((s) => t.slice(s.start, s.end)), c.year, c.etAl])).toEqual([
      [['Vaswani'], '2017', true], [['Olsson'], '2022', true], [['Elhage'], '2021', true],
      [['Ng', 'Russell'], '2000', false], [['Hadfield-Menell'], '2016', true], [['van der Berg'], '2019', false],
    ]);
  });

  it('ignores years that are not citations', () => {
    expect(authorYearCitations('In 2021 (or July 2022) we released Version 2020 of the tool.')).toEqual([]);
  });
});

describe('reference-list entries', () => {
  const read = (r: string) => {
    const e = referenceEntry(r);
    return e && { authors: e.authors.map((a) => [a.name, r.slice(a.start, a.end)]), title: r.slice(e.title.start, e.title.end), year: e.year };
  };
  it('numbered, with initials and a wrapped line', () => {
    expect(read('[3] E. Todorov, T. Erez, and Y. Tassa. MuJoCo: A physics engine for model-based\ncontrol. In IROS, 2012.')).toEqual({
      authors: [['E. Todorov', 'E. Todorov'], ['T. Erez', 'T. Erez'], ['Y. Tassa', 'Y. Tassa']], title: 'MuJoCo: A physics engine for model-based\ncontrol', year: undefined,
    });
  });
  it('numbered, with full names', () => {
    expect(read('[1] Jeff Donahue and Karen Simonyan. Large Scale Adversarial Representation Learning. NeurIPS 2019.')?.authors.map((a) => a[0])).toEqual(['Jeff Donahue', 'Karen Simonyan']);
  });
  it('APA', () => {
    expect(read('Doe, J., & Roe, R. B. (2020). Learning to summarize from human feedback. NeurIPS.')).toEqual({
      authors: [['J. Doe', 'Doe, J.'], ['R. B. Roe', 'Roe, R. B.']], title: 'Learning to summarize from human feedback', year: '2020',
    });
  });
  it('not a product name in brackets', () => {
    expect(read('[2] ShadowRobot, Shadow Dexterous Hand.')).toBeUndefined();
  });
});
