// Console parameters: which `$name`s a query uses and how each input's text becomes a typed value.
import { describe, expect, it } from 'vitest';
import { convert, paramFromValue, paramNames, paramValues } from '../../../web/client/src/console/params.ts';

describe('paramNames', () => {
  it('lists each parameter once, in order, ignoring strings and comments', () => {
    expect(paramNames("MATCH (n {name: $name}) WHERE n.x = '$notme' // $nor\nRETURN n, $limit, $name")).toEqual(['name', 'limit']);
  });
});

describe('convert', () => {
  it('types the input text', () => {
    expect(convert('int', ' 42 ')).toBe(42);
    expect(convert('float', '0.5')).toBe(0.5);
    expect(convert('bool', 'true')).toBe(true);
    expect(convert('bool', 'no')).toBe(false);
    expect(convert('json', '{"a":[1]}')).toEqual({ a: [1] });
    expect(convert('json', '{broken')).toBe('{broken');
    expect(convert('string', '  spaced ')).toBe('  spaced ');
    expect(convert('int', '   ')).toBeNull();
  });
});

describe('paramFromValue / paramValues', () => {
  it('gives a linked value an input of its type and converts it back unchanged', () => {
    const given = { n: 3, f: 0.25, b: false, o: { k: ['v'] }, s: 'text', z: null };
    const defs = Object.entries(given).map(([k, v]) => paramFromValue(k, v));
    expect(defs.map((d) => d.type)).toEqual(['int', 'float', 'bool', 'json', 'string', 'string']);
    expect(paramValues(defs)).toEqual(given);
  });
});
