// Special files and awkward folders: only regular files are read, never a FIFO or a device; sizes are
// enforced while reading; every unreadable entry is its own error and the walk goes on; symlinks are followed
// once and loops reported. Real FIFOs, sockets, symlinks and (as an unprivileged user) an unlistable folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSources, loadDocument } from '../../ingest/1-load/index.ts';
import { IngestError } from '../../ingest/errors.ts';
import { readRegularFile } from '../../ingest/1-load/read-file.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-files-'));
  chmodSync(dir, 0o755);
  return dir;
}

async function loadError(path: string, opts = {}): Promise<IngestError> {
  const e = await loadDocument(path, opts).then(() => undefined, (x: unknown) => x);
  if (!(e instanceof IngestError)) throw new Error(`expected ${path} to fail with an IngestError, got ${String(e)}`);
  return e;
}

async function socketAt(path: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
}

const rel = (dir: string, paths: string[]) => paths.map((p) => p.slice(dir.length + 1));

describe('special files', () => {
  it('skips a FIFO named .txt with NOT_A_FILE, without opening it, and lists the good file beside it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), 'A good document about reward hacking.');
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const { sources, errors } = await listSources([dir]);
    expect(rel(dir, sources)).toEqual(['good.txt']);
    expect(errors.map((e) => [e.code, e.source.slice(dir.length + 1), e.message])).toEqual([
      ['NOT_A_FILE', 'pipe.txt', 'not a regular file (a named pipe (FIFO)): skipped, Atlas reads only regular files'],
    ]);
    // given explicitly, it fails at once too (opening a FIFO for reading would block until a writer came)
    const e = await loadError(join(dir, 'pipe.txt'));
    expect(e.code).toBe('NOT_A_FILE');
  });

  it('refuses a .txt symlink to /dev/zero at once, as a device, and a socket named .md', async () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    await socketAt(join(dir, 'sock.md'));
    const before = process.memoryUsage().rss;
    const zero = await loadError(join(dir, 'zero.txt'));
    expect([zero.code, zero.message]).toEqual(['NOT_A_FILE', 'not a regular file (a character device): skipped, Atlas reads only regular files']);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    const { sources, errors } = await listSources([dir]);
    expect(sources).toEqual([]);
    expect(errors.map((e) => [e.code, e.source.slice(dir.length + 1)])).toEqual([
      ['NOT_A_FILE', 'sock.md'],
      ['NOT_A_FILE', 'zero.txt'],
    ]);
    expect(errors[0].message).toContain('(a socket)');
  });

  it('enforces the byte budget while reading, not only from stat (a /proc file says it has 0 bytes)', async () => {
    const dir = tempDir();
    symlinkSync('/proc/self/maps', join(dir, 'maps.txt'));
    const e = await readRegularFile(join(dir, 'maps.txt'), 64).then(() => undefined, (x: IngestError) => x);
    expect(e?.code).toBe('TOO_LARGE');
    expect(e?.message).toBe('file too large: more than 0.0 MB read is over the 0.0 MB limit (set ATLAS_MAX_BYTES to raise it)');
    // within the budget the same file reads whole
    expect((await readRegularFile(join(dir, 'maps.txt'), 10 * 1024 * 1024)).length).toBeGreaterThan(64);
  });
});

describe('unreadable entries skip themselves, not their folder', () => {
  it('reports a dangling symlink and keeps the files beside it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), '# A');
    writeFileSync(join(dir, 'c.md'), '# C');
    symlinkSync(join(dir, 'missing.md'), join(dir, 'b.md'));
    symlinkSync(join(dir, 'missing.png'), join(dir, 'picture.png')); // not a document name: ignored like any .png
    const { sources, errors } = await listSources([dir]);
    expect(rel(dir, sources)).toEqual(['a.md', 'c.md']);
    expect(errors.map((e) => [e.code, e.source.slice(dir.length + 1), e.message])).toEqual([
      ['UNREADABLE', 'b.md', 'cannot read: no such file (or a symlink whose target is missing)'],
    ]);
  });

  it('reports a subfolder it may not list, and lists its siblings (run as an unprivileged user)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'closed'));
    mkdirSync(join(dir, 'open'));
    writeFileSync(join(dir, 'closed', 'secret.txt'), 'hidden');
    writeFileSync(join(dir, 'open', 'b.txt'), 'B');
    writeFileSync(join(dir, 'z.txt'), 'Z');
    chmodSync(join(dir, 'closed'), 0o000);
    // root ignores permissions, so the listing runs as "nobody" when the tests run as root
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'fixtures', 'list-sources.ts'), dir], { cwd: ROOT, encoding: 'utf8', ...asUser, env: { ...process.env, HOME: tmpdir() } });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { sources: string[]; errors: Array<{ code: string; source: string; message: string }> };
    expect(rel(dir, out.sources)).toEqual(['open/b.txt', 'z.txt']);
    expect(out.errors).toEqual([{ code: 'UNREADABLE', source: join(dir, 'closed'), message: 'cannot list folder: permission denied' }]);
  });
});

describe('symlinks', () => {
  it('follows a linked folder once and reports a link back to a folder being walked as a loop', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'notes', 'n.md'), '# N');
    writeFileSync(join(dir, 'notes', 'deeper', 'd.md'), '# D');
    symlinkSync(join(dir, 'notes'), join(dir, 'notes', 'deeper', 'up')); // a loop: deeper/up → notes
    symlinkSync(join(dir, 'notes', 'deeper'), join(dir, 'shortcut')); // the same folder by a second path
    symlinkSync('self.txt', join(dir, 'self.txt')); // a link to itself
    const { sources, errors } = await listSources([dir]);
    expect(rel(dir, sources)).toEqual(['notes/deeper/d.md', 'notes/n.md']);
    expect(errors.map((e) => [e.code, e.source.slice(dir.length + 1), e.message.split(':')[0]])).toEqual([
      ['UNREADABLE', 'notes/deeper/up', 'symlink loop'],
      ['UNREADABLE', 'self.txt', 'cannot read'],
    ]);
    expect(errors[1].message).toBe('cannot read: symlink loop: the link points back to itself');
  });

  it('reads a file through a symlink, and the same file reached twice only once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.md'), '# Real');
    symlinkSync(join(dir, 'real.md'), join(dir, 'alias.md'));
    const { sources, errors } = await listSources([dir, join(dir, 'real.md')]);
    expect(rel(dir, sources)).toEqual(['alias.md']);
    expect(errors).toEqual([]);
    expect((await loadDocument(join(dir, 'alias.md'))).text).toBe('# Real');
  });
});
