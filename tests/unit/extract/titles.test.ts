import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

const papers = (text: string) => run(text).x.mentions.filter((m) => m.type === 'Paper').map((m) => m.text);

describe('titles of papers and posts', () => {
  it('quoted titles: colon form, or followed by "paper"/"post", or Title Case after a cue', () => {
    expect(papers('Following on from our recent paper, “ Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training ”, I am excited.'))
      .toEqual(['Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training']);
    expect(papers('Check out our “Sleeper Agents” paper.')).toEqual(['Sleeper Agents']);
    expect(papers('See the section on communication in "improving the welfare of AIs: a near casted proposal".'))
      .toEqual(['improving the welfare of AIs: a near casted proposal']);
  });

  it('scare quotes, quoted sentences and code are not titles', () => {
    expect(papers('I think we are already in a "wisdom deficit" where we lack knowledge.')).toEqual([]);
    expect(papers('Why @evhub wrote "I’m less concerned about this; I think it’s relatively easy to give AIs outs."')).toEqual([]);
    expect(papers('Use style="height: auto; width: 300px" here.')).toEqual([]);
    expect(papers('The "positive" approaches versus "negative" ones.')).toEqual([]);
  });

  it('unquoted Title Case colon titles after a cue word', () => {
    expect(papers('However, as I argue at further length in A Sense of Fairness: Deconfusing Ethics, if an AI is aligned.'))
      .toEqual(['A Sense of Fairness: Deconfusing Ethics']);
    // no cue: a heading-like line with a colon is not a citation
    expect(papers('Part One: The Problem Statement')).toEqual([]);
  });

  it('linkposts name the paper, which then STUDIES the models its passage uses', () => {
    const r = run('This is a linkpost for Sparse Autoencoders Find Highly Interpretable Directions in Language Models We use Sparse Autoencoders to find monosemantic features in real LLMs (Pythia-70M/410M).');
    expect(r.x.mentions.filter((m) => m.type === 'Paper').map((m) => m.text)).toEqual(['Sparse Autoencoders Find Highly Interpretable Directions in Language Models']);
    expect(r.relations).toEqual(expect.arrayContaining([
      'STUDIES Paper:Sparse Autoencoders Find Highly Interpretable Directions in Language Models -> Model:Pythia-70M',
      'STUDIES Paper:Sparse Autoencoders Find Highly Interpretable Directions in Language Models -> Model:Pythia-410M',
      'ABOUT Paper:Sparse Autoencoders Find Highly Interpretable Directions in Language Models -> Concept:sparse autoencoder',
      'CITES DOC -> Paper:Sparse Autoencoders Find Highly Interpretable Directions in Language Models',
    ]));
  });

  it('"A and B’s post on TOPIC": a paper written by both, about the topic', () => {
    const r = run('I’d also recommend Buck and Ryan’s post on meta-level adversarial evaluation as a good description.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Buck -> Paper:Buck and Ryan’s post on meta-level adversarial evaluation',
      'AUTHORED Person:Ryan -> Paper:Buck and Ryan’s post on meta-level adversarial evaluation',
      'ABOUT Paper:Buck and Ryan’s post on meta-level adversarial evaluation -> Concept:meta-level adversarial evaluation',
    ]));
  });

  it('a paper named "X: …" is ABOUT the concepts in its title and distinct from them', () => {
    const r = run('Our recent paper, “Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training”, is out.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'ABOUT Paper:Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training -> Concept:sleeper agents',
    ]));
    expect(r.mentions).toEqual(expect.arrayContaining(['Concept:Sleeper Agents', 'Paper:Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training']));
  });

  it('"our paper" is AUTHORED by the byline author', () => {
    const r = run('# Post\nBy evhub\n\nFollowing on from our recent paper, “Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training”, we start.');
    expect(r.relations).toContain('AUTHORED Person:Evan Hubinger -> Paper:Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training');
  });

  it('a quoted title needs no cue word when it is a known paper or three title-cased words', () => {
    const known = run('Our first project builds on "Toy Models of Superposition" and extends it.');
    expect(known.mentions).toContain('Paper:Toy Models of Superposition');
    const unknown = run('This extends “Measuring Feature Sparsity Across Layers” to larger models.');
    expect(unknown.mentions).toContain('Paper:Measuring Feature Sparsity Across Layers');
    // scare quotes and quoted phrases stay out
    expect(run('We are in a "wisdom deficit" today.').mentions.filter((m) => m.startsWith('Paper'))).toEqual([]);
    expect(run('He said "Come Here Now." and left.').mentions.filter((m) => m.startsWith('Paper'))).toEqual([]);
  });
});
