// Server info: the record (server.json) a running local instance leaves in its data dir, and whether the
// process it names is still alive and answering — what `db status`, `db stop` and the CLI's reuse rely on.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { DbUnavailable } from './errors.ts';
import { DEFAULT_DATA_DIR, files, sleep } from './paths.ts';

export const STOP_TIMEOUT_MS = 60_000;

export interface ServerInfo {
  pid: number;
  port: number;
  uri: string;
  startedAt: string;
  ownerPid: number;
}

export async function readServerInfo(dataDir: string): Promise<ServerInfo | undefined> {
  try {
    return JSON.parse(await fs.readFile(files(dataDir).serverJson, 'utf8')) as ServerInfo;
  } catch {
    return undefined;
  }
}

export async function writeServerInfo(dataDir: string, info: ServerInfo): Promise<void> {
  const file = files(dataDir).serverJson;
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file); // readers never see half a file
}

/** Synchronous so it also works from exit paths; only removes the record if it still describes `pid`. */
export function removeServerInfo(dataDir: string, pid: number): void {
  const file = files(dataDir).serverJson;
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as ServerInfo).pid !== pid) return;
  } catch {
    // unreadable: stale either way
  }
  rmSync(file, { force: true });
}

/** A recorded pid may have been reused by an unrelated process after a crash; on Linux check it is ours. */
export function isLauncherAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('atlas.neo4j.Launcher'); // '' for a zombie
  } catch {
    return false;
  }
}

export async function localStatus(
  dataDir: string = DEFAULT_DATA_DIR,
): Promise<{ running: boolean; pid?: number; uri?: string; dataDir: string }> {
  dataDir = path.resolve(dataDir);
  const info = await readServerInfo(dataDir);
  if (!info || !isLauncherAlive(info.pid)) return { running: false, dataDir };
  // Alive but not answering (starting, wedged): report the pid so the caller can say what holds the dir.
  if (!(await tcpAnswers(info.port))) return { running: false, pid: info.pid, dataDir };
  return { running: true, pid: info.pid, uri: info.uri, dataDir };
}

/** SIGTERM to the recorded launcher and wait for it to close the store. false: nothing was running. */
export async function stopLocalNeo4j(dataDir: string = DEFAULT_DATA_DIR): Promise<boolean> {
  dataDir = path.resolve(dataDir);
  const info = await readServerInfo(dataDir);
  if (!info) return false;
  if (!isLauncherAlive(info.pid)) {
    removeServerInfo(dataDir, info.pid);
    return false;
  }
  process.kill(info.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isLauncherAlive(info.pid)) {
    if (Date.now() > deadline) {
      throw new DbUnavailable(`Neo4j (pid ${info.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; see ${files(dataDir).log}`);
    }
    await sleep(100);
  }
  removeServerInfo(dataDir, info.pid);
  return true;
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function tcpAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
