import { describe, expect, it } from 'vitest';
import { runBatch } from './helpers.ts';

describe('resolution', () => {
  it('acronyms, plurals, case, hyphenation and possessives meet in one entity', () => {
    const b = runBatch([
      { name: 'a.md', text: 'We train sparse autoencoders. An SAE is sparse. SAEs and Sparse Autoencoders agree. Red teaming and red-teaming, and Anthropic’s team.' },
    ]);
    const sae = b.entities.filter((e) => e.id === 'concept:sparse-autoencoder');
    expect(sae).toHaveLength(1);
    expect(b.mentions.filter((m) => m.entityId === 'concept:sparse-autoencoder').map((m) => m.text).sort())
      .toEqual(['SAE', 'SAEs', 'Sparse Autoencoders', 'sparse autoencoders']);
    expect(b.entities.filter((e) => e.id === 'concept:red-teaming')).toHaveLength(1);
    expect(b.entities.map((e) => e.id)).toContain('organization:anthropic');
  });

  it('entities merge across documents with deterministic ids, and keep their aliases', () => {
    const docs = [
      { name: 'a.md', text: 'The Alignment Stress-Testing team at Anthropic studies deceptive alignment.' },
      { name: 'b.md', text: 'Anthropic’s Alignment Stress-Testing team tests RLHF.' },
    ];
    const one = runBatch(docs);
    const two = runBatch([...docs].reverse());
    expect(one.entities.map((e) => e.id)).toEqual(two.entities.map((e) => e.id));
    const team = one.entities.find((e) => e.id === 'organization:anthropic-alignment-stress-testing-team');
    expect(team?.aliases).toContain('Alignment Stress-Testing team');
    expect(one.relations.filter((r) => r.type === 'PART_OF')[0].evidence).toHaveLength(2);
  });

  it('a bare team name attaches to the one organisation that has such a team', () => {
    const b = runBatch([
      { name: 'a.md', text: 'Anthropic’s Interpretability team wrote it.' },
      { name: 'b.md', text: 'Later the Interpretability team replied.' },
    ]);
    expect(b.entities.filter((e) => /interpretability-team/.test(e.id)).map((e) => e.id)).toEqual(['organization:anthropic-interpretability-team']);
  });

  it('a short title stands for the full "Title: subtitle" in the same batch; the concept stays separate', () => {
    const b = runBatch([
      { name: 'a.md', text: 'Our recent paper, “Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training”, is out.' },
      { name: 'b.md', text: 'Check out our “Sleeper Agents” paper about sleeper agents.' },
    ]);
    const papers = b.entities.filter((e) => e.type === 'Paper');
    expect(papers).toHaveLength(1);
    expect(b.entities.filter((e) => e.id === 'concept:sleeper-agent')).toHaveLength(1);
    expect(b.relations.some((r) => r.type === 'ABOUT' && r.from.id === papers[0].id && r.to.id === 'concept:sleeper-agent')).toBe(true);
  });

  it('a first name joins the one full name with it in the same document only', () => {
    const b = runBatch([
      { name: 'a.md', text: 'Thanks to Buck Shlegeris for comments. Buck and Ryan’s post on control is good.' },
      { name: 'b.md', text: 'Buck and Ryan’s post on debate is good.' },
    ]);
    const a = b.mentions.filter((m) => m.text === 'Buck').map((m) => m.entityId).sort();
    expect(a).toEqual(['person:buck', 'person:buck-shlegeris']);
  });

  it('a name with a middle initial or a given name\'s long form is one person with its plainer forms across documents', () => {
    const b = runBatch([
      { name: 'a.md', text: 'Thanks to Jonathan P. Harwood and Margaret Ellery for comments.' },
      { name: 'b.md', text: 'Thanks to Jon Harwood and Maggie Ellery for comments.' },
      { name: 'c.md', text: 'Thanks to Jonathan Harwood for comments.' },
    ]);
    const people = (t: string) => [...new Set(b.mentions.filter((m) => m.text === t).map((m) => m.entityId))];
    const harwood = people('Jonathan P. Harwood');
    expect(harwood).toHaveLength(1);
    expect(people('Jon Harwood')).toEqual(harwood);
    expect(people('Jonathan Harwood')).toEqual(harwood);
    expect(people('Maggie Ellery')).toEqual(people('Margaret Ellery'));
    expect(b.entities.filter((e) => e.type === 'Person')).toHaveLength(2);
  });

  it('plainer forms merge nothing when two people could be meant', () => {
    const b = runBatch([
      { name: 'a.md', text: 'Thanks to Alexander Marsh and Alexandra Marsh for comments.' },
      { name: 'b.md', text: 'Thanks to Alex Marsh for comments. Thanks to Jonathan P. Harwood and Jonathan Q. Harwood.' },
      { name: 'c.md', text: 'Thanks to Jonathan Harwood for comments.' },
    ]);
    const ids = (t: string) => [...new Set(b.mentions.filter((m) => m.text === t).map((m) => m.entityId))];
    expect(ids('Alex Marsh')).toEqual(['person:alex-marsh']);
    expect(ids('Jonathan Harwood')).toEqual(['person:jonathan-harwood']);
    expect(b.entities.filter((e) => e.type === 'Person')).toHaveLength(6);
  });

  it('every relation carries evidence whose sentence is the document text at its span', () => {
    const b = runBatch([{ name: 'a.md', text: '# T\nBy evhub\n\nThanks to Jake Mendel for comments. We study alignment faking.' }]);
    const doc = b.items[0].doc;
    expect(b.relations.length).toBeGreaterThan(2);
    for (const r of b.relations) for (const e of r.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.sentence);
    for (const m of b.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  });
});
