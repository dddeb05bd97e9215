// Signal: titles of papers and posts written in running text, one job per file:
//  - quoted.ts       quoted titles: “Sleeper Agents: Training Deceptive LLMs…”, our “Sleeper Agents” paper —
//                    not scare quotes ("wisdom deficit") or quoted sentences ("I’m less concerned about this; …");
//  - colon.ts        unquoted colon titles after a cue word: "as I argue in A Sense of Fairness: Deconfusing Ethics";
//  - linkposts.ts    "This is a linkpost for Sparse Autoencoders Find Highly Interpretable Directions…";
//  - descriptors.ts  "Buck and Ryan’s post on meta-level adversarial evaluation" (authors + topic);
//  - known.ts        a lexicon paper named unquoted ("Toy Models of Superposition", "our Sleeper Agents paper");
//  - first-person.ts "our recent paper, “X”" → AUTHORED by the byline authors.
// Each sentence goes through the per-sentence jobs in this order (earlier jobs own their spans).

import type { Ctx } from '../../core/types.ts';
import { selfKeyOf } from '../../core/title-span.ts';
import type { TitleFindings } from './findings.ts';
import { quoted } from './quoted.ts';
import { colonTitles } from './colon.ts';
import { linkposts } from './linkposts.ts';
import { descriptors } from './descriptors.ts';
import { knownTitles } from './known.ts';
import { firstPersonAuthorship } from './first-person.ts';

export type { TitleFindings } from './findings.ts';

export function titles(ctx: Ctx): TitleFindings {
  const out: TitleFindings = { relations: [], linkposts: new Map() };
  const selfKey = selfKeyOf(ctx);
  for (const s of ctx.index.sentences) {
    quoted(ctx, s, selfKey, out);
    colonTitles(ctx, s, selfKey);
    linkposts(ctx, s, selfKey, out);
    descriptors(ctx, s, out);
    knownTitles(ctx, s, selfKey);
  }
  firstPersonAuthorship(ctx, out);
  return out;
}
