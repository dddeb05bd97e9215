// `atlas ingest --watch <folder…>`: after the first ingest, re-ingest files that are added or changed and
// remove the documents of files that are deleted. Events are debounced and handled one flush at a time, so
// an editor's save-rename-write burst is one re-ingest.
import { watch } from 'chokidar';
import { basename, extname, relative, resolve } from 'node:path';
import { ingestSources } from '../ingest/pipeline.ts';
import { SUPPORTED_EXTENSIONS } from '../ingest/1-load/sources.ts';
import { removeSources } from '../ingest/5-write/remove.ts';
import type { Connection } from './connect.ts';
import { reportErrors } from './ingest.ts';
import type { Ui } from './runtime.ts';

export interface WatchOptions {
  ui: Ui;
  batchSize?: number;
  debounceMs?: number;
  /** Resolves when watching should stop (default: SIGINT or SIGTERM). */
  until?: Promise<void>;
}

const stamp = () => new Date().toTimeString().slice(0, 8);

/** Watches until stopped; resolves with the number of sources that failed while watching. */
export async function watchAndIngest(c: Connection, folders: string[], o: WatchOptions): Promise<number> {
  const roots = folders.map((f) => resolve(f));
  const target = { driver: c.driver, database: c.database };
  const changed = new Set<string>();
  const removed = new Set<string>();
  let failed = 0;
  let timer: NodeJS.Timeout | undefined;
  let flushing = Promise.resolve();
  const shown = (p: string) => {
    const root = roots.find((r) => p === r || p.startsWith(r + '/'));
    return root ? relative(root, p) || basename(p) : p;
  };

  const flush = async () => {
    const add = [...changed];
    const gone = [...removed];
    changed.clear();
    removed.clear();
    if (gone.length) {
      const r = await removeSources(target, gone);
      if (r.removed.length) console.log(`[${stamp()}] removed ${r.removed.length} document${r.removed.length === 1 ? '' : 's'}: ${r.removed.map((d) => shown(d.source)).join(', ')}`);
    }
    if (add.length) {
      const s = await ingestSources(add, c.driver, { database: c.database, batchSize: o.batchSize });
      failed += s.failed;
      console.log(`[${stamp()}] ingested ${s.written} (${s.unchanged} unchanged, ${s.failed} failed): ${add.map(shown).join(', ')}`);
      reportErrors(s, o.ui);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      flushing = flushing.then(flush).catch((e: unknown) => {
        stopWith(e);
      });
    }, o.debounceMs ?? 400);
  };

  const wanted = (p: string) => SUPPORTED_EXTENSIONS.includes(extname(p).toLowerCase());
  const watcher = watch(roots, {
    ignoreInitial: true,
    // Hidden files and folders are skipped, as the folder walk of an ingest skips them.
    ignored: (p: string) => !roots.includes(p) && basename(p).startsWith('.'),
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
  });
  // A document file appeared, changed or went: note it, and run once things settle.
  const onFile = (event: 'add' | 'change' | 'unlink', note: (p: string) => void) =>
    watcher.on(event, (p: string) => {
      if (!wanted(p)) return;
      note(p);
      schedule();
    });
  onFile('add', (p) => {
    removed.delete(p);
    changed.add(p);
  });
  onFile('change', (p) => {
    changed.add(p);
  });
  onFile('unlink', (p) => {
    changed.delete(p);
    removed.add(p);
  });
  watcher.on('unlinkDir', (p) => {
    for (const x of changed) if (x.startsWith(p + '/')) changed.delete(x);
    removed.add(p);
    schedule();
  });

  let stopWith: (e?: unknown) => void = () => {};
  const stopped = new Promise<void>((done, fail) => {
    stopWith = (e?: unknown) => (e === undefined ? done() : fail(e));
  });
  const onSignal = () => stopWith();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  void o.until?.then(() => stopWith());
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  o.ui.info(`Watching ${roots.join(', ')} for changes (Ctrl+C to stop)`);
  try {
    await stopped;
    // Changes seen but not yet handled are handled before the command ends, not dropped.
    clearTimeout(timer);
    await flushing;
    if (changed.size || removed.size) await flush();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await watcher.close();
  }
  return failed;
}
