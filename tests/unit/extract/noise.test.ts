import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('noise rejection', () => {
  it('page chrome, headings, job titles and pronouns never become entities', () => {
    const r = run(`Skip to content
Longterm Wiki
Back

Key Points

Cached Content Preview

We are primarily looking for Research Engineers and Research Scientists. They said it. Notably, our team’s scope is this work on the paper.`);
    expect(r.mentions).toEqual(['Organization:Longterm Wiki']);
  });

  it('possessives do not leak into names: "Anthropic’s" is Anthropic', () => {
    const r = run('We red-team Anthropic’s alignment techniques and Anthropic\'s plans.');
    expect(r.mentions.filter((m) => m.startsWith('Organization:'))).toEqual(['Organization:Anthropic', 'Organization:Anthropic']);
  });

  it('capitalised aliases do not match lower-case words; ambiguous ones need context', () => {
    expect(run('Meta-level red-teaming seems like a key part of it.').mentions.filter((m) => m.startsWith('Organization:'))).toEqual([]);
    expect(run('Meta released Llama 3 and Meta AI uses it.').mentions).toContain('Organization:Meta');
    expect(run('Meta-level red-teaming seems like a key part of it.').mentions).toContain('Concept:red-teaming');
  });

  it('eponyms, generic capitalised phrases and "Title: subtitle" lines of the document title are skipped', () => {
    const r = run('We apply Gram-Schmidt orthogonalization and Monte Carlo sampling. Max Memory Allocated is 3 GB.');
    expect(r.mentions.filter((m) => m.startsWith('Person:'))).toEqual([]);
    expect(r.mentions).toContain('Concept:Monte Carlo');
  });

  it('organisation head words need a distinctive name', () => {
    const r = run('This is Alignment Research at its best, funded by the Quokka Foundation and Stanford University.');
    expect(r.mentions.filter((m) => m.startsWith('Organization:')).sort()).toEqual(['Organization:Quokka Foundation', 'Organization:Stanford University']);
  });
});
