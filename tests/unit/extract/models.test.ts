import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

const models = (text: string) => run(text).x.mentions.filter((m) => m.type === 'Model').map((m) => `${m.text} => ${m.canonical}`);

describe('model names', () => {
  it('families with versions and sizes from the lexicon patterns', () => {
    expect(models('We compare GPT-4o, Llama 3.1 70B and Pythia-70M.')).toEqual([
      'GPT-4o => GPT-4o', 'Llama 3.1 70B => Llama 3.1 70B', 'Pythia-70M => Pythia-70M',
    ]);
  });

  it('any family named with a parameter count: "Name-7B", "Name2.5-1.5B-Instruct", "Name3 15B"; not "The 70B" or "Figure 3B"', () => {
    expect(models('We release Finch-7B and Heron2.5-1.5B-Instruct, beside StarFish3 15B and Wren-8x22b.').sort()).toEqual([
      'Finch-7B => Finch-7B', 'Heron2.5-1.5B-Instruct => Heron2.5-1.5B-Instruct', 'StarFish3 15B => StarFish3 15B', 'Wren-8x22b => Wren-8x22b',
    ]);
    expect(models('The 70B run beat Our 8B one, as Figure 3B and the 1.5B-token set show.')).toEqual([]);
  });

  it('size lists expand: "Pythia-70M/410M" names two models', () => {
    expect(models('features in real LLMs (Pythia-70M/410M)')).toEqual(['Pythia-70M => Pythia-70M', '410M => Pythia-410M']);
  });

  it('Claude versions get one canonical form whatever the word order', () => {
    expect(models('We find that Sonnet 3.7 and Claude 3.7 Sonnet agree.')).toEqual([
      'Sonnet 3.7 => Claude 3.7 Sonnet', 'Claude 3.7 Sonnet => Claude 3.7 Sonnet',
    ]);
  });

  it('"Claude" is a model, not the first name', () => {
    const r = run('I feel strongly that Claude accelerates AI progress.');
    expect(r.mentions).toContain('Model:Claude');
    expect(r.mentions.filter((m) => m.startsWith('Person:'))).toEqual([]);
  });

  it('"We find that MODEL …" makes the document STUDY the model', () => {
    expect(run('We find that Sonnet 3.7 can learn to evade a monitor.').relations).toContain('STUDIES DOC -> Model:Claude 3.7 Sonnet');
    expect(run('I feel strongly that Claude is bad at philosophy.').relations.filter((x) => x.startsWith('STUDIES'))).toEqual([]);
  });

  it('a document STUDIES the models it says were evaluated, in the passive too', () => {
    const r = run('We fine-tuned Pythia-70M on the task. GPT-4o and Llama 3.1 405B were also evaluated. GPT-4 is popular.');
    // "GPT-4 is popular" is no evaluation
    expect(r.relations.filter((x) => x.startsWith('STUDIES')).sort()).toEqual(['STUDIES DOC -> Model:GPT-4o', 'STUDIES DOC -> Model:Llama 3.1 405B', 'STUDIES DOC -> Model:Pythia-70M']);
  });
});
