// A lower-case noun phrase the document uses in three sentences, once in its opening, becomes a Concept
// (method repeated-phrase); fewer uses, uses only late in the body, plain modifiers, contraction pieces,
// inline code and markup do not; longer phrases claim their words first.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../ingest/1-load/index.ts';
import { segment } from '../../../ingest/2-segment/index.ts';
import { extract } from '../../../ingest/3-extract/index.ts';
import { lexicon } from './helpers.ts';

function repeated(text: string, format: 'markdown' | 'text' = 'markdown'): string[] {
  const d = buildDocument('/t/doc.md', 'doc.md', text, format);
  const x = extract(d, segment(d), lexicon());
  return [...new Set(x.mentions.filter((m) => m.method === 'repeated-phrase').map((m) => m.text.toLowerCase()))].sort();
}

describe('repeated phrases', () => {
  it('a phrase in three sentences, one early, is a concept; a longer phrase wins over its words', () => {
    const text = [
      'We measure relative reachability of states. Relative reachability penalises lost options.',
      'Later we compare relative reachability with other penalties.',
      'We also study neural style transfer here. Neural style transfer maps a photo onto a painting. Robust models help neural style transfer.',
    ].join('\n\n');
    expect(repeated(text)).toEqual(['neural style transfer', 'relative reachability']);
  });

  it('two uses are not enough', () => {
    expect(repeated('We measure relative reachability of states. Relative reachability penalises lost options.')).toEqual([]);
  });

  it('a phrase that only the late body repeats is not a term of the document', () => {
    const filler = 'Here we go on and on, and we say little of note to anyone at all. '.repeat(30);
    const late = 'The gradient cliff appears. A gradient cliff hurts. We avoid the gradient cliff.';
    expect(repeated(`${filler}\n\n${late}`)).toEqual([]);
    expect(repeated(`${late}\n\n${filler}`)).toEqual(['gradient cliff']);
  });

  it('plain modifiers, contraction pieces, inline code and markup are not terms', () => {
    expect(repeated('We saw clear evidence. The clear evidence holds. More clear evidence came.')).toEqual([]);
    expect(repeated("I don't think so. You don't know. They don't care.")).toEqual([]);
    expect(repeated('Run `uv pip install` first. Then `uv pip install` again. Always `uv pip install` it.')).toEqual([]);
    expect(repeated('A <span style="x">one</span>. B <span style="x">two</span>. C <span style="x">three</span>.')).toEqual([]);
  });
});

describe('heading phrases', () => {
  it('drop a leading number word or plain modifier: "Four experiments" and "a small community" name nothing', async () => {
    const { run } = await import('./helpers.ts');
    const html = '<html><body><article><h1>Notes</h1><h3>A Small Community</h3><p>Being in a small community has costs. A small community is nice. The small community grows.</p>' +
      '<h3>Four Experiments</h3><p>We ran four experiments on it. The four experiments differ. All four experiments end.</p></article></body></html>';
    const r = run(html, { format: 'html', name: 'a.html' });
    expect(r.mentions.filter((m) => /experiments|community/i.test(m))).toEqual([]);
  });
});
