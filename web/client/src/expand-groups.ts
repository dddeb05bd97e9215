// Expanding by groups: a node's neighbours split by relation and neighbour type, each group named in
// words ("412 documents about this") and paged on its own. Pure: the panel and the expand action use it.
import type { ExpandGroup } from '../../server/api-types.ts';

export type { ExpandGroup };

/** A group and how many of its members the view has loaded. */
export interface GroupState extends ExpandGroup {
  key: string;
  loaded: number;
}

/** Loaded at once when a node is first expanded: all of a small group, the first few of a big one. */
export const FIRST_PER_GROUP = 8;
/** Loaded by one "show more" of a group. */
export const MORE_PER_GROUP = 25;

export function groupKey(g: Pick<ExpandGroup, 'rel' | 'type'>): string {
  return `${g.rel}|${g.type}`;
}

const NOUNS: Record<string, [string, string]> = {
  Person: ['person', 'people'],
  Organization: ['organization', 'organizations'],
  Paper: ['paper', 'papers'],
  Concept: ['concept', 'concepts'],
  Model: ['AI model', 'AI models'],
  Document: ['document', 'documents'],
};

export function typeNoun(type: string, count: number): string {
  const [one, many] = NOUNS[type] ?? [type.toLowerCase(), `${type.toLowerCase()}s`];
  return count === 1 ? one : many;
}

/** "412 documents about this", "authored 3 papers", "5 people related by affiliated with". */
export function groupPhrase(g: Pick<ExpandGroup, 'rel' | 'type' | 'direction'>, count: number): string {
  const rel = g.rel.toLowerCase().replace(/_/g, ' ');
  const what = `${count.toLocaleString('en')} ${typeNoun(g.type, count)}`;
  if (g.direction === 'in') return `${what} ${rel} this`;
  if (g.direction === 'out') return `${rel} ${what}`;
  return `${what} · ${rel}`;
}

/** The groups of a first expansion, each with how many to load now; hidden types are left out. */
export function firstPages(groups: ExpandGroup[], hiddenTypes: readonly string[] = []): { group: GroupState; take: number }[] {
  return groups
    .filter((g) => !hiddenTypes.includes(g.type) && g.count > 0)
    .map((g) => ({ group: { ...g, key: groupKey(g), loaded: 0 }, take: Math.min(g.count, FIRST_PER_GROUP) }));
}

export function remaining(g: GroupState): number {
  return Math.max(0, g.count - g.loaded);
}
