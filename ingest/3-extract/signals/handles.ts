// Signal: @handles ("@evhub wrote …"). Forum and social handles name people; the mention is the handle
// without the "@" so that the alias reads "evhub". Handles merge with a full name only through the lexicon
// (a Person entry listing the handle as an alias) or an explicit apposition in the text (resolve.ts).

import type { Ctx } from '../core/types.ts';
import { mention } from '../core/types.ts';
import { found } from '../../knowledge/methods.ts';

// not after a word character, "@" or "/" (emails, npm scopes, URLs); letters, digits, "_" and "-" inside
const HANDLE = /(?<![\p{L}\p{N}_@/.])@([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,38}[A-Za-z0-9_])?)(?![\p{L}\p{N}_@/]|\.[A-Za-z])/gu;
// passages that look like code: decorators and annotations there are not people
const CODE_LIKE = /[{};]|=>|\bdef |\bimport |\bclass |\breturn\b/;

export function handles(ctx: Ctx): void {
  const { doc, index, lexicon } = ctx;
  HANDLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HANDLE.exec(doc.text))) {
    const name = m[1];
    const p = index.passageAt(m.index);
    if (!p || CODE_LIKE.test(p.text)) continue;
    if (lexicon.vocab.genericWords.has(name.toLowerCase())) continue;
    const start = m.index + 1;
    ctx.acc.add(mention(doc, p, start, start + name.length, 'Person', found('handle'), { canonical: name }));
  }
}
