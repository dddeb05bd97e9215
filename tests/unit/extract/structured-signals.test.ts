// Structured signals inside extract(): front-matter and HTML metadata authors, BibTeX blocks, citations.
import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('metadata authors', () => {
  it('front matter: "Last, First" authors on their real span, affiliations by index, keywords as ABOUT', () => {
    const r = run('---\ntitle: Notes on Probing\nauthors:\n  - name: "Doe, Jane"\n    affiliations: [1]\naffiliations:\n  - name: Acme Labs\ntags: [linear probes]\n---\n\nWe train linear probes.\n');
    const jane = r.x.mentions.find((m) => m.method === 'metadata-author')!;
    expect([jane.text, jane.canonical, r.doc.text.slice(jane.start, jane.end)]).toEqual(['Doe, Jane', 'Jane Doe', 'Doe, Jane']);
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Jane Doe -> DOC', 'AFFILIATED_WITH Person:Jane Doe -> Organization:Acme Labs', 'ABOUT DOC -> Concept:linear probe',
    ]));
  });

  it('HTML: Highwire authors with institutions become mentions on the metadata lines', () => {
    const r = run('<html><head><meta name="citation_title" content="Probing Probes"><meta name="citation_author" content="Roe, Rick"><meta name="citation_author_institution" content="Acme Labs"></head><body><h1>Probing Probes</h1><p>Text.</p></body></html>', { format: 'html', name: 'p.html' });
    expect(r.mentions).toEqual(expect.arrayContaining(['Person:Rick Roe', 'Organization:Acme Labs']));
    expect(r.relations).toEqual(expect.arrayContaining(['AUTHORED Person:Rick Roe -> DOC', 'AFFILIATED_WITH Person:Rick Roe -> Organization:Acme Labs']));
  });
});

describe('BibTeX in a README', () => {
  const text = '# Some Benchmark\n\nTitle: Some Benchmark for Tests\n\n### Citation\n\n```\n@article{roe2020,\n  title={{Grokking} Beyond Toy Tasks},\n  author={Roe, Rick and van der Berg, Jan},\n  editor={Smith, John},\n  journal={arXiv preprint arXiv:2001.00001},\n  year={2020}\n}\n```\n';
  const r = run(text);
  it('gives the paper, its authors (not the editor), AUTHORED, the venue and CITES, with the entry as evidence', () => {
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Rick Roe -> Paper:Grokking Beyond Toy Tasks',
      'AUTHORED Person:Jan van der Berg -> Paper:Grokking Beyond Toy Tasks',
      'CITES DOC -> Paper:Grokking Beyond Toy Tasks',
    ]));
    expect(r.relations.filter((x) => x.includes('John Smith') || x.includes('Smith, John'))).toEqual([]);
    expect(r.x.mentions.filter((m) => m.method === 'bibtex-venue').map((m) => m.canonical)).toEqual(['arXiv']);
    const ev = r.x.relations.find((x) => x.type === 'CITES' && x.evidence.method === 'bibtex')!.evidence;
    expect(r.doc.text.slice(ev.start, ev.end)).toMatch(/^@article\{roe2020,[\s\S]*year=\{2020\}/);
  });

  it('an entry that is the document itself is not cited by it', () => {
    const self = run('Title: Grokking Beyond Toy Tasks\n\n```\n@article{r, title={Grokking Beyond Toy Tasks}, author={Roe, Rick}}\n```\n');
    expect(self.x.relations.filter((x) => x.type === 'CITES' && x.evidence.method === 'bibtex')).toEqual([]);
    expect(self.relations).toContain('AUTHORED Person:Rick Roe -> Paper:Grokking Beyond Toy Tasks');
  });
});

describe('citations', () => {
  it('reading list: `1. "Title" (Author et al., Year)` gives the paper, the surname with its citation form, AUTHORED and CITES', () => {
    const r = run('Reading list:\n\n1. "Toy Models of Superposition" (Elhage et al., 2022)\n2. "In-context Learning and Induction Heads" (Olsson et al., 2022)\n');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Elhage -> Paper:Toy Models of Superposition', 'CITES DOC -> Paper:Toy Models of Superposition',
      'AUTHORED Person:Olsson -> Paper:In-context Learning and Induction Heads', 'CITES DOC -> Paper:In-context Learning and Induction Heads',
    ]));
    expect(r.mentions).toContain('Person:Elhage et al.');
  });

  it('a list line that describes rather than names gives no paper', () => {
    const r = run('Data:\n\n- Collected and manually annotated with Prolog (Zelle and Mooney, 1996)\n- Questions converted to SQL by hand (Iyer et al., 2017)\n');
    expect(r.mentions.filter((m) => m.startsWith('Paper:'))).toEqual([]);
    expect(r.mentions).toEqual(expect.arrayContaining(['Person:Zelle', 'Person:Mooney', 'Person:Iyer et al.']));
  });

  it('inline citations without a title give the cited people only', () => {
    const r = run('Attention is all you need, as shown before (Vaswani et al., 2017; Ng and Russell, 2000).');
    expect(r.mentions).toEqual(expect.arrayContaining(['Person:Vaswani et al.', 'Person:Ng', 'Person:Russell']));
    expect(r.relations.filter((x) => x.startsWith('CITES') || x.startsWith('AUTHORED'))).toEqual([]);
  });

  it('a numbered reference entry gives the paper and its authors', () => {
    const r = run('## References\n\n[1] E. Todorov, T. Erez, and Y. Tassa. MuJoCo: A physics engine for model-based\ncontrol. In IROS, 2012.\n');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:E. Todorov -> Paper:MuJoCo: A physics engine for model-based control',
      'AUTHORED Person:Y. Tassa -> Paper:MuJoCo: A physics engine for model-based control',
      'CITES DOC -> Paper:MuJoCo: A physics engine for model-based control',
    ]));
  });
});
