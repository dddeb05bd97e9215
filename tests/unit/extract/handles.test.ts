import { describe, expect, it } from 'vitest';
import { run, runBatch } from './helpers.ts';

describe('@handles and bylines', () => {
  it('an @handle is a Person named by the handle', () => {
    const r = run('Thus I find it hard to understand why @some_user wrote that.');
    expect(r.x.mentions.find((m) => m.method === 'handle')).toMatchObject({ type: 'Person', text: 'some_user' });
  });

  it('emails, npm scopes and code annotations are not handles', () => {
    const r = run('Write to alice@example.com or install @types/node.\n\n```\n@dataclass\nclass A: pass\n```');
    expect(r.x.mentions.filter((m) => m.method === 'handle')).toEqual([]);
  });

  it('"By X" in the header is the author: AUTHORED → the document', () => {
    const r = run('# A post\nBy some_user\n\nBody text about red-teaming.');
    expect(r.relations).toContain('AUTHORED Person:some_user -> DOC');
    expect(run('# A post\n\nBy default, LLMs are trained on human behavior.').relations.filter((x) => x.startsWith('AUTHORED'))).toEqual([]);
  });

  it('"Authors: A, B and C" header lines give one author each', () => {
    const r = run('A Study of Things\nAuthors: Jane Doe, John Roe and Ada Lovelace\nDate: 2025-01-01\n\nWe study things.', { format: 'text', name: 'a.txt' });
    const authors = r.relations.filter((x) => x.startsWith('AUTHORED')).sort();
    expect(authors).toEqual(['AUTHORED Person:Ada Lovelace -> DOC', 'AUTHORED Person:Jane Doe -> DOC', 'AUTHORED Person:John Roe -> DOC']);
  });

  it('a handle merges with a full name only where the lexicon links them', () => {
    const b = runBatch([
      { name: 'a.md', text: 'As @evhub argued, deceptive alignment is hard.' },
      { name: 'b.md', text: 'Evan Hubinger leads the Alignment Stress-Testing team.' },
      { name: 'c.md', text: 'As @jane_doe argued on the forum, the point made by Jane Doe stands.' },
    ]);
    const people = b.entities.filter((e) => e.type === 'Person');
    expect(people.find((e) => e.name === 'Evan Hubinger')?.aliases).toContain('evhub');
    // no text or lexicon links the handle jane_doe with the name Jane Doe: two entities
    expect(people.map((e) => e.id)).toEqual(expect.arrayContaining(['person:jane_doe', 'person:jane-doe']));
  });
});
