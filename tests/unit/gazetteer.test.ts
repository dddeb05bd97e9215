// The run-wide gazetteer: names from structured signals, found again in other documents' running text.
import { describe, expect, it } from 'vitest';
import { addName, applyGazetteer, buildGazetteer, emptyGazetteer } from '../../ingest/4-resolve/gazetteer.ts';
import { lexicon, runBatch } from './extract/helpers.ts';
import { buildDocument } from '../../ingest/1-load/index.ts';
import { segment } from '../../ingest/2-segment/index.ts';

const bib = '# A Benchmark\n\n```\n@article{n2023, title={Progress Measures for Grokking via Mechanistic Interpretability}, author={Nanda, Neel and Chan, Lawrence}}\n```\n';

describe('gazetteer', () => {
  it('learns full names from BibTeX and finds them, and a unique surname, in another document', () => {
    const r = runBatch([{ name: 'a.md', text: bib }, { name: 'b.md', text: 'As Nanda shows, the work of Lawrence Chan on grokking matters.\n' }]);
    const b = r.items[1].doc.id;
    const inB = r.mentions.filter((m) => m.passageId.startsWith(b) && m.type === 'Person').sort((x, y) => x.start - y.start);
    expect(inB.map((m) => [m.text, r.entities.find((e) => e.id === m.entityId)?.name])).toEqual([['Nanda', 'Neel Nanda'], ['Lawrence Chan', 'Lawrence Chan']]);
    expect(inB[0].method).toBe('gazetteer-surname');
    // one entity per person across both documents
    expect(r.entities.filter((e) => e.type === 'Person').map((e) => e.name).sort()).toEqual(['Lawrence Chan', 'Neel Nanda']);
  });

  it('leaves a surname alone when two people of the run have it, or when it is part of another name', () => {
    const g = emptyGazetteer();
    addName(g, 'Person', 'Neel Nanda');
    addName(g, 'Person', 'Priya Nanda');
    addName(g, 'Person', 'Ada Lovelace');
    const text = 'Nanda argues. Lovelace agrees, but Augusta Lovelace does not.';
    const doc = buildDocument('/t/c.md', 'c.md', text, 'markdown');
    const x = applyGazetteer(g, doc, segment(doc), { mentions: [], relations: [] }, lexicon());
    expect(x.mentions.map((m) => [m.text, m.canonical, m.start])).toEqual([['Lovelace', 'Ada Lovelace', 14]]);
  });

  it('keeps only structured names, and people with a first and last name', () => {
    const g = buildGazetteer([{ relations: [], mentions: [
      { passageId: 'p', start: 0, end: 4, text: 'Jane', type: 'Person', method: 'bibtex-author', confidence: 0.9 },
      { passageId: 'p', start: 0, end: 8, text: 'Jane Doe', type: 'Person', method: 'compromise', confidence: 0.6 },
      { passageId: 'p', start: 0, end: 8, text: 'Roe, Rick', canonical: 'Rick Roe', type: 'Person', method: 'bibtex-author', confidence: 0.9 },
    ] }]);
    expect([...g.byKey.values()]).toEqual([{ type: 'Person', name: 'Rick Roe' }]);
  });
});
