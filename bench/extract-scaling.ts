// Extraction must be linear in the text: the same paragraphs repeated to 100 KB and to 5 MB should cost
// the same time per MB. A repetitive document is the worst case for rules that rescan every mention per
// sentence (each repetition adds mentions to every later sentence's scan).
import { buildDocument } from '../ingest/1-load/index.ts';
import { segment } from '../ingest/2-segment/index.ts';
import { extract } from '../ingest/3-extract/index.ts';
import type { Lexicon } from '../ingest/lexicon.ts';

// General prose of the field: people, organisations, teams, titles, models, concepts, lists and cues.
const PARAGRAPHS = [
  'Jane Doe, a research scientist at Redwood Research, leads the Alignment Science team at Anthropic. She and John Smith joined the team in 2023.',
  'In our paper “Sparse Autoencoders Find Interpretable Features in Language Models” we study sparse autoencoders (SAEs) on GPT-4o and Llama 3.1 70B.',
  'Thanks to Alice Martin, Bob Stone and others at the LISA office for comments. This post was written by Carol White and Dan Brown.',
  'Chris Olah (Anthropic) and Neel Nanda discuss mechanistic interpretability, reward hacking and deceptive alignment with OpenAI researchers.',
  'The Interpretability team at Google DeepMind, led by Rohin Shah, evaluated Claude 3.5 Sonnet. Mary Jones works at the Center for AI Safety.',
  'We train the probes on the residual stream of every layer and report the accuracy on held-out prompts. The results suggest that the feature is linearly represented, although the effect is smaller in later layers.',
  'Our method is simple: we sample completions, score them with a reward model and keep the best ones. This is slower than greedy decoding but it is more robust to reward hacking in practice.',
];

/** A markdown document of about `bytes` characters made of the paragraphs above, repeated. */
export function repetitiveText(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = PARAGRAPHS[i % PARAGRAPHS.length];
    parts.push(p);
    n += p.length + 2;
  }
  return parts.join('\n\n');
}

/** Seconds per MB of extraction (segment included) for a repetitive document of `bytes` characters. */
export function extractSecondsPerMB(bytes: number, lexicon: Lexicon): number {
  const text = repetitiveText(bytes);
  const doc = buildDocument('/bench/repetitive.md', 'repetitive.md', text, 'markdown');
  const t = performance.now();
  extract(doc, segment(doc), lexicon);
  return (performance.now() - t) / 1000 / (text.length / 1048576);
}

/**
 * The bench figure: seconds per MB at 100 KB, 1 MB and 5 MB, and the ratio of 5 MB's to 100 KB's (linear
 * extraction keeps it near 1×; the target is at most 3×).
 */
export function extractionScaling(
  lexicon: Lexicon,
  sizes = { small: 100_000, medium: 1_000_000, large: 5_000_000 },
): { small: number; medium: number; large: number; ratio: number } {
  extractSecondsPerMB(sizes.small, lexicon); // warm-up: compiled lexicon, compromise model
  const small = extractSecondsPerMB(sizes.small, lexicon);
  const medium = extractSecondsPerMB(sizes.medium, lexicon);
  const large = extractSecondsPerMB(sizes.large, lexicon);
  return { small, medium, large, ratio: large / small };
}
