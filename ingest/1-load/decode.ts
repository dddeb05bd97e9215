// Bytes to text, exactly. A byte-order mark selects UTF-16 or UTF-32 (little or big endian); without one the
// text is UTF-8, or the charset a web server declared. Invalid sequences are an error naming the byte offset,
// never silently replaced, because a replaced character would shift every offset provenance depends on.
import { IngestError } from '../errors.ts';

/** Largest document Atlas reads by default; bigger files get a clear error instead of stalling the batch. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface DecodeOptions {
  maxBytes?: number;
  /** A charset declared outside the bytes (an HTTP Content-Type); a byte-order mark wins over it. */
  charset?: string;
}

export const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

export function tooLarge(source: string, what: string, maxBytes: number): IngestError {
  return new IngestError('TOO_LARGE', source, `${what} is over the ${mb(maxBytes)} MB limit (set ATLAS_MAX_BYTES to raise it)`);
}

/** The encoding a byte-order mark announces, and the mark's length; UTF-32 LE is tested before UTF-16 LE (same first two bytes). */
export function sniffBom(b: Uint8Array): { encoding: TextEncodingName; bom: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', bom: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bom: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return undefined;
}

/** Decodes a whole text file or response body; throws EMPTY, TOO_LARGE, BINARY, INVALID_UTF8 or INVALID_ENCODING. */
export function decodeText(bytes: Uint8Array, source: string, opts: DecodeOptions = {}): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new IngestError('EMPTY', source, 'empty file: nothing to ingest');
  if (bytes.length > maxBytes) throw tooLarge(source, `file too large: ${mb(bytes.length)} MB`, maxBytes);
  const sniffed = sniffBom(bytes);
  let text: string;
  if (sniffed && sniffed.encoding !== 'utf-8') text = decodeWide(bytes, sniffed.encoding, sniffed.bom, source);
  else if (!sniffed && opts.charset && !isUtf8Label(opts.charset)) text = decodeDeclared(bytes, opts.charset, source);
  else text = decodeUtf8Bytes(bytes, source);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Normalise line ends once, here, so every later offset refers to the same text.
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new IngestError('EMPTY', source, 'empty file: only whitespace');
  return text;
}

const isUtf8Label = (label: string) => /^\s*(utf-?8|unicode-1-1-utf-8)\s*$/i.test(label);

function decodeUtf8Bytes(bytes: Uint8Array, source: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new IngestError('BINARY', source, 'binary file (NUL byte): not a text document', { position: nul });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const position = firstInvalidUtf8(bytes);
    throw new IngestError('INVALID_UTF8', source, `invalid UTF-8 at byte ${position}: re-save the file as UTF-8`, { position, cause });
  }
}

/** A charset a server declared (ISO-8859-1, windows-1252, Shift_JIS …), decoded by the platform's TextDecoder. */
function decodeDeclared(bytes: Uint8Array, charset: string, source: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset.trim(), { fatal: true });
  } catch {
    return decodeUtf8Bytes(bytes, source); // an unknown label: read it as the web's default
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (cause) {
    throw new IngestError('INVALID_ENCODING', source, `not valid ${charset} as the server declared`, { cause });
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) throw new IngestError('BINARY', source, 'binary content (NUL character): not a text document');
  return text;
}

/** UTF-16 and UTF-32 after their byte-order mark; positions in errors are byte offsets into the file. */
function decodeWide(bytes: Uint8Array, encoding: TextEncodingName, bom: number, source: string): string {
  const unit = encoding.startsWith('utf-32') ? 4 : 2;
  const little = encoding.endsWith('le');
  if ((bytes.length - bom) % unit !== 0) {
    const position = bytes.length - ((bytes.length - bom) % unit);
    throw new IngestError('INVALID_ENCODING', source, `invalid ${encoding.toUpperCase()} at byte ${position}: the file ends inside a character`, { position });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const codeUnits: number[] = [];
  const parts: string[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...codeUnits));
    codeUnits.length = 0;
  };
  for (let i = bom; i < bytes.length; i += unit) {
    let cp: number;
    if (unit === 2) {
      const hi = view.getUint16(i, little);
      if (hi >= 0xd800 && hi <= 0xdbff) {
        const lo = i + 2 < bytes.length ? view.getUint16(i + 2, little) : -1;
        if (lo < 0xdc00 || lo > 0xdfff) throw invalidWide(encoding, i, source);
        cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
        i += 2;
      } else if (hi >= 0xdc00 && hi <= 0xdfff) throw invalidWide(encoding, i, source);
      else cp = hi;
    } else {
      cp = view.getUint32(i, little);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw invalidWide(encoding, i, source);
    }
    if (cp === 0) throw new IngestError('BINARY', source, 'binary content (NUL character): not a text document', { position: i });
    if (cp >= 0x10000) codeUnits.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else codeUnits.push(cp);
    if (codeUnits.length >= 8192) flush();
  }
  flush();
  return parts.join('');
}

const invalidWide = (encoding: string, position: number, source: string) =>
  new IngestError('INVALID_ENCODING', source, `invalid ${encoding.toUpperCase()} at byte ${position}: not a Unicode character`, { position });

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need = 0;
    if (c < 0x80) need = 0;
    else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return b.length;
}
