// Signal: capitalised names in running text that no earlier signal claimed — people and organisations —
// decided by compromise. Cheap checks first (compromise's word lexicon knows ~thousands of first names;
// organisation head words such as "Institute" or "Wiki" come from our lexicon), and the compromise tagger
// only for the undecided remainder, one sentence at a time. Anything else capitalised is left alone: sentence
// starts, headings ("Key Points"), job titles ("Research Engineers") and page chrome never become entities.

import type { Sentence, Token } from '../core/text-index.ts';
import { FUNCTION_WORDS, SENTENCE_STARTERS, isAllCaps, isCap } from '../core/text-index.ts';
import type { Ctx } from '../core/types.ts';
import { mention } from '../core/types.ts';
import { isCommonWord, isFirstName, nameTag, sentenceTags } from '../core/nlp.ts';
import { nameLike, nameRunAt } from '../core/people.ts';
import { CUE_RE } from '../../knowledge/cues.ts';
import { found, type Grade } from '../../knowledge/methods.ts';

// "and" is not a connector: "the Quokka Foundation and Stanford University" are two organisations
const ORG_CONNECTORS = new Set(['of', 'for', 'the', '&']);
const ORG_CUES_AFTER = new Set(['office', 'offices', 'team', 'staff', 'researchers', 'employees', 'lab', 'labs', 'members', 'fellows', 'scholars', 'program', 'programme', 'cohort']);
const APPOSITION = new RegExp(`^\\s*,\\s*(?:a|an)\\s+${CUE_RE.role}\\s+(?:at|of|from|with)\\s`, 'i');
const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Honorific'];

export function names(ctx: Ctx): void {
  for (const s of ctx.index.sentences) {
    if (s.passage.kind === 'metadata') continue;
    // the document's own title is Title Case throughout: its capitalised runs are not names
    if (ctx.index.isTitle(s.passage)) continue;
    const tokens = ctx.index.tokens(s);
    const firstWord = tokens.findIndex((t) => t.kind === 'word');
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!isCap(t) || ctx.acc.overlapping(t.start, t.end).length) continue;
      const used = organisation(ctx, s, tokens, i) || person(ctx, s, tokens, i, i === firstWord);
      if (used > i) i = used - 1;
    }
  }
}

/** Stop a run where an accepted mention begins. */
function clipRun(ctx: Ctx, tokens: Token[], i: number, end: number): number {
  for (let k = i + 1; k < end; k++) if (ctx.acc.overlapping(tokens[k].start, tokens[k].end).length) return k;
  return end;
}

/** "Future of Humanity Institute", "Longterm Wiki", "the LISA office": returns the token after it, or 0. */
function organisation(ctx: Ctx, s: Sentence, tokens: Token[], i: number): number {
  const { orgHeads, orgHeadsWeak, genericWords, descriptiveWords } = ctx.lexicon.vocab;
  const isHead = (w: string) => orgHeads.has(w) || orgHeadsWeak.has(w);
  // extend over capitalised words and connectors; remember the last capitalised word
  let k = i;
  let lastCap = i;
  while (k < tokens.length) {
    const t = tokens[k];
    if (isCap(t) || (t.text === '-' && isCap(tokens[k + 1]) && tokens[k + 1].start === t.end)) {
      if (isCap(t)) lastCap = k;
      k++;
    } else if (ORG_CONNECTORS.has(t.lower) && isCap(tokens[k + 1])) k++;
    else break;
  }
  let end = clipRun(ctx, tokens, i, lastCap + 1);
  while (end - 1 > i && ORG_CONNECTORS.has(tokens[end - 1].lower)) end--;
  // the head word may end the run early: "Stanford University researchers" → stop at "University"
  // the head must end the capitalised run ("… Foundation Models" is not an organisation), and the run must
  // not start with a function word or pronoun ("A Survey on Foundation …"), "The" excepted
  const h = end - 1 > i && isHead(tokens[end - 1].text) ? end - 1 : -1;
  const text = ctx.doc.text;
  const badStart = tokens[i].lower !== 'the' && (FUNCTION_WORDS.has(tokens[i].lower) || SENTENCE_STARTERS.has(tokens[i].lower));
  if (h > i && !badStart) {
    end = h + 1;
    const words = tokens.slice(i, end).filter((t) => t.kind === 'word' && !ORG_CONNECTORS.has(t.lower));
    const modifiers = words.slice(0, -1);
    // "Alignment Research", "Safety Research": made of generic words, not a name. A strong head ("Wiki",
    // "Institute") only needs one non-generic word; a weak one ("Research", "AI") one that is not common English.
    const strong = orgHeads.has(tokens[h].text);
    const distinctive = modifiers.some((w) => !genericWords.has(w.lower) && !descriptiveWords.has(w.lower) && (strong || !isCommonWord(w.text)));
    if (distinctive) {
      ctx.acc.add(mention(ctx.doc, s.passage, tokens[i].start, tokens[end - 1].end, 'Organization', found('org-head')));
      return end;
    }
  }
  // "University of X", "Institute for Y": the head first
  if (isHead(tokens[i].text) && ORG_CONNECTORS.has(tokens[i + 1]?.lower ?? '') && end > i + 2) {
    ctx.acc.add(mention(ctx.doc, s.passage, tokens[i].start, tokens[end - 1].end, 'Organization', found('org-head')));
    return end;
  }
  // an acronym followed by an organisational noun: "the LISA office", "CHAI researchers"
  const next = tokens[i + 1];
  if (isAllCaps(tokens[i]) && next && ORG_CUES_AFTER.has(next.lower) && text.slice(tokens[i].end, next.start) === ' ') {
    ctx.acc.add(mention(ctx.doc, s.passage, tokens[i].start, tokens[i].end, 'Organization', found('acronym-org')));
    return i + 1;
  }
  // a single word compromise knows as an organisation ("Microsoft")
  const compound = next?.text === '-' && next.start === tokens[i].end; // "Meta-level", "Apple-style"
  // (not for all-capital words: compromise's "SNP" is a party, in ML text a polymorphism)
  if (nameTag(tokens[i].text) === 'Organization' && !isAllCaps(tokens[i]) && !isCap(tokens[i + 1]) && !compound) {
    ctx.acc.add(mention(ctx.doc, s.passage, tokens[i].start, tokens[i].end, 'Organization', found('compromise', 'organization')));
    return i + 1;
  }
  return 0;
}

/** "Carson Denison", "Monte MacDiarmid": two to four name words with a known first name or compromise's say. */
function person(ctx: Ctx, s: Sentence, tokens: Token[], i: number, sentenceStart: boolean): number {
  const text = ctx.doc.text;
  const end = clipRun(ctx, tokens, i, nameRunAt(tokens, i, text));
  const words = tokens.slice(i, end).filter((t) => t.kind === 'word');
  if (words.length < 2 || words.length > 4) return 0;
  if (words.some((w) => FUNCTION_WORDS.has(w.lower) && w.lower !== 'de')) return 0;
  if (!nameLike(ctx, words.map((w) => w.text))) return end;
  // one hyphenated token ("Gram-Schmidt") is an eponym; a name does not end with an initial ("John H")
  if (!/\s/.test(text.slice(words[0].start, words[words.length - 1].end))) return end;
  if (/^\p{Lu}$/u.test(words[words.length - 1].text)) return end;
  // a sentence-initial word is capitalised anyway: it must itself be a known first name
  let grade: Grade<'compromise'> | undefined;
  const tags = sentenceTags(s, text.slice(s.start, s.end), s.start);
  const tagged = words.map((w) => tags.get(w.start) ?? new Set<string>());
  // "Max Memory Allocated": a verb or a plural noun after the first name is not part of a name
  if (tagged.slice(1).some((ts) => ts.has('Verb') || ts.has('Plural') || ts.has('Gerund'))) return end;
  if (isFirstName(words[0].text)) grade = 'firstName';
  else if (!sentenceStart) {
    if (tagged.some((ts) => ts.has('Organization') || ts.has('Place'))) return end;
    if (tagged.some((ts) => PERSON_TAGS.some((p) => ts.has(p)))) grade = 'tagged';
  }
  // an apposition with a role names a person whatever compromise knows: "Akbir Khan, a PhD student at UCL"
  if (!grade && APPOSITION.test(text.slice(words[words.length - 1].end, Math.min(s.end, words[words.length - 1].end + 80)))) grade = 'apposition';
  if (!grade) return end;
  ctx.acc.add(mention(ctx.doc, s.passage, words[0].start, words[words.length - 1].end, 'Person', found('compromise', grade)));
  return end;
}
