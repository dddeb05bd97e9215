import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

const THREAD = `A post body about oversight.

12 comments, sorted by top

I feel strongly that current models accelerate capabilities progress much more than alignment progress, because they are good at programming.

I feel strongly that current models accelerate capabilities progress much more than alignment progress, because they are good at programming.

It's not clear to me that philosophy is that important here.

Wouldn't that be a disastrous situation, where AI progress in general are proceeding at superhuman speeds while we lag behind?

Wouldn't that be a disastrous situation, where AI progress in general is proceeding at superhuman speeds while we lag behind?

Well, presumably this would be a pretty short period.`;

describe('comment threads', () => {
  it('the comment after a quote of an earlier comment REPLIES_TO that comment', () => {
    const r = run(THREAD);
    const text = (id: string) => r.passages.find((p) => p.id.endsWith(`:${id}`))!.text;
    const pairs = r.x.relations.filter((x) => x.type === 'REPLIES_TO').map((x) => [
      text((x.from as { passageId: string }).passageId.split(':').pop()!).slice(0, 20),
      text((x.to as { passageId: string }).passageId.split(':').pop()!).slice(0, 20),
    ]);
    expect(pairs).toEqual(expect.arrayContaining([
      ["It's not clear to me", 'I feel strongly that'],
      ['Well, presumably thi', "Wouldn't that be a d"],
    ]));
    expect(pairs).toHaveLength(2);
  });

  it('repeated captions outside a comment thread are not replies', () => {
    const r = run('Your browser does not support the video tag at all here.\n\nA caption.\n\nYour browser does not support the video tag at all here.\n\nAnother caption.');
    expect(r.x.relations.filter((x) => x.type === 'REPLIES_TO')).toEqual([]);
  });
});
