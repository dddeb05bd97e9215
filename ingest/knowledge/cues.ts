// The cue words of lexicon/cues.json, checked once at start-up, and the patterns built from them. Every rule
// that reads a role, a lead or join verb, a name particle, a title cue or a comment-thread marker takes it
// from here, so each word list is written once (see lexicon/README.md).

import { Shape, alternation, dataPath, readJsonFile } from './data-file.ts';

export interface VerbForms { base: string; third: string; past: string; gerund: string }

export interface Cues {
  roles: { modifiers: string[]; nouns: string[] };
  leadRoles: string[];
  leadVerbs: VerbForms[];
  joinVerbs: VerbForms[];
  workVerbs: VerbForms[];
  nameParticles: string[];
  workNouns: string[];
  titleCues: { words: string[]; quotedOnly: string[] };
  commentMarkers: { phrases: string[]; countedNoun: string[] };
  irregularPlurals: Record<string, string>;
  invariableEndings: string[];
  usage: { evaluate: string[]; use: string[]; trainOn: string[]; window: number };
  definitions: { before: string[]; categoryNouns: string[]; after: string[] };
  citations: { notSurnames: string[] };
  /** Given names' short forms: each group is the long form, then its short forms. */
  people: { givenNameShortForms: string[][] };
}

export const CUES_PATH = dataPath('cues.json');

/** Check the shape of a parsed cues file (errors name the file and the field). */
export function parseCues(data: unknown, file = CUES_PATH): Cues {
  const sh: Shape = new Shape(file);
  const o = sh.object(data, '(root)');
  const verbs = (v: unknown, at: string): VerbForms[] => {
    if (!Array.isArray(v)) sh.fail(at, 'must be an array of verb forms');
    return v.map((x, i) => {
      const f = sh.object(x, `${at}[${i}]`);
      for (const k of ['base', 'third', 'past', 'gerund']) if (typeof f[k] !== 'string') sh.fail(`${at}[${i}].${k}`, 'must be a string');
      return f as unknown as VerbForms;
    });
  };
  const roles = sh.object(o.roles, 'roles');
  const roleLists = { modifiers: sh.strings(roles.modifiers, 'roles.modifiers'), nouns: sh.strings(roles.nouns, 'roles.nouns') };
  const titleCues = sh.object(o.titleCues, 'titleCues');
  const markers = sh.object(o.commentMarkers, 'commentMarkers');
  const infl = sh.object(o.inflection, 'inflection');
  const usage = sh.object(o.usage, 'usage');
  const defs = sh.object(o.definitions, 'definitions');
  const cit = sh.object(o.citations, 'citations');
  const people = sh.object(o.people, 'people');
  if (!Array.isArray(people.givenNameShortForms)) sh.fail('people.givenNameShortForms', 'must be an array of name groups');
  return {
    roles: roleLists,
    leadRoles: sh.strings(o.leadRoles, 'leadRoles'),
    leadVerbs: verbs(o.leadVerbs, 'leadVerbs'),
    joinVerbs: verbs(o.joinVerbs, 'joinVerbs'),
    workVerbs: verbs(o.workVerbs, 'workVerbs'),
    nameParticles: sh.strings(o.nameParticles, 'nameParticles'),
    workNouns: sh.strings(sh.object(o.workNouns, 'workNouns').words, 'workNouns.words'),
    titleCues: { words: sh.strings(titleCues.words, 'titleCues.words'), quotedOnly: sh.strings(titleCues.quotedOnly, 'titleCues.quotedOnly') },
    commentMarkers: { phrases: sh.strings(markers.phrases, 'commentMarkers.phrases'), countedNoun: sh.strings(markers.countedNoun, 'commentMarkers.countedNoun') },
    irregularPlurals: sh.stringMap(infl.irregularPlurals, 'inflection.irregularPlurals'),
    invariableEndings: sh.strings(infl.invariableEndings, 'inflection.invariableEndings'),
    usage: {
      evaluate: sh.strings(usage.evaluate, 'usage.evaluate'), use: sh.strings(usage.use, 'usage.use'),
      trainOn: sh.strings(usage.trainOn, 'usage.trainOn'), window: sh.number(usage.window, 'usage.window', 1, 500),
    },
    definitions: {
      before: sh.strings(defs.before, 'definitions.before'), categoryNouns: sh.strings(defs.categoryNouns, 'definitions.categoryNouns'),
      after: sh.strings(defs.after, 'definitions.after'),
    },
    citations: { notSurnames: sh.strings(cit.notSurnames, 'citations.notSurnames') },
    people: {
      givenNameShortForms: (people.givenNameShortForms as unknown[]).map((g, i) => {
        const names = sh.strings(g, `people.givenNameShortForms[${i}]`);
        if (names.length < 2) sh.fail(`people.givenNameShortForms[${i}]`, 'needs the long form and at least one short form');
        return names.map((n) => n.toLowerCase());
      }),
    },
  };
}

export const CUES: Cues = parseCues(readJsonFile(CUES_PATH));

const forms = (vs: VerbForms[], ...keys: Array<keyof VerbForms>): string[] => vs.flatMap((v) => keys.map((k) => v[k]));

/** Regex sources built from the cue lists (case-insensitive use unless said otherwise). */
export const CUE_RE = {
  /** "a senior research scientist", "members of technical staff". */
  role: `(?:a|an|the)?\\s*(?:${CUES.roles.modifiers.map((m) => `${m}\\s+`).join('|')})*${alternation(CUES.roles.nouns)}s?`,
  /** "the head", "director". */
  leadRole: `(?:the\\s+)?${alternation(CUES.leadRoles)}`,
  /** Every form of a lead verb ("lead", "leads", "led", "leading", "heads" …). */
  leadAny: alternation(forms(CUES.leadVerbs, 'base', 'third', 'past', 'gerund')),
  /** A third person stating leadership: "leads", "led", "is leading", "now leads", "will lead". */
  leadThird: `(?:${alternation(forms(CUES.leadVerbs, 'third', 'past'))}|is\\s+${alternation(forms(CUES.leadVerbs, 'gerund'))}|now\\s+${alternation(forms(CUES.leadVerbs, 'third'))}|will\\s+${alternation(forms(CUES.leadVerbs, 'base'))})`,
  /** The participle of "led by", "headed by". */
  leadPast: alternation(forms(CUES.leadVerbs, 'past')),
  /** "joined", "joins", "has joined", "will join", "is joining". */
  join: `(?:(?:has|have)\\s+${alternation(forms(CUES.joinVerbs, 'past'))}|will\\s+${alternation(forms(CUES.joinVerbs, 'base'))}|(?:is|are)\\s+${alternation(forms(CUES.joinVerbs, 'gerund'))}|${alternation(forms(CUES.joinVerbs, 'past', 'third'))})`,
  /** "works", "worked", "is working" (at / for). */
  work: `(?:${alternation(forms(CUES.workVerbs, 'third', 'past'))}|is\\s+${alternation(forms(CUES.workVerbs, 'gerund'))})`,
  /** First-person affiliation verbs: "I work", "I worked", "I joined", "I have joined", "I recently joined". */
  firstPersonAffiliation: `(?:['’]m| am| was| ${alternation(forms(CUES.workVerbs, 'base', 'past'))}| ${alternation(forms(CUES.joinVerbs, 'past'))}| have ${alternation(forms(CUES.joinVerbs, 'past'))}| recently ${alternation(forms(CUES.joinVerbs, 'past'))})`,
  /** A name particle inside a personal name ("van", "de"). */
  particle: alternation(CUES.nameParticles),
} as const;

export const PARTICLES: ReadonlySet<string> = new Set(CUES.nameParticles);

/** Is this passage text (a heading's '#' marks ignored) the marker that opens a comment thread? */
export function isCommentsMarker(text: string): boolean {
  const t = text.replace(/^[#\s]+/, '').trim().toLowerCase();
  if (CUES.commentMarkers.phrases.includes(t)) return true;
  const m = /^\d+\s+(\p{L}+)\b/u.exec(t);
  return !!m && CUES.commentMarkers.countedNoun.includes(m[1]);
}
