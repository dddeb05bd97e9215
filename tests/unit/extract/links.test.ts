import { describe, expect, it } from 'vitest';
import { paperTarget, slugToTitle } from '../../../ingest/3-extract/signals/links.ts';
import { run, runBatch } from './helpers.ts';

describe('hyperlinks', () => {
  it('reads titles from post and paper URLs', () => {
    expect(paperTarget('https://www.alignmentforum.org/posts/MbWWKbyD5gLhJgfwn/meta-level-adversarial-evaluation-of-oversight-techniques-1')?.slugTitle)
      .toBe('Meta level adversarial evaluation of oversight techniques');
    expect(paperTarget('https://www.anthropic.com/index/core-views-on-ai-safety')?.slugTitle).toBe('Core views on ai safety');
    expect(paperTarget('https://arxiv.org/abs/2310.12345v2')?.key).toBe('arxiv-2310.12345');
    expect(paperTarget('https://example.org/files/responsible-scaling-policy-1.0.pdf')?.slugTitle).toBe('Responsible scaling policy 1.0');
    expect(slugToTitle('2014-07-Conv-Nets-Modular')).toBe('Conv Nets Modular');
  });

  it('careers pages, profiles, repositories and ids are not papers', () => {
    for (const u of ['https://www.anthropic.com/careers#open-roles', 'https://github.com/a/b', 'https://twitter.com/x',
      'https://www.lesswrong.com/posts/ZAsJv7xijKTfZkMtr', 'https://ai.google/research/join-us/ai-residency/']) {
      expect(paperTarget(u)).toBeNull();
    }
  });

  it('LINKS_TO the document’s linked papers; a non-title anchor is not an alias', () => {
    const r = run('We are in a [pessimistic scenario](https://www.anthropic.com/index/core-views-on-ai-safety), see [the Sleeper Agents paper](https://arxiv.org/abs/2401.05566).');
    expect(r.relations).toContain('LINKS_TO DOC -> Paper:Core views on ai safety');
    const m = r.x.mentions.find((x) => x.text === 'pessimistic scenario' && x.type === 'Paper');
    expect(m).toMatchObject({ canonical: 'Core views on ai safety', surfaceNotAlias: true });
  });

  it('links with the same URL are one paper, named by the title-like anchor', () => {
    const href = 'https://www.alignmentforum.org/posts/ZAsJv7xijKTfZkMtr/sleeper-agents-training-deceptive-llms-that-persist-through';
    const b = runBatch([{ name: 'a.md', text: `Our paper, “[Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training](${href})”. Our “[Sleeper Agents](${href})” paper.` }]);
    const papersFound = b.entities.filter((e) => e.type === 'Paper');
    expect(papersFound).toHaveLength(1);
    expect(papersFound[0].name).toBe('Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training');
  });
});

describe('site pages with a short slug', () => {
  it('a title-like anchor names a Distill article whose slug is too short to', () => {
    const r = run('See [Differentiable Image Parameterizations](https://distill.pub/2018/differentiable-parameterizations/) and [this](https://distill.pub/2018/building-blocks/).');
    expect(r.x.mentions.filter((m) => m.type === 'Paper').map((m) => `${m.text}:${m.method}`)).toEqual(['Differentiable Image Parameterizations:link-title']);
  });
});
