// Passages from arXiv sources keep some LaTeX (`\textit{canonical}`, `\cite{…}`, `~`); shown as they are,
// they read as noise. readableText drops the markup for display and moves the mention spans with the text,
// so a highlighted mention still covers its words. Pure; the stored text is not changed.

export interface Span {
  start: number;
  end: number;
}

/** Commands whose argument is text to keep (`\textit{x}` → x). */
const KEEP = 'textit|textbf|textsc|texttt|textrm|textsf|textsl|textup|text|emph|underline|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|operatorname|url';
/** Commands whose argument is dropped with them (references, labels). */
const DROP = 'cite[tp]?|citep|citet|citealp|citeauthor|ref|eqref|autoref|cref|Cref|label|footnote';
const MARKUP = new RegExp(`\\\\(?:(${KEEP})|(${DROP}))\\*?(?:\\[[^\\]{}]*\\])*\\{([^{}]*)\\}|~(?=\\S)`, 'g');

/** The text without LaTeX markup, and the spans at the same words in it (a span inside dropped markup
 *  shrinks to nothing and is left out). */
export function readableText<S extends Span>(text: string, spans: readonly S[]): { text: string; spans: S[] } {
  // at[i]: where input offset i lands in the output.
  const at = new Array<number>(text.length + 1);
  let out = '';
  let i = 0;
  const copy = (to: number) => {
    for (; i < to; i++) {
      at[i] = out.length;
      out += text[i];
    }
  };
  for (const m of text.matchAll(MARKUP)) {
    copy(m.index);
    const end = m.index + m[0].length;
    if (m[0] === '~') {
      at[i++] = out.length;
      out += ' ';
      continue;
    }
    if (m[1]) {
      const argStart = end - 1 - m[3].length;
      for (; i < argStart; i++) at[i] = out.length;
      copy(argStart + m[3].length);
      for (; i < end; i++) at[i] = out.length;
    } else {
      for (; i < end; i++) at[i] = out.length;
      // "word \cite{x}." → "word.": the space before a dropped reference goes too.
      if (out.endsWith(' ') && /^[\s.,;:)]/.test(text.slice(end, end + 1) || '.')) {
        out = out.slice(0, -1);
        for (let k = m.index; k < end; k++) at[k] = out.length;
      }
    }
  }
  copy(text.length);
  at[text.length] = out.length;
  const moved = spans
    .map((s) => ({ ...s, start: at[Math.max(0, Math.min(text.length, s.start))], end: at[Math.max(0, Math.min(text.length, s.end))] }))
    .filter((s) => s.end > s.start);
  return { text: out, spans: moved };
}
