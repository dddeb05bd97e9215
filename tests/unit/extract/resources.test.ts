import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('models in their common spellings', () => {
  it('sizes before or after the family, instruct variants, hub ids written in prose', () => {
    const r = run('We fine-tune Qwen3-32B and the 8B Qwen3 model, then Llama-3.1-8B-Instruct and GPT-4o-mini. We load EleutherAI/pythia-160m and gpt2-xl.');
    const models = r.x.mentions.filter((m) => m.type === 'Model').map((m) => `${m.text} => ${m.canonical}`);
    expect(models).toEqual([
      'GPT-4o-mini => GPT-4o-mini', 'Llama-3.1-8B-Instruct => Llama-3.1-8B-Instruct', 'EleutherAI/pythia-160m => pythia-160m',
      'Qwen3-32B => Qwen3-32B', '8B Qwen3 => Qwen3-8B', 'gpt2-xl => GPT-2-xl',
    ]);
  });

  it('paths and word pairs with a slash are not hub ids', () => {
    const r = run('The input/output format and/or the src/v2 folder are described in docs/setup.');
    expect(r.x.mentions.filter((m) => m.type === 'Model')).toEqual([]);
  });
});

describe('datasets and software', () => {
  it('"we evaluate on A, B and C" gives EVALUATES_ON for each; "implemented in X" gives USES', () => {
    const r = run('We evaluate on MMLU, GSM8K and HumanEval. Everything is implemented in PyTorch with Hugging Face Transformers. The model was trained on The Pile.');
    expect(r.x.mentions.filter((m) => m.type === 'Dataset' || m.type === 'Software').map((m) => `${m.type}:${m.text}`))
      .toEqual(['Dataset:MMLU', 'Dataset:GSM8K', 'Dataset:HumanEval', 'Software:PyTorch', 'Software:Hugging Face Transformers', 'Dataset:The Pile']);
    expect(r.relations.filter((x) => /EVALUATES_ON|USES/.test(x))).toEqual([
      'EVALUATES_ON DOC -> Dataset:MMLU', 'EVALUATES_ON DOC -> Dataset:GSM8K', 'EVALUATES_ON DOC -> Dataset:HumanEval',
      'USES DOC -> Software:PyTorch', 'USES DOC -> Software:Hugging Face Transformers', 'USES DOC -> Dataset:The Pile',
    ]);
  });

  it('a dataset only named is no EVALUATES_ON', () => {
    const r = run('ImageNet changed image classification. MNIST is small.');
    expect(r.x.mentions.map((m) => `${m.type}:${m.text}`)).toEqual(['Dataset:ImageNet', 'Dataset:MNIST']);
    expect(r.relations).toEqual([]);
  });
});

describe('concepts beyond the lexicon', () => {
  it('defined terms: "we call this X", "known as X", "X, a method that …"', () => {
    const r = run('We call this failure “gradient starvation”. The effect is known as feature splitting. Contrastive steering, a technique that adds a vector to the residual stream, is cheap.');
    expect(r.x.mentions.filter((m) => m.method === 'defined-term').map((m) => m.text)).toEqual(['gradient starvation', 'feature splitting', 'Contrastive steering']);
    expect(r.relations.filter((x) => x.startsWith('ABOUT'))).toEqual([
      'ABOUT DOC -> Concept:gradient starvation', 'ABOUT DOC -> Concept:feature splitting', 'ABOUT DOC -> Concept:contrastive steering',
    ]);
  });

  it('generic phrases and names are not defined terms', () => {
    const r = run('This is known as the results section. The lab, known as Microsoft Research, is large. We call this model training.');
    expect(r.x.mentions.filter((m) => m.method === 'defined-term')).toEqual([]);
  });

  it('a section heading names a concept only when the body repeats it', () => {
    const r = run('# Notes\n\n## Gradient starvation\n\nGradient starvation slows learning. We measure gradient starvation in every layer.\n\n## Installation\n\nRun the script.');
    expect(r.x.mentions.filter((m) => m.method === 'heading-phrase').map((m) => m.text)).toEqual(['Gradient starvation']);
  });
});
