// The node boxes placement reserves: labels wrapped as Cytoscape wraps them, and the box of a node with its
// label below, padded like Cytoscape's label bounds.
import { describe, expect, it } from 'vitest';
import { nodeFootprint, wrapLabel } from '../../../web/client/src/graph/label-box.ts';

/** A monospaced measure: 10 units a character. */
const mono = (s: string) => s.length * 10;

describe('wrapLabel', () => {
  it('keeps a line that fits whole', () => {
    expect(wrapLabel('sparse autoencoders', 200, mono)).toEqual(['sparse autoencoders']);
  });
  it('adds words while the line fits, keeping the trailing space as Cytoscape does', () => {
    expect(wrapLabel('alignment policy paper 627', 240, mono)).toEqual(['alignment policy paper ', '627']); // 230 with its space
    expect(wrapLabel('alignment policy paper 627', 200, mono)).toEqual(['alignment policy ', 'paper 627']);
  });
  it('puts a word longer than the width on a line of its own', () => {
    expect(wrapLabel('a interpretability b', 100, mono)).toEqual(['a ', 'interpretability ', 'b']);
  });
  it('wraps each given line on its own', () => {
    expect(wrapLabel('one two\nthree', 50, mono)).toEqual(['one ', 'two', 'three']);
  });
});

describe('nodeFootprint', () => {
  const style = { font: 24, maxWidth: 300, marginY: 4, outline: 5 };
  it('is the shape and its border without a label', () => {
    expect(nodeFootprint({ size: 30, border: 2, label: '' }, style, mono)).toEqual({ left: -17, right: 17, top: -17, bottom: 17 });
  });
  it('adds the label below: lines × font, outline and 2 units of margin on every side', () => {
    // 'alignment policy paper 627' is 260 wide: one line at 300.
    expect(nodeFootprint({ size: 30, label: 'alignment policy paper 627' }, style, mono)).toEqual({ left: -137, right: 137, top: -15, bottom: 15 + 4 + 24 + 7 });
    // At 200 a line, two lines, the widest 170 ('alignment policy ').
    expect(nodeFootprint({ size: 30, label: 'alignment policy paper 627' }, { ...style, maxWidth: 200 }, mono)).toEqual({ left: -92, right: 92, top: -15, bottom: 15 + 4 + 48 + 7 });
  });
  it('counts a taller shape (documents) below the label start', () => {
    expect(nodeFootprint({ size: 40, height: 50, label: 'ab' }, style, mono).bottom).toBe(25 + 4 + 24 + 7);
  });
});
