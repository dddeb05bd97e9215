import { IngestError } from '../errors.ts';

/** Largest document Atlas reads by default; bigger files get a clear error instead of stalling the batch. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Bytes to text. UTF-8 only: invalid sequences are an error naming the byte offset, because a silently
 * replaced character would shift every offset that provenance depends on.
 */
export function decodeUtf8(bytes: Uint8Array, source: string, maxBytes = DEFAULT_MAX_BYTES): string {
  if (bytes.length === 0) throw new IngestError('EMPTY', source, 'empty file: nothing to ingest');
  if (bytes.length > maxBytes) {
    throw new IngestError('TOO_LARGE', source, `file too large: ${mb(bytes.length)} MB is over the ${mb(maxBytes)} MB limit (set ATLAS_MAX_BYTES to raise it)`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new IngestError('BINARY', source, 'binary file (NUL byte): not a text document', { position: nul });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const position = firstInvalidUtf8(bytes);
    throw new IngestError('INVALID_UTF8', source, `invalid UTF-8 at byte ${position}: re-save the file as UTF-8`, { position, cause });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Normalise line ends once, here, so every later offset refers to the same text.
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new IngestError('EMPTY', source, 'empty file: only whitespace');
  return text;
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

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
