// The API's request parsing without a database: exact JSON media types, bounded JSON depth, whole-number
// query parameters, percent-decoding of path arguments, file paths reduced to their names.
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../errors/index.ts';
import { QueryParams, isJsonMediaType, jsonDepth, routeArgument } from '../../web/server/http.ts';
import { shownSource } from '../../web/server/serialize.ts';

const thrown = (f: () => unknown): AtlasError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AtlasError) return e;
    throw e;
  }
  throw new Error('expected an AtlasError');
};

describe('JSON media type', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"'])('accepts %s', (t) => {
    expect(isJsonMediaType(t)).toBe(true);
  });
  it.each([
    undefined,
    '',
    'text/plain; x=application/json',
    'text/plain;application/json',
    'application/json-patch+json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=application/json',
    'application/json; charset=latin1',
    'application/json; x=1',
    'application/jsonx',
    'application/json, text/plain',
  ])('refuses %s', (t) => {
    expect(isJsonMediaType(t)).toBe(false);
  });
});

describe('JSON depth', () => {
  it('measures nesting without recursion, even 100k levels deep', () => {
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(jsonDepth(deep)).toBe(33); // stops counting past the limit of 32
  });
});

describe('query parameters', () => {
  const q = (s: string) => new QueryParams(new URLSearchParams(s));
  it('reads whole numbers within range and defaults when absent', () => {
    expect(q('maxHops=3').int('maxHops', 8, { min: 1, max: 15 })).toBe(3);
    expect(q('').int('maxHops', 8, { min: 1, max: 15 })).toBe(8);
    expect(q('maxHops=').int('maxHops', 8, { min: 1, max: 15 })).toBe(8);
  });
  it.each(['maxHops=2.5', 'maxHops=1.5', 'maxHops=1e1', 'maxHops=abc', 'maxHops=0', 'maxHops=16', 'maxHops=-1', 'maxHops=0x3'])('refuses %s', (s) => {
    const e = thrown(() => q(s).int('maxHops', 8, { min: 1, max: 15 }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.httpStatus).toBe(400);
    expect(e.message).toBe(`"maxHops" must be a whole number from 1 to 15; got "${s.slice('maxHops='.length)}".`);
  });
  it('refuses docs=1e12', () => {
    expect(thrown(() => q('docs=1e12').int('docs', 25, { min: 1, max: 500 })).httpStatus).toBe(400);
  });
});

describe('path arguments', () => {
  it('decodes escapes and refuses malformed ones with a 400', () => {
    expect(routeArgument(['concept%3Asparse%20autoencoder'])).toBe('concept:sparse autoencoder');
    const e = thrown(() => routeArgument(['%ZZ']));
    expect(e.httpStatus).toBe(400);
    expect(e.message).toMatch(/malformed percent-escape/);
  });
});

describe('document sources shown to the browser', () => {
  it('keeps URLs and reduces file paths to the file name', () => {
    expect(shownSource('/home/someone/corpora/posts/a post.md')).toBe('a post.md');
    expect(shownSource('https://example.org/x?y=1')).toBe('https://example.org/x?y=1');
    expect(shownSource(null)).toBe('');
  });
});
