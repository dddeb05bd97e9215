// The user's inputs (files, folders, URLs) expanded into single sources. Every problem is the error of the
// entry it is about — an unlistable subfolder, a FIFO, a dangling symlink, a symlink loop — and the walk goes
// on past it. Symlinks are followed, each real folder and file is visited once, and a link back to a folder
// being walked is reported as a loop instead of being walked forever.
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { IngestError } from '../errors.ts';
import { fsError, notAFile } from './read-file.ts';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf'];

export const isUrl = (s: string) => /^https?:\/\//i.test(s);
const supported = (name: string) => SUPPORTED_EXTENSIONS.includes(extname(name).toLowerCase());

export interface SourceList {
  sources: string[];
  errors: IngestError[];
}

/**
 * Folders are walked recursively (hidden entries skipped, entries sorted so runs are reproducible);
 * unsupported files in folders are ignored; a path given explicitly is always listed or reported.
 */
export async function listSources(inputs: string[]): Promise<SourceList> {
  const walk = new Walk();
  for (const input of inputs) {
    if (isUrl(input)) walk.add(input, input);
    else await walk.input(resolve(input));
  }
  return { sources: walk.sources, errors: walk.errors };
}

class Walk {
  readonly sources: string[] = [];
  readonly errors: IngestError[] = [];
  private readonly seen = new Set<string>(); // real paths of files and folders already taken
  private readonly open: string[] = []; // real paths of the folders being walked (ancestors of the current entry)

  add(source: string, real: string): void {
    if (this.seen.has(real)) return;
    this.seen.add(real);
    this.sources.push(source);
  }

  async input(abs: string): Promise<void> {
    const found = await resolved(abs);
    if ('cause' in found) {
      const { cause } = found;
      this.errors.push((cause as NodeJS.ErrnoException)?.code === 'ENOENT' ? new IngestError('UNREADABLE', abs, 'no such file or folder', { cause }) : fsError(cause, abs));
      return;
    }
    const { s, real } = found;
    if (s.isDirectory()) await this.folder(abs, real);
    else if (s.isFile()) this.add(abs, real);
    else this.errors.push(notAFile(abs, s));
  }

  private async folder(path: string, real: string): Promise<void> {
    if (this.seen.has(real)) return;
    this.seen.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (cause) {
      this.errors.push(new IngestError('UNREADABLE', path, `cannot list folder: ${fsError(cause, path).message.replace(/^cannot read: /, '')}`, { cause }));
      return;
    }
    this.open.push(real);
    try {
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (e.name.startsWith('.')) continue;
        await this.entry(join(path, e.name), join(real, e.name), e);
      }
    } finally {
      this.open.pop();
    }
  }

  private async entry(path: string, realGuess: string, e: Dirent): Promise<void> {
    if (e.isDirectory()) return this.folder(path, realGuess);
    if (e.isFile()) {
      if (supported(e.name)) this.add(path, realGuess);
      return;
    }
    if (e.isSymbolicLink()) return this.link(path, e.name);
    // FIFOs, sockets and devices: reported where the name says it would be a document, never opened.
    if (supported(e.name)) {
      try {
        this.errors.push(notAFile(path, await stat(path)));
      } catch (cause) {
        this.errors.push(fsError(cause, path));
      }
    }
  }

  /** A symlink inside a folder: followed once; dangling links and loops are reported for names that could be documents or folders. */
  private async link(path: string, name: string): Promise<void> {
    const mayMatter = supported(name) || extname(name) === '';
    const found = await resolved(path);
    if ('cause' in found) {
      if (mayMatter) this.errors.push(fsError(found.cause, path));
      return;
    }
    const { s, real } = found;
    if (s.isDirectory()) {
      if (this.open.includes(real)) {
        this.errors.push(new IngestError('UNREADABLE', path, `symlink loop: the link points back to the folder ${real}, which is being read; not followed`));
        return;
      }
      return this.folder(path, real);
    }
    if (!supported(name)) return; // the loader reads by the name's extension
    if (s.isFile()) this.add(path, real);
    else this.errors.push(notAFile(path, s));
  }
}

/** What a path is once symlinks are followed, and its real path; or why that cannot be known. */
async function resolved(path: string): Promise<{ s: Stats; real: string } | { cause: unknown }> {
  try {
    return { s: await stat(path), real: await realpath(path) };
  } catch (cause) {
    return { cause };
  }
}
