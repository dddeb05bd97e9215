import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

const ANNOUNCEMENT = `# Introducing a new team
By evhub

I'm very excited to announce that I have started leading (and hiring for!) a new team at Anthropic, the Alignment Stress-Testing team, with Carson Denison and Monte MacDiarmid as current team members.`;

describe('teams', () => {
  it('"a new team at X, the Y team" is a team that is PART_OF X', () => {
    const r = run(ANNOUNCEMENT);
    expect(r.relations).toContain('PART_OF Organization:Anthropic Alignment Stress-Testing team -> Organization:Anthropic');
  });

  it('"with A and B as current team members" gives MEMBER_OF the team', () => {
    const r = run(ANNOUNCEMENT);
    expect(r.relations).toEqual(expect.arrayContaining([
      'MEMBER_OF Person:Carson Denison -> Organization:Anthropic Alignment Stress-Testing team',
      'MEMBER_OF Person:Monte MacDiarmid -> Organization:Anthropic Alignment Stress-Testing team',
    ]));
  });

  it('"I have started leading … the X team" with a byline author gives LEADS', () => {
    const r = run(ANNOUNCEMENT);
    expect(r.relations).toContain('LEADS Person:Evan Hubinger -> Organization:Anthropic Alignment Stress-Testing team');
    // without a byline nobody is known to lead it
    const anon = run(ANNOUNCEMENT.replace('By evhub\n', ''));
    expect(anon.relations.filter((x) => x.startsWith('LEADS'))).toEqual([]);
  });

  it('coordinated teams with the organisation as a prefix', () => {
    const r = run('This paper was a collaboration between the Anthropic Alignment Science and Interpretability teams.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'PART_OF Organization:Anthropic Alignment Science team -> Organization:Anthropic',
      'PART_OF Organization:Anthropic Interpretability team -> Organization:Anthropic',
    ]));
    // "Interpretability" here is the team, not the concept
    expect(r.mentions.filter((m) => m.startsWith('Concept:'))).toEqual([]);
  });

  it('third-person leadership: "X leads the Y team", "the Y team, led by X"', () => {
    expect(run('Jan Leike leads the Superalignment team at OpenAI.').relations)
      .toContain('LEADS Person:Jan Leike -> Organization:OpenAI Superalignment team');
    expect(run('The Interpretability team at Anthropic, led by Chris Olah, published it.').relations)
      .toContain('LEADS Person:Chris Olah -> Organization:Anthropic Interpretability team');
  });

  it('generic or sentence-initial words are not team names', () => {
    const r = run('The team aims to find alignment weaknesses. Hi team, the research team met. Our team’s scope is broad.');
    expect(r.mentions.filter((m) => m.startsWith('Organization:'))).toEqual([]);
  });

  it('a lower-case team named with its organisation ("a new interpretability team at X, led by A")', () => {
    const r = run('Today we launch a new interpretability team at Redwood Research, led by Jane Smith, with Tom Lee and Priya Patel as founding members.');
    expect(r.relations).toEqual(expect.arrayContaining([
      'PART_OF Organization:Redwood Research Interpretability team -> Organization:Redwood Research',
      'LEADS Person:Jane Smith -> Organization:Redwood Research Interpretability team',
      'MEMBER_OF Person:Tom Lee -> Organization:Redwood Research Interpretability team',
      'MEMBER_OF Person:Priya Patel -> Organization:Redwood Research Interpretability team',
    ]));
    // adjectives are not team names, and no organisation means no team
    expect(run('We are building a new team at Redwood Research.').mentions.filter((m) => m.includes('team'))).toEqual([]);
    expect(run('The interpretability team met on Monday.').mentions.filter((m) => m.startsWith('Organization'))).toEqual([]);
  });
});
