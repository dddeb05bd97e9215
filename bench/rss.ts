// Peak resident memory of a process (VmHWM in /proc, Linux), and an `atlas ingest` child run to measure it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Neo4jTarget } from '../neo4j/connect.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Peak RSS in MB so far, or NaN where /proc is not available. */
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The pids of a process and of all its descendants (Linux: /proc/<pid>/task/<tid>/children). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${out[i]}/task`)) {
        for (const c of readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) out.push(Number(c));
      }
    } catch {
      // gone in between
    }
  }
  return out;
}

/**
 * Peak RSS of a process and its descendants, summed: `atlas` runs its command in a child Node (bin/atlas.js),
 * so the launcher alone would say nothing. The sum of peaks bounds the peak of the sum from above.
 */
export function treePeakRssMb(pid: number): number {
  return processTree(pid).reduce((a, p) => a + (peakRssMb(p) || 0), 0);
}

export interface ChildIngest {
  seconds: number;
  peakRssMb: number;
  summary: { written: number; unchanged: number; failed: number; mentions: number; relations: number };
}

/** `atlas ingest --json <inputs>` in a child process against `target`, its peak RSS (with its own child's) sampled until it exits. */
export async function ingestInChild(inputs: string[], target: Neo4jTarget, env: Record<string, string> = {}): Promise<ChildIngest> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'atlas.js'), 'ingest', '--json', ...inputs], {
    env: { ...process.env, NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b));
  child.stderr.on('data', (b: Buffer) => (err += b));
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, treePeakRssMb(child.pid!))), 100);
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  clearInterval(poll);
  if (code !== 0 && code !== 1) throw new Error(`atlas ingest exited ${code}: ${err.slice(-2000)}`);
  const json = out.slice(out.indexOf('{'));
  return { seconds: (performance.now() - t0) / 1000, peakRssMb: peak, summary: JSON.parse(json.slice(0, json.lastIndexOf('}') + 1)) };
}
