// LaTeX markup in passages is dropped for display and the mention spans move with their words.
import { describe, expect, it } from 'vitest';
import { readableText } from '../../web/client/src/latex.ts';

const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
const marked = (r: { text: string; spans: { start: number; end: number }[] }) => r.spans.map((s) => r.text.slice(s.start, s.end));

describe('readableText', () => {
  it('keeps the argument of a formatting command and moves the spans after it', () => {
    const text = 'used to find a \\textit{canonical} set of units in sparse autoencoders';
    const r = readableText(text, [at(text, 'canonical'), at(text, 'sparse autoencoders')]);
    expect(r.text).toBe('used to find a canonical set of units in sparse autoencoders');
    expect(marked(r)).toEqual(['canonical', 'sparse autoencoders']);
  });

  it('drops citations and references with the space before them, and turns ~ into a space', () => {
    const text = 'as in RLHF \\citep[see][]{ouyang2022}, shown in Figure~\\ref{fig:main}. Debate helps.';
    const r = readableText(text, [at(text, 'RLHF'), at(text, 'Debate')]);
    expect(r.text).toBe('as in RLHF, shown in Figure. Debate helps.');
    expect(marked(r)).toEqual(['RLHF', 'Debate']);
  });

  it('a span over the whole command covers its words; a span inside dropped markup is left out', () => {
    const text = 'We use \\emph{reward models} here \\cite{x}.';
    const r = readableText(text, [at(text, '\\emph{reward models}'), at(text, 'x}')]);
    expect(r.text).toBe('We use reward models here.');
    expect(marked(r)).toEqual(['reward models']);
  });

  it('leaves text without markup as it is', () => {
    const text = 'Plain text about {braces} and a path C:\\data.';
    expect(readableText(text, [at(text, 'braces')])).toEqual({ text, spans: [at(text, 'braces')] });
  });
});
