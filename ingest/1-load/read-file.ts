// Reading one local file safely: only regular files are opened (a FIFO would block, a device never ends), and
// the byte budget is enforced while reading, because `stat().size` can lie (/proc files, a file still growing).
import { constants, open, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { IngestError } from '../errors.ts';
import { mb, tooLarge } from './decode.ts';

const CHUNK = 64 * 1024;

/** What kind of non-regular file this is, for the error message. */
export function fileKind(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

export const notAFile = (source: string, s: Stats) =>
  new IngestError('NOT_A_FILE', source, `not a regular file (${fileKind(s)}): skipped, Atlas reads only regular files`);

/** A file-system error in Atlas's vocabulary: the path, and what went wrong in words. */
export function fsError(cause: unknown, source: string): IngestError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT' ? 'no such file (or a symlink whose target is missing)'
    : code === 'ELOOP' ? 'symlink loop: the link points back to itself'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' ? 'a part of the path is not a folder'
    : (cause as Error)?.message ?? String(cause);
  return new IngestError('UNREADABLE', source, `cannot read: ${why}`, { cause });
}

/**
 * Reads a regular file of at most `maxBytes`. The path is checked before opening (so a FIFO or a device is
 * never opened), opened non-blocking and checked again on the open descriptor (so a swap between the two
 * checks cannot make it block), then read in chunks that stop one byte past the budget.
 */
export async function readRegularFile(source: string, maxBytes: number): Promise<Buffer> {
  let before: Stats;
  try {
    before = await stat(source);
  } catch (cause) {
    throw fsError(cause, source);
  }
  if (!before.isFile()) throw notAFile(source, before);
  if (before.size > maxBytes) throw tooLarge(source, `file too large: ${mb(before.size)} MB`, maxBytes);
  let fh: FileHandle;
  try {
    fh = await open(source, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (cause) {
    throw fsError(cause, source);
  }
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw notAFile(source, s);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(source, `file too large: more than ${mb(maxBytes)} MB read`, maxBytes);
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (cause) {
    if (cause instanceof IngestError) throw cause;
    throw fsError(cause, source);
  } finally {
    await fh.close();
  }
}
