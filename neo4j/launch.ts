// Launch: Atlas's local Neo4j 5.26 Community, an embedded DBMS (neo4j/src/main/java/atlas/neo4j/Launcher.java)
// run as a child JVM, reachable over Bolt on 127.0.0.1 only, one instance per data dir; and its clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import type net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { buildLauncher } from './build.ts';
import { verifyConnectivity, type Neo4jTarget } from './connect.ts';
import { DbAlreadyRunning, DbUnavailable } from './errors.ts';
import { BUILD_DIR, DEFAULT_DATA_DIR, files, pushTail, sleep } from './paths.ts';
import { isLauncherAlive, portFree, readServerInfo, removeServerInfo, STOP_TIMEOUT_MS, writeServerInfo } from './server-info.ts';

const DEFAULT_PORT = 7687;
const START_TIMEOUT_MS = 120_000;
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

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface LaunchOptions {
  dataDir?: string;
  /** The Bolt port; 0 = any free one. Unset: the usual port (`preferredPort`) when free, else any free one. */
  port?: number;
  /** The usual port an unset `port` tries first. Default 7687. */
  preferredPort?: number;
  log?: (line: string) => void;
}

/** The launcher could not bind the port it was given (exit code 4). */
class PortTaken extends DbUnavailable {}

export async function startLocalNeo4j(opts: LaunchOptions = {}): Promise<LocalNeo4j> {
  return (await launch(opts)).local;
}

export async function launch(opts: LaunchOptions): Promise<{ local: LocalNeo4j; child: ChildProcess }> {
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
  const preferred = opts.preferredPort ?? DEFAULT_PORT;
  let askPort = opts.port !== undefined ? opts.port : (await portFree(preferred)) ? preferred : 0;

  await fs.rename(f.log, `${f.log}.1`).catch(() => {}); // keep the previous run's log for post-mortems
  const logFile = createWriteStream(f.log, { flags: 'w' }).on('error', () => {}); // a log problem must not kill us
  const started = Date.now();
  log(`starting Neo4j for ${dataDir} (port ${askPort || 'any free'})`);

  const tail: string[] = [];
  const logPaths = `full log: ${f.log}; Neo4j's own log: ${path.join(f.home, 'logs', 'debug.log')}`;
  const failure = (what: string) => new DbUnavailable(`${what}\n${logPaths}\nlast lines:\n${tail.join('\n') || '(no output)'}`, { code: 'DB_START_FAILED' });

  let child: ChildProcess;
  let exited: Promise<Exit>;
  let uri: string;
  let port: number;
  for (;;) {
    // detached: own process group, so a terminal's Ctrl+C reaches only us and we stop Neo4j in order.
    // The stdin pipe stays open for the JVM's lifetime; --watch-stdin shuts Neo4j down (cleanly) when it
    // closes, i.e. when this process dies for any reason, so tests never leak a JVM.
    const c = spawn('java', await jvmArgs(f.home, f.password, askPort), { cwd: dataDir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const ended = new Promise<Exit>((resolve) => c.once('exit', (code, signal) => resolve({ code, signal })));
    [child, exited] = [c, ended];
    try {
      [uri, port] = await waitForReady(c, ended, { dataDir, askPort, tail, logFile, log, failure });
      await verifyConnectivity({ uri, username: 'neo4j', password }, started + START_TIMEOUT_MS, failure);
      break;
    } catch (e) {
      c.kill('SIGTERM');
      await Promise.race([ended, sleep(10_000)]);
      // Two starts at once (two checkouts) both find the usual port free; the one that loses the bind
      // takes any free port instead of failing. A port the caller asked for is not second-guessed.
      if (e instanceof PortTaken && opts.port === undefined && askPort !== 0) {
        log(`port ${askPort} was taken meanwhile; starting on any free port`);
        askPort = 0;
        continue;
      }
      logFile.end();
      throw e;
    }
  }

  const pid = child.pid!;
  await writeServerInfo(dataDir, { pid, port, uri, startedAt: new Date().toISOString(), ownerPid: process.pid });
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

async function jvmArgs(home: string, passwordFile: string, port: number): Promise<string[]> {
  const classpath = (await fs.readFile(path.join(BUILD_DIR, 'classpath.txt'), 'utf8')).trim();
  const cdsArchive = path.join(BUILD_DIR, 'atlas.jsa');
  return [
    ...JVM_FLAGS,
    ...(existsSync(cdsArchive) ? [`-XX:SharedArchiveFile=${cdsArchive}`] : []),
    ...(process.env.ATLAS_NEO4J_JVM_OPTS ?? '').split(/\s+/).filter(Boolean),
    '-cp', classpath,
    'atlas.neo4j.Launcher',
    '--home', home,
    '--port', String(port),
    '--password-file', passwordFile,
    '--watch-stdin',
  ];
}

/** Resolves with the Bolt URI and port once the launcher prints its READY line; rejects on exit or timeout. */
function waitForReady(
  child: ChildProcess,
  exited: Promise<Exit>,
  o: { dataDir: string; askPort: number; tail: string[]; logFile: WriteStream; log: (line: string) => void; failure: (what: string) => DbUnavailable },
): Promise<[string, number]> {
  return new Promise<[string, number]>((resolve, reject) => {
    const timer = setTimeout(() => reject(o.failure(`Neo4j did not become ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const onLine = (line: string) => {
      if (!o.logFile.writableEnded) o.logFile.write(`${line}\n`); // output can trail the exit event
      pushTail(o.tail, line);
      o.log(line);
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
      reject(new DbUnavailable(`Could not run java (Java 17+ must be on PATH): ${e.message}`, { code: 'DB_START_FAILED', cause: e }));
    });
    void exited.then(async ({ code, signal }) => {
      clearTimeout(timer);
      if (code === 3) {
        const owner = await readServerInfo(o.dataDir);
        reject(new DbAlreadyRunning(o.dataDir, owner?.pid, owner?.uri));
      } else if (code === 4) {
        reject(new PortTaken(`Cannot start Neo4j: port ${o.askPort} on 127.0.0.1 is already in use`, { code: 'DB_START_FAILED' }));
      } else {
        // The launcher's own one-line diagnosis, when it got that far, leads the message.
        const why = o.tail.filter((l) => l.startsWith('atlas-neo4j: ')).pop()?.slice(13);
        reject(o.failure(`Neo4j exited (${signal ?? `code ${code}`}) before it was ready${why ? `: ${why}` : ''}`));
      }
    });
  });
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

/** `npm run db:start`: start, report, and stop cleanly on Ctrl+C / SIGTERM (or when db:stop stops the JVM). */
export async function runForeground(dataDir: string = DEFAULT_DATA_DIR): Promise<void> {
  dataDir = path.resolve(dataDir);
  const { local, child } = await launch({ dataDir });
  child.ref(); // launch() unrefs it; here the JVM is the reason this process exists
  console.log(`Neo4j 5.26 ready at ${local.target.uri} (user neo4j, password in ${files(dataDir).password}, data in ${dataDir})`);
  let signalled = false;
  const onSignal = () => {
    signalled = true;
    void local.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { code, signal } = await new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
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
