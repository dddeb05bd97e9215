// bin/atlas.js runs each command in a child Node with a bounded heap and, when the command outgrows it, runs
// it again with twice the heap. (Its signal handling needs a long-running command: tests/integration/launcher.test.ts.)
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'atlas.js');
const run = promisify(execFile);

describe('the atlas launcher', () => {
  it('runs a command that outgrows its heap again with twice the heap, and ends as that run ends', async () => {
    // 8 MB is too small for loading the CLI itself; the retry's 16 or 32 MB is enough for --help.
    const { stdout, stderr } = await run(process.execPath, [BIN, '--help'], { env: { ...process.env, ATLAS_HEAP_MB: '8' } });
    expect(stderr).toMatch(/atlas: the command outgrew its 8 MB heap; running it again with 16 MB/);
    expect(stdout).toMatch(/^Usage: atlas /m);
  });

  it('passes the command\'s exit code on', async () => {
    const err = await run(process.execPath, [BIN, 'no-such-command']).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/unknown command 'no-such-command'/);
    expect(err.stderr).not.toMatch(/outgrew/);
  });
});
