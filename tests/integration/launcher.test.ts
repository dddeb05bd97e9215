// bin/atlas.js runs the command in a child Node (tests/unit/cli/launcher.test.ts): a signal to the launcher
// reaches the command, and a launcher killed outright takes the command along instead of leaving it running.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'atlas.js');

const childrenOf = (pid: number): number[] =>
  readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
const alive = (pid: number): boolean => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

/** `atlas serve` on a free port, once it prints its URL: the launcher and the command it runs. */
async function serve() {
  const launcher = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  launcher.stdout.on('data', (b: Buffer) => (out += b));
  launcher.stderr.on('data', (b: Buffer) => (out += b));
  const exited = new Promise<{ code: number | null; signal: string | null }>((ok) => launcher.once('exit', (code, signal) => ok({ code, signal })));
  const deadline = Date.now() + 60_000;
  while (!/Atlas explorer: http/.test(out)) {
    if (Date.now() > deadline || launcher.exitCode !== null) throw new Error(`atlas serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const [command] = childrenOf(launcher.pid!);
  expect(command).toBeGreaterThan(0);
  return { launcher, command, exited, output: () => out };
}

async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (cond()) return true;
  return cond();
}

describe('the atlas launcher', () => {
  it('passes SIGTERM on to the command, which stops cleanly, and exits with it', async () => {
    const s = await serve();
    s.launcher.kill('SIGTERM');
    const { code, signal } = await s.exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(await until(() => !alive(s.command))).toBe(true);
  }, 90_000);

  it('takes the command along when it is killed outright', async () => {
    const s = await serve();
    expect(alive(s.command)).toBe(true);
    s.launcher.kill('SIGKILL');
    await s.exited;
    expect(await until(() => !alive(s.command))).toBe(true);
  }, 90_000);
});
