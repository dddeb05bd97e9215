// Signal: hyperlinks (doc.links, kept by the loader). A link to a paper or post page is a LINKS_TO from the
// document. The anchor names the paper when it looks like a title ("Sleeper Agents: Training …"); otherwise
// ("pessimistic scenario", "here") the paper is named from the URL slug (".../core-views-on-ai-safety") and
// the anchor is not taken as an alias. Links with the same URL share the slug key, so they merge.

import type { Link } from '../../types.ts';
import type { CandidateRelation, Ctx } from '../core/types.ts';
import { docEnd, evidenceOf, mention, mentionEnd } from '../core/types.ts';
import { SENTENCE_STARTERS, isTitleCase } from '../core/text-index.ts';
import { fold, nameKey, straighten } from '../../keys.ts';
import { nameTag } from '../core/nlp.ts';
import { found } from '../../knowledge/methods.ts';
import { SOURCES } from '../../knowledge/sources.ts';
import { alternation } from '../../knowledge/data-file.ts';

/** URL shapes of papers and posts, with the path segment that carries the title slug (if any). */
const PAPER_URLS = SOURCES.paperUrls.rules;
const NOT_PAPERS = new RegExp(`(^|\\.)${alternation(SOURCES.paperUrls.notPaperHosts)}$`);
const GENERIC_SLUG = new RegExp(`^(?:${alternation(SOURCES.paperUrls.genericSlugs)}|\\d+)$`, 'i');

interface Target { slugTitle?: string; key?: string }

/** Is this URL a paper/post page, and what does its slug say? */
export function paperTarget(href: string): Target | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(u.protocol) || NOT_PAPERS.test(u.hostname)) return null;
  for (const rule of PAPER_URLS) {
    if (rule.host && !rule.host.test(u.hostname)) continue;
    const m = rule.path.exec(u.pathname);
    if (!m) continue;
    if (rule.slug === undefined) {
      const id = m[1];
      return id ? { key: `arxiv-${id.replace(/v\d+$/, '')}`, slugTitle: `arXiv:${id}` } : {};
    }
    const slug = m[rule.slug] ?? '';
    const title = slugToTitle(slug);
    if (title) return { slugTitle: title, key: nameKey(title) };
    // a paper or post page whose slug is too short to name it ("/2018/differentiable-parameterizations"):
    // a title-like anchor still names it; index, tag and listing pages are no papers
    // (site rules only: a generic path shape with a short last segment is as often a listing or an id)
    if (rule.host && !GENERIC_SLUG.test(slug.replace(/\.(pdf|html?|md)$/i, '')) && /[A-Za-z]{3}/.test(slug)) return {};
  }
  return null;
}

/** "meta-level-adversarial-evaluation-of-oversight-techniques-1" → "Meta level adversarial evaluation of oversight techniques". */
export function slugToTitle(slug: string): string | null {
  let s: string;
  try {
    s = decodeURIComponent(slug);
  } catch {
    s = slug;
  }
  s = s.replace(/\.(pdf|html?|md)$/i, '');
  if (GENERIC_SLUG.test(s)) return null;
  let words = s.split(/[-_+\s]+/).filter(Boolean);
  // forum slugs end with a de-duplication counter ("…-techniques-1")
  if (words.length > 3 && /^\d{1,2}$/.test(words[words.length - 1])) words = words.slice(0, -1);
  // blog slugs may start with a date ("2014-07-conv-nets-modular")
  while (words.length > 2 && /^\d{1,4}$/.test(words[0])) words = words.slice(1);
  // short letter+digit codes ("a01", "v2") are ids, not words of a title
  if (words.some((w) => /^(?:[a-z]{1,2}\d+|\d+[a-z]{1,2})$/i.test(w) && !/^\d+(?:st|nd|rd|th|[kmb])$/i.test(w))) return null;
  // two-word slugs ("building-blocks", "pref-tuning") name topics and pages more often than titles
  if (words.length < 3) return null;
  // random ids are not titles
  if (words.some((w) => w.length >= 8 && /\d/.test(w) && /[a-z]/i.test(w))) return null;
  const t = words.join(' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Does the anchor text itself read as a title? */
export function anchorIsTitle(text: string, ctx: Ctx): boolean {
  const t = straighten(text).trim().replace(/^"|"$/g, '');
  const words = t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < 2 || words.length > 30) return false;
  if (ctx.lexicon.vocab.genericWords.has(fold(t))) return false;
  return isTitleCase(words) || (/:/.test(t) && words.length >= 4) || sentenceCaseTitle(words);
}

// words that make an anchor a piece of the sentence ("Read the full paper here", "as we argued") rather than a title
const NOT_IN_TITLE = new Set(['i', 'we', 'you', 'me', 'my', 'our', 'your', 'here', 'click', 'this', 'these']);
const NOT_FIRST_TAGS = new Set(['Infinitive', 'Imperative', 'Determiner', 'Possessive', 'Pronoun', 'Adverb', 'Conjunction', 'Preposition',
  'FirstName', 'MaleName', 'FemaleName', 'Person', 'QuestionWord']);

/**
 * A title written in sentence case, as ML papers often are ("Detecting misbehavior in frontier reasoning
 * models"): four or more words, a capitalised first word that is not a verb, determiner, possessive or first name, no
 * first/second person, no final full stop.
 */
function sentenceCaseTitle(words: string[]): boolean {
  if (words.length < 4 || words.length > 20) return false;
  const first = words[0];
  // "Anthropic’s alignment plans and strategies" describes the target rather than naming it
  // an article may open a long title ("A circuit for … in a small transformer"), not a short anchor ("A recent paper")
  const article = /^(?:A|An|The)$/.test(first) && words.length >= 6;
  if (!article && (!/^\p{Lu}\p{Ll}/u.test(first) || /['’]s?$/.test(first) || SENTENCE_STARTERS.has(first.toLowerCase()))) return false;
  if (!article && NOT_FIRST_TAGS.has(nameTag(first) ?? '')) return false;
  if (/[.!?]$/.test(words[words.length - 1])) return false;
  // citations ("Lowe et al. (2015)", "Napoles et al., 2016") and parentheticals are not titles
  // a word may start with a digit when letters follow ("4-layer", "3D"); a bare number is a year or a count
  if (!words.every((w) => /^(?:\p{L}|\p{N}+-?\p{L})[\p{L}\p{N}'’-]*$/u.test(w)) || words.some((w) => w === 'et' || w === 'al')) return false;
  return !words.some((w) => NOT_IN_TITLE.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')));
}

export function links(ctx: Ctx): CandidateRelation[] {
  const out: CandidateRelation[] = [];
  const { doc, index } = ctx;
  const selfKey = doc.meta.title ? nameKey(doc.meta.title) : '';
  for (const l of doc.links as Link[]) {
    if (l.end <= l.start || doc.text.slice(l.start, l.end) !== l.text) continue;
    const target = paperTarget(l.href);
    if (!target) continue;
    const s = index.sentenceAt(l.start);
    if (!s) continue;
    // trim quotes and spaces around the anchor so the span is the title itself
    let start = l.start;
    let end = l.end;
    while (start < end && /[\s"“”'‘’*_]/.test(doc.text[start])) start++;
    while (end > start && /[\s"“”'‘’*_]/.test(doc.text[end - 1])) end--;
    if (end <= start) continue;
    const anchor = doc.text.slice(start, end);
    const isTitle = anchorIsTitle(anchor, ctx);
    if (isTitle && nameKey(anchor) === selfKey) continue;
    const keys = target.key ? [target.key] : undefined;
    const m = isTitle
      ? mention(doc, s.passage, start, end, 'Paper', found('link-title'), { ...(keys ? { aliasKeys: keys } : {}) })
      : target.slugTitle
        ? mention(doc, s.passage, start, end, 'Paper', found('link-target'), {
          canonical: target.slugTitle, surfaceNotAlias: true, ...(keys ? { aliasKeys: keys } : {}),
        })
        : null;
    if (!m) continue;
    const i = ctx.acc.add(m);
    if (i < 0) continue;
    out.push({ type: 'LINKS_TO', from: docEnd, to: mentionEnd(i), evidence: evidenceOf(s, found('link')) });
  }
  return out;
}
