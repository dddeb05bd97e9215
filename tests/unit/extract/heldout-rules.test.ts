// Rules added after reading held-out forum posts, wiki pages, abstracts and comment threads: one spec per rule.
import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

const of = (r: { mentions: string[] }, type: string) => r.mentions.filter((m) => m.startsWith(`${type}:`));

describe('author lists', () => {
  it('a middle initial does not drop a name from an "Authors:" line', () => {
    const r = run('Some Paper Title\nAuthors: Ethan Perez, Samuel R. Bowman, Jane Q. Doe and Evan Hubinger\n\nWe study things.', { format: 'text', name: 'a.txt' });
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Samuel R. Bowman -> DOC', 'AUTHORED Person:Jane Q. Doe -> DOC', 'AUTHORED Person:Ethan Perez -> DOC',
    ]));
  });
});

describe('affiliations', () => {
  it('"A and B (Org)": the pair shares the parenthetical; a comma list does not', () => {
    const r = run('In this post, Buck Shlegeris and Ryan Greenblatt (Redwood) argue that control is tractable.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AFFILIATED_WITH Person:Buck Shlegeris -> Organization:Redwood Research',
      'AFFILIATED_WITH Person:Ryan Greenblatt -> Organization:Redwood Research',
    ]));
    const list = run('Thanks to Jane Smith, Tom Lee and Ryan Greenblatt (Redwood Research) for comments.');
    expect(list.relations.filter((x) => x.startsWith('AFFILIATED_WITH'))).toEqual(['AFFILIATED_WITH Person:Ryan Greenblatt -> Organization:Redwood Research']);
  });

  it('"ORG researchers A, B and C": a plural role introduces a list', () => {
    const r = run('OpenAI researchers Geoffrey Irving, Paul Christiano and Dario Amodei wrote the original paper.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AFFILIATED_WITH Person:Geoffrey Irving -> Organization:OpenAI',
      'AFFILIATED_WITH Person:Paul Christiano -> Organization:OpenAI',
      'AFFILIATED_WITH Person:Dario Amodei -> Organization:OpenAI',
    ]));
    // a singular role names one person only
    expect(run('OpenAI researcher Jan Leike and Paul Christiano met.').relations).toEqual(['AFFILIATED_WITH Person:Jan Leike -> Organization:OpenAI']);
  });

  it('"X is a ROLE at ORG", "X works at ORG"', () => {
    expect(run('Jane Smith is a research scientist at Apollo Research.').relations).toContain('AFFILIATED_WITH Person:Jane Smith -> Organization:Apollo Research');
    expect(run('Jane Smith works at Redwood Research on control.').relations).toContain('AFFILIATED_WITH Person:Jane Smith -> Organization:Redwood Research');
    expect(run('Jane Smith is a fan of Anthropic.').relations).toEqual([]);
  });
});

describe('teams', () => {
  it('a lower-case team after its organisation: "the Google DeepMind safety team"', () => {
    const r = run('This was joint work with the Google DeepMind mechanistic interpretability team, led by Neel Nanda.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'PART_OF Organization:Google DeepMind Mechanistic Interpretability team -> Organization:Google DeepMind',
      'LEADS Person:Neel Nanda -> Organization:Google DeepMind Mechanistic Interpretability team',
    ]));
    expect(run('Anthropic’s alignment team published it.').relations).toContain('PART_OF Organization:Anthropic Alignment team -> Organization:Anthropic');
    // no organisation before it, or only an adjective: no team
    expect(of(run('The new safety team met. Anthropic’s new team is small.'), 'Organization').filter((m) => m.includes('team'))).toEqual([]);
  });

  it('"led by A and B": both lead', () => {
    const r = run('The OpenAI Superalignment team, led by Jan Leike and Ilya Sutskever, finds that weak supervisors help.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'LEADS Person:Jan Leike -> Organization:OpenAI Superalignment team',
      'LEADS Person:Ilya Sutskever -> Organization:OpenAI Superalignment team',
    ]));
  });
});

describe('titles', () => {
  it('a descriptor’s topic ends at the clause verb', () => {
    const r = run("METR's recent report on autonomous replication found that models fail at long tasks.");
    expect(of(r, 'Paper')).toEqual(["Paper:METR's recent report on autonomous replication"]);
  });

  it('an anaphoric topic ("post on the topic") is no paper', () => {
    expect(of(run("See also Rohin Shah's post on the topic and other work."), 'Paper')).toEqual([]);
  });

  it('a colon label before a lower-case sentence is no title', () => {
    expect(of(run('Relevant: in our Sleeper Agents paper we found that training hides backdoors.'), 'Paper')).toEqual(['Paper:Sleeper Agents']);
  });

  it('papers the lexicon knows, unquoted: full title, or short title + paper noun', () => {
    const r = run('Work like Toy Models of Superposition is beautiful. Anthropic’s Scaling Monosemanticity work extracted features. In our Sleeper Agents paper we found more.');
    expect(r.x.mentions.filter((m) => m.type === 'Paper').map((m) => m.canonical)).toEqual([
      'Toy Models of Superposition',
      'Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet',
      'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
    ]);
    // a bare short title is the concept, not the paper
    expect(of(run('Sleeper agents are a worry. Sleeper Agents can persist.'), 'Paper')).toEqual([]);
  });

  it('"our paper" inside a comment thread is not the post author’s', () => {
    const r = run('# A post\nBy Jane Smith\n\nI doubt it.\n\n## Comments\n\nevhub:\n\nIn our “Sleeper Agents” paper we found that it persists.');
    expect(r.relations.filter((x) => x.startsWith('AUTHORED Person:Jane Smith -> Paper'))).toEqual([]);
  });
});

describe('models studied', () => {
  it('a model in the document title is studied', () => {
    const r = run('# Attribution Graphs Reveal Planning in Claude 3.5 Haiku\nBy Jane Smith\n\nWe look at rhymes.');
    expect(r.relations).toContain('STUDIES DOC -> Model:Claude 3.5 Haiku');
  });

  it('"Our results show that MODEL …", "our new paper finds … MODEL"', () => {
    expect(run('Our results show that o1 and Gemini 1.5 Pro scheme in context.').relations)
      .toEqual(expect.arrayContaining(['STUDIES DOC -> Model:o1', 'STUDIES DOC -> Model:Gemini 1.5 Pro']));
    expect(run('Our new paper finds that probes on Llama-3-8B-Instruct detect lies.').relations).toContain('STUDIES DOC -> Model:Llama-3-8B-Instruct');
    expect(run('Their results show that GPT-4 is popular.').relations.filter((x) => x.startsWith('STUDIES'))).toEqual([]);
  });
});

describe('lexicon names', () => {
  it('an acronym that is an English word does not make the word an organisation ("Fair, but …")', () => {
    const r = run('Fair, but fine-tuning only rules out a subset of strategies. FAIR released a model.');
    expect(of(r, 'Organization')).toEqual(['Organization:FAIR']);
  });

  it('"XAI" (explainable AI) is not xAI; xAI is', () => {
    expect(of(run('Methods in XAI explain predictions.'), 'Organization')).toEqual([]);
    expect(of(run('Companies such as xAI and OpenAI signed.'), 'Organization')).toEqual(['Organization:xAI', 'Organization:OpenAI']);
  });

  it('an ambiguous name in a compound is the ordinary word: "Meta-learning", but "Meta, xAI and OpenAI"', () => {
    expect(of(run('Meta-learning works. OpenAI trains models.'), 'Organization')).toEqual(['Organization:OpenAI']);
    expect(of(run('Anthropic, Meta and xAI signed.'), 'Organization')).toEqual(['Organization:Anthropic', 'Organization:Meta', 'Organization:xAI']);
  });
});

describe('titles from links and possessives', () => {
  it('a sentence-case link anchor of four or more words names the paper', () => {
    const r = run('Related reading: [Detecting misbehavior in frontier reasoning models](https://openai.com/index/chain-of-thought-monitoring/).');
    expect(of(r, 'Paper')).toEqual(['Paper:Detecting misbehavior in frontier reasoning models']);
    // descriptions, citations and sentence pieces stay anchors: the paper is named from the URL
    for (const anchor of ['Anthropic’s alignment plans and strategies', 'Lowe et al. (2015)', 'Read the full paper here', 'Paul argued this in detail']) {
      const x = run(`See [${anchor}](https://example.org/posts/some-paper-title).`).x.mentions.filter((m) => m.type === 'Paper');
      expect(x.map((m) => m.canonical)).toEqual(['Some paper title']);
    }
  });

  it('"Person’s “Title”" is a paper the person wrote; scare quotes and short names are not', () => {
    const r = run('I have been thinking about Paul Christiano\'s "What failure looks like" a lot.');
    expect(r.relations).toContain('AUTHORED Person:Paul Christiano -> Paper:What failure looks like');
    expect(of(run('This is Paul Christiano\'s "basin of corrigibility" idea.'), 'Paper')).toEqual([]);
    expect(of(run('A style like Van Gogh\'s "Starry Night" painting.'), 'Paper')).toEqual([]);
  });
});

describe('comment threads under a "Comments" heading', () => {
  it('a "> quote" of an earlier comment makes the next paragraph REPLY_TO it, though the segmenter saw paragraphs', () => {
    const r = run(`# A post
By Jane Smith

The body of the post about evaluations.

## Comments

**Beth Barnes** (2024-09-18):

I disagree. Our elicitation protocol specifically targets sandbagging in practice.

**Jane Smith** (2024-09-19):

> Our elicitation protocol specifically targets sandbagging in practice.

Fair, but fine-tuning only rules out a subset of strategies.`);
    const text = (e: string) => r.passages.find((p) => p.id.endsWith(`:${e}`))!.text.slice(0, 14);
    const pairs = r.x.relations.filter((x) => x.type === 'REPLIES_TO').map((x) => [x.from, x.to].map((e) => text((e as { passageId: string }).passageId.split(':').pop()!)));
    expect(pairs).toEqual([['Fair, but fine', 'I disagree. Ou']]);
    // without the heading, quoted paragraphs in a post body are not a thread
    expect(run('Intro text here.\n\nI disagree. Our elicitation protocol specifically targets sandbagging in practice.\n\n> Our elicitation protocol specifically targets sandbagging in practice.\n\nFair point.').relations.filter((x) => x.startsWith('REPLIES_TO'))).toEqual([]);
  });
});

describe('people in context', () => {
  it('"co-authored with A, B and C (Org)": AUTHORED the paper the sentence names; one-word items are not people', () => {
    const r = run('Our new paper, [Debate Helps Supervise Unreliable Experts](https://arxiv.org/abs/2311.08702), co-authored with Salsabila Mahdi, David Rein, Jackson Petty and Samuel R. Bowman (NYU), finds that debate helps.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'AUTHORED Person:Salsabila Mahdi -> Paper:Debate Helps Supervise Unreliable Experts',
      'AUTHORED Person:David Rein -> Paper:Debate Helps Supervise Unreliable Experts',
      'AUTHORED Person:Jackson Petty -> Paper:Debate Helps Supervise Unreliable Experts',
      'AUTHORED Person:Samuel R. Bowman -> Paper:Debate Helps Supervise Unreliable Experts',
    ]));
    // the comma list before "(NYU)" leaves the affiliation to the last name only
    expect(r.relations.filter((x) => x.startsWith('AFFILIATED_WITH'))).toEqual(['AFFILIATED_WITH Person:Samuel R. Bowman -> Organization:New York University']);
    expect(run('This work was co-authored with Daniel Okafor and Lena Fischer.').relations).toEqual([
      'AUTHORED Person:Daniel Okafor -> DOC', 'AUTHORED Person:Lena Fischer -> DOC',
    ]);
    expect(of(run('We release a model, in collaboration with Argilla and Kaist AI.'), 'Person')).toEqual([]);
  });

  it('"Name, a ROLE at ORG" is a person even with an unknown first name at a sentence start', () => {
    const r = run('Akbir Khan, a PhD student at UCL, ran a follow-up.');
    expect(r.relations).toContain('AFFILIATED_WITH Person:Akbir Khan -> Organization:University College London');
    expect(of(run('Project Nimbus, a new effort at Google, is secret.'), 'Person')).toEqual([]);
  });
});
