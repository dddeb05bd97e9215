// Text encodings: a byte-order mark selects UTF-16 or UTF-32, either byte order; invalid sequences are
// errors with their byte offset; a declared charset (HTTP) is honoured; NUL characters mean binary.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../ingest/1-load/index.ts';
import { decodeText, sniffBom } from '../../ingest/1-load/decode.ts';
import { IngestError } from '../../ingest/errors.ts';

const TEXT = 'Sparse autoencoders — “features” in 𝔽 space.\r\nSecond line.';
const EXPECTED = 'Sparse autoencoders — “features” in 𝔽 space.\nSecond line.';

function utf16(s: string, little: boolean): Buffer {
  const b = Buffer.alloc(2 + s.length * 2);
  b.writeUInt16BE(little ? 0xfffe : 0xfeff, 0);
  for (let i = 0; i < s.length; i++) little ? b.writeUInt16LE(s.charCodeAt(i), 2 + i * 2) : b.writeUInt16BE(s.charCodeAt(i), 2 + i * 2);
  return b;
}

function utf32(s: string, little: boolean): Buffer {
  const cps = [0xfeff, ...[...s].map((c) => c.codePointAt(0)!)];
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (little ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
}

function decodeError(bytes: Uint8Array, charset?: string): IngestError {
  try {
    decodeText(bytes, 'mem://x.txt', { charset });
  } catch (e) {
    return e as IngestError;
  }
  throw new Error('expected a decoding error');
}

describe('decoding', () => {
  it.each([
    ['UTF-16 LE', utf16(TEXT, true), 'utf-16le'],
    ['UTF-16 BE', utf16(TEXT, false), 'utf-16be'],
    ['UTF-32 LE', utf32(TEXT, true), 'utf-32le'],
    ['UTF-32 BE', utf32(TEXT, false), 'utf-32be'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8'],
  ])('reads %s (with its byte-order mark) as text, not binary', async (_name, bytes, encoding) => {
    expect(sniffBom(bytes)?.encoding).toBe(encoding);
    expect(decodeText(bytes, 'mem://x.txt')).toBe(EXPECTED);
    const dir = mkdtempSync(join(tmpdir(), 'atlas-enc-'));
    writeFileSync(join(dir, 'doc.txt'), bytes);
    const doc = await loadDocument(join(dir, 'doc.txt'));
    expect(doc.text).toBe(EXPECTED);
    expect(doc.format).toBe('text');
  });

  it('names the byte offset of a lone surrogate in UTF-16 and of a code point past U+10FFFF in UTF-32', () => {
    const lone = utf16('ab', true);
    const bad16 = Buffer.concat([lone, Buffer.from([0x00, 0xd8, 0x41, 0x00])]); // U+D800 then "A"
    const e16 = decodeError(bad16);
    expect([e16.code, e16.position, e16.message]).toEqual(['INVALID_ENCODING', { unit: 'byte', offset: 6 }, 'invalid UTF-16LE at byte 6: not a Unicode character']);
    const bad32 = Buffer.concat([utf32('a', false), Buffer.from([0x00, 0x11, 0x00, 0x00])]);
    const e32 = decodeError(bad32);
    expect([e32.code, e32.position]).toEqual(['INVALID_ENCODING', { unit: 'byte', offset: 8 }]);
    const odd = decodeError(Buffer.concat([utf16('ab', false), Buffer.from([0x00])]));
    expect([odd.code, odd.position, odd.message]).toEqual(['INVALID_ENCODING', { unit: 'byte', offset: 6 }, 'invalid UTF-16BE at byte 6: the file ends inside a character']);
  });

  it('calls NUL characters inside UTF-16 text binary, with their byte offset', () => {
    const e = decodeError(utf16('ab\u0000c', true));
    expect([e.code, e.position]).toEqual(['BINARY', { unit: 'byte', offset: 6 }]);
  });

  it('honours a declared charset when there is no byte-order mark, and ignores an unknown one', () => {
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'mem://x', { charset: 'iso-8859-1' })).toBe('café');
    expect(decodeText(Buffer.from('café'), 'mem://x', { charset: 'x-no-such-charset' })).toBe('café');
    // a BOM wins over what the server says
    expect(decodeText(utf16('ok', true), 'mem://x', { charset: 'iso-8859-1' })).toBe('ok');
  });
});
