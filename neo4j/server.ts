// Lifecycle of Atlas's local Neo4j 5.26 Community: an embedded DBMS (neo4j/src/main/java/atlas/neo4j/Launcher.java)
// run as a child JVM, reachable over Bolt on 127.0.0.1 only, one instance per data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openDriver, type Neo4jTarget } from './connect.ts';
import { DbAlreadyRunning, DbUnavailable } from './errors.ts';

export { openDriver, type Neo4jTarget } from './connect.ts';
export { DbAlreadyRunning, DbUnavailable } from './errors.ts';

const NEO4J_DIR = path.dirname(fileURLToPath(import.meta.url));
const BUILD_DIR = path.join(NEO4J_DIR, 'target');
export const DEFAULT_DATA_DIR = path.join(path.dirname(NEO4J_DIR), '.atlas', 'neo4j');

const DEFAULT_PORT = 7687;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;
const READY_LINE = /^ATLAS_NEO4J_READY (bolt:\/\/127\.0\.0\.1:(\d+))$/;

// Sized for a 2-core, shared machine. ParallelGC: throughput without G1's concurrent threads competing for the
// two cores. The --add-opens and -D flags are the ones Neo4j's own neo4j.conf ships (page cache and Netty need
// them). JVM warnings go to stderr because stdout carries the READY line. ATLAS_NEO4J_JVM_OPTS is appended,
// so e.g. ATLAS_NEO4J_JVM_OPTS=-Xmx4g overrides the heap for a big ingest.
const JVM_FLAGS = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+UseParallelGC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Xlog:disable',
  '-Xlog:all=warning:stderr',
];

export interface LocalNeo4j {
  target: Neo4jTarget;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

interface ServerInfo {
  pid: number;
  port: number;
  uri: string;
  startedAt: string;
  ownerPid: number;
}

function files(dataDir: string) {
  return {
    home: path.join(dataDir, 'home'),
    password: path.join(dataDir, 'password'),
    serverJson: path.join(dataDir, 'server.json'),
    log: path.join(dataDir, 'neo4j.log'),
  };
}

/** Runs neo4j/build.sh (a no-op in milliseconds once built); its stderr is streamed through. */
export async function buildLauncher(): Promise<void> {
  const tail: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn('bash', [path.join(NEO4J_DIR, 'build.sh')], { stdio: ['ignore', 'inherit', 'pipe'] });
    p.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      pushTail(tail, chunk.toString());
    });
    p.on('error', reject);
    p.on('close', resolve);
  }).catch((e: unknown) => {
    throw new DbUnavailable(`Could not run bash neo4j/build.sh: ${String(e)}`, { cause: e });
  });
  if (code !== 0) {
    throw new DbUnavailable(`Building the Neo4j launcher failed (neo4j/build.sh exited ${code})\n${tail.join('\n')}`);
  }
}

export async function startLocalNeo4j(
  opts: { dataDir?: string; port?: number; log?: (line: string) => void } = {},
): Promise<LocalNeo4j> {
  return (await launch(opts)).local;
}

async function launch(opts: {
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<{ local: LocalNeo4j; child: ChildProcess }> {
  const dataDir = path.resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  const f = files(dataDir);
  const log = opts.log ?? (() => {});
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });

  // Cheap, friendly refusal first; the store lock (launcher exit code 3) is the authoritative one.
  const previous = await readServerInfo(dataDir);
  if (previous && isLauncherAlive(previous.pid)) throw new DbAlreadyRunning(dataDir, previous.pid, previous.uri);
  if (previous) removeServerInfo(dataDir, previous.pid); // left behind by a killed instance

  await buildLauncher();
  const password = await readOrCreatePassword(f.password);
  // undefined: the usual 7687 when free; 0: any free port (throwaway instances must not squat 7687).
  const askPort = opts.port !== undefined ? opts.port : (await portFree(DEFAULT_PORT)) ? DEFAULT_PORT : 0;
  const classpath = (await fs.readFile(path.join(BUILD_DIR, 'classpath.txt'), 'utf8')).trim();
  const cdsArchive = path.join(BUILD_DIR, 'atlas.jsa');
  const args = [
    ...JVM_FLAGS,
    ...(existsSync(cdsArchive) ? [`-XX:SharedArchiveFile=${cdsArchive}`] : []),
    ...(process.env.ATLAS_NEO4J_JVM_OPTS ?? '').split(/\s+/).filter(Boolean),
    '-cp',
    classpath,
    'atlas.neo4j.Launcher',
    '--home',
    f.home,
    '--port',
    String(askPort),
    '--password-file',
    f.password,
    '--watch-stdin',
  ];

  await fs.rename(f.log, `${f.log}.1`).catch(() => {}); // keep the previous run's log for post-mortems
  const logFile = createWriteStream(f.log, { flags: 'w' }).on('error', () => {}); // a log problem must not kill us
  const tail: string[] = [];
  const started = Date.now();
  log(`starting Neo4j for ${dataDir} (port ${askPort || 'any free'})`);

  // detached: own process group, so a terminal's Ctrl+C reaches only us and we stop Neo4j in order.
  // The stdin pipe stays open for the JVM's lifetime; --watch-stdin shuts Neo4j down (cleanly) when it
  // closes, i.e. when this process dies for any reason, so tests never leak a JVM.
  const child = spawn('java', args, { cwd: dataDir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logPaths = `full log: ${f.log}; Neo4j's own log: ${path.join(f.home, 'logs', 'debug.log')}`;
  const failure = (what: string) =>
    new DbUnavailable(`${what}\n${logPaths}\nlast lines:\n${tail.join('\n') || '(no output)'}`);

  let uri: string;
  let port: number;
  try {
    [uri, port] = await new Promise<[string, number]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(failure(`Neo4j did not become ready within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      const onLine = (line: string) => {
        if (!logFile.writableEnded) logFile.write(`${line}\n`); // output can trail the exit event
        pushTail(tail, line);
        log(line);
        const m = READY_LINE.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve([m[1], Number(m[2])]);
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new DbUnavailable(`Could not run java (Java 17+ must be on PATH): ${e.message}`, { cause: e }));
      });
      void exited.then(async ({ code, signal }) => {
        clearTimeout(timer);
        if (code === 3) {
          const owner = await readServerInfo(dataDir);
          reject(new DbAlreadyRunning(dataDir, owner?.pid, owner?.uri));
        } else if (code === 4) {
          reject(new DbUnavailable(`Cannot start Neo4j: port ${askPort} on 127.0.0.1 is already in use`));
        } else {
          // The launcher's own one-line diagnosis, when it got that far, leads the message.
          const why = tail.filter((l) => l.startsWith('atlas-neo4j: ')).pop()?.slice(13);
          reject(failure(`Neo4j exited (${signal ?? `code ${code}`}) before it was ready${why ? `: ${why}` : ''}`));
        }
      });
    });
    const target: Neo4jTarget = { uri, username: 'neo4j', password };
    await verifyConnectivity(target, started + START_TIMEOUT_MS, failure);
  } catch (e) {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    logFile.end();
    throw e;
  }

  const pid = child.pid!;
  const info: ServerInfo = {
    pid,
    port,
    uri,
    startedAt: new Date().toISOString(),
    ownerPid: process.pid,
  };
  await writeServerInfo(dataDir, info);
  log(`Neo4j ready at ${uri} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  void exited.then(({ code, signal }) => {
    removeServerInfo(dataDir, pid);
    log(`Neo4j (pid ${pid}) exited (${signal ?? `code ${code}`})`);
    logFile.end();
  });
  // Do not hold the caller's event loop open: if it forgets stop(), it still exits, the stdin pipe closes
  // and the JVM shuts itself down cleanly. runForeground re-refs the child to stay alive.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as net.Socket | null)?.unref();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(killer);
      }
      removeServerInfo(dataDir, pid);
    })());
  return { local: { target: { uri, username: 'neo4j', password }, pid, dataDir, stop }, child };
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
      throw new DbUnavailable(
        `Neo4j (pid ${info.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; see ${files(dataDir).log}`,
      );
    }
    await sleep(100);
  }
  removeServerInfo(dataDir, info.pid);
  return true;
}

/**
 * NEO4J_URI set: that server, as configured (any scheme the driver takes: bolt://, neo4j://, neo4j+s://).
 * Else the local instance already running on DEFAULT_DATA_DIR (not ours to stop), else a new one in `local`,
 * which the caller stops when done.
 */
export async function resolveTarget(): Promise<{ target: Neo4jTarget; local?: LocalNeo4j }> {
  const env = process.env;
  if (env.NEO4J_URI) {
    return {
      target: {
        uri: env.NEO4J_URI,
        username: env.NEO4J_USERNAME || 'neo4j',
        password: env.NEO4J_PASSWORD ?? '',
        database: env.NEO4J_DATABASE || undefined,
      },
    };
  }
  const status = await localStatus(DEFAULT_DATA_DIR);
  if (status.running && status.uri) {
    const f = files(DEFAULT_DATA_DIR);
    const target: Neo4jTarget = {
      uri: status.uri,
      username: 'neo4j',
      password: (await fs.readFile(f.password, 'utf8')).trim(),
    };
    await verifyConnectivity(target, Date.now() + 10_000, (what) => new DbUnavailable(`${what}; see ${f.log}`));
    return { target };
  }
  const local = await startLocalNeo4j();
  return { target: local.target, local };
}

/** `npm run db:start`: start, report, and stop cleanly on Ctrl+C / SIGTERM (or when db:stop stops the JVM). */
export async function runForeground(dataDir: string = DEFAULT_DATA_DIR): Promise<void> {
  dataDir = path.resolve(dataDir);
  const { local, child } = await launch({ dataDir });
  child.ref(); // launch() unrefs it; here the JVM is the reason this process exists
  console.log(
    `Neo4j 5.26 ready at ${local.target.uri} (user neo4j, password in ${files(dataDir).password}, data in ${dataDir})`,
  );
  let signalled = false;
  const onSignal = () => {
    signalled = true;
    void local.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await local.stop(); // already exited: just removes server.json
    // 143/130: the JVM's exit after SIGTERM/SIGINT, i.e. a normal stop (ours or npm run db:stop's).
    if (!signalled && signal === null && code !== 0 && code !== 143 && code !== 130) {
      throw new DbUnavailable(`Neo4j exited unexpectedly (code ${code}); see ${files(dataDir).log}`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function verifyConnectivity(
  target: Neo4jTarget,
  deadline: number,
  failure: (what: string) => DbUnavailable,
): Promise<void> {
  const driver = openDriver(target);
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('Neo.ClientError.Security') || Date.now() > deadline) {
          throw failure(`Neo4j at ${target.uri} refused the connection: ${(e as Error).message}`);
        }
        await sleep(250);
      }
    }
  } finally {
    await driver.close();
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    // 'wx': concurrent first starts cannot both write (and disagree on) the password.
    await fs.writeFile(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  await fs.chmod(file, 0o600); // in case a copy or an editor widened it
  return (await fs.readFile(file, 'utf8')).trim();
}

async function readServerInfo(dataDir: string): Promise<ServerInfo | undefined> {
  try {
    return JSON.parse(await fs.readFile(files(dataDir).serverJson, 'utf8')) as ServerInfo;
  } catch {
    return undefined;
  }
}

async function writeServerInfo(dataDir: string, info: ServerInfo): Promise<void> {
  const file = files(dataDir).serverJson;
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file); // readers never see half a file
}

/** Synchronous so it also works from exit paths; only removes the record if it still describes `pid`. */
function removeServerInfo(dataDir: string, pid: number): void {
  const file = files(dataDir).serverJson;
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as ServerInfo).pid !== pid) return;
  } catch {
    // unreadable: stale either way
  }
  rmSync(file, { force: true });
}

/** A recorded pid may have been reused by an unrelated process after a crash; on Linux check it is ours. */
function isLauncherAlive(pid: number): boolean {
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

function portFree(port: number): Promise<boolean> {
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

function pushTail(tail: string[], text: string, max = 30): void {
  for (const line of text.split('\n')) if (line.trim()) tail.push(line);
  tail.splice(0, Math.max(0, tail.length - max));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
