#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's loader, so there is no separate build step.
//
// The command runs in a child Node with a bounded old space (ATLAS_HEAP_MB, default 700 MB). Left alone, V8
// lets a busy heap grow towards 4 GB before it collects, and most of it is garbage: a whole-corpus ingest
// whose live data stays under 450 MB peaked at 1.7 GB. Should the data outgrow the bound, the command runs
// again with twice the budget (an ingest resumes where it stopped: what was written stays, nothing doubles).
// A Node started with its own --max-old-space-size, or ATLAS_HEAP_MB=0, runs the CLI in this process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HEAP_FLAG = /^--max-old-space-size(=|$)/;
const budget = Number(process.env.ATLAS_HEAP_MB ?? 700);
const inProcess = process.env.ATLAS_CLI_CHILD === '1' || budget === 0 || !Number.isFinite(budget) || process.execArgv.some((a) => HEAP_FLAG.test(a));

if (inProcess) {
  if (process.env.ATLAS_CLI_CHILD === '1') {
    // Dies with its launcher: a launcher killed outright (SIGKILL cannot be forwarded) takes the command along.
    const launcher = process.ppid;
    setInterval(() => process.ppid !== launcher && process.kill(process.pid, 'SIGKILL'), 200).unref();
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
} else {
  const MAX_RETRIES = 2;
  const run = (heapMb) =>
    new Promise((done) => {
      const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
        stdio: 'inherit',
        env: { ...process.env, ATLAS_CLI_CHILD: '1' },
      });
      // A terminal's Ctrl-C reaches the child too (one process group); a signal sent to this process alone is
      // passed on. Either way the child decides how to stop, and this process follows.
      const forward = (sig) => child.kill(sig);
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
      for (const s of signals) process.on(s, forward);
      child.once('exit', (code, signal) => {
        for (const s of signals) process.off(s, forward);
        done({ code, signal });
      });
    });
  let heap = budget;
  for (let attempt = 0; ; attempt++) {
    const { code, signal } = await run(heap);
    // V8 aborts when live data fills the old space ("JavaScript heap out of memory").
    if (signal === 'SIGABRT' && attempt < MAX_RETRIES) {
      process.stderr.write(`atlas: the command outgrew its ${heap} MB heap; running it again with ${heap * 2} MB (set ATLAS_HEAP_MB to start higher)\n`);
      heap *= 2;
      continue;
    }
    if (signal === 'SIGABRT') process.exit(134);
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  }
}
