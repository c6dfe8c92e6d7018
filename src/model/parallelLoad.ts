// Loads the manifest files of a big workspace on two threads: the main thread and a worker take files from one queue.
import { availableParallelism, loadavg } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { codeFile } from './codeFile';
import { parseSourceFile } from './parse';
import { readBoundedFile } from './safeRead';
import { receiveFile, transferableFile, type TransferredFile } from './transferredFile';
import type { SourceFile } from './types';

/** What loadFiles needs of the workspace index (workspace.ts), named here so the two modules do not import each other. */
export interface LoadTarget {
  readonly config: { readonly maxFileBytes: number };
  clustersFor(path: string): string[];
  putFile(file: SourceFile): void;
  loadFile(path: string): unknown;
}

/** Below this many files a worker's start-up costs more than it saves; such workspaces load on one thread. */
export const PARALLEL_LOAD_MIN_FILES = 64;
/** How long the main thread waits for a worker that stopped reporting before it parses that worker's files itself. */
const STALL_MS = 30_000;

/**
 * 'auto' uses a worker when it pays (secondThreadPays); 1 and 2 force one way (benchmarks).
 * 'worker-first' is 2 where this thread starts taking files only once the worker took its first:
 * on a fast machine this thread can otherwise parse every file before a worker under tsx has even
 * started, and a test of the worker's path would test nothing.
 */
export type LoadThreads = 'auto' | 1 | 2 | 'worker-first';

/**
 * A worker pays for its start-up, its own JIT warm-up and the copying of results only with enough
 * files and spare CPU. The load average counts runnable threads, this one included: below the
 * number of cores some core is idle part of the time. On a machine already that busy, the two
 * threads just take turns with everything else and the load got slower, not faster. On two cores
 * it did not pay even when idle: the main thread's second core is also where V8's collector
 * threads run, and taking the worker's results in costs the main thread most of what the worker
 * saved it (10,000 resources, idle 2-core machine: 1.04x faster bundled, 0.86x under tsx;
 * docs/benchmarks.md, "Lint engine"). So it takes three cores or more.
 */
export function secondThreadPays(fileCount: number, cores = availableParallelism(), load = loadavg()[0]): boolean {
  return fileCount >= PARALLEL_LOAD_MIN_FILES && cores >= 3 && load < cores;
}

/** The shared queue: files in load order and a counter both threads take the next index from. */
export interface ParseQueue {
  files: string[];
  next: SharedArrayBuffer;
  maxFileBytes: number;
}

/**
 * Reads and parses one queued file. Undefined for a file to load the ordinary way on the main thread
 * (unreadable, too large or not a regular file: rare cases that stay on one code path, WorkspaceIndex.loadFile).
 */
function parseQueued(path: string, maxFileBytes: number, clusters?: string[]): SourceFile | undefined {
  const read = readBoundedFile(path, maxFileBytes);
  if (!read.ok) return undefined;
  try {
    return parseSourceFile(path, read.text, { maxFileBytes, clusters });
  } catch {
    return undefined;
  }
}

/** Takes indexes from the queue until it is empty; each index goes to exactly one thread. */
function takeQueued(queue: ParseQueue, take: (index: number) => void): void {
  const next = new Int32Array(queue.next);
  for (let i = Atomics.add(next, 0, 1); i < queue.files.length; i = Atomics.add(next, 0, 1)) take(i);
}

/**
 * The worker thread's whole job: parse queued files and post each in transferable form (undefined
 * when it is not transferable, e.g. it has parse errors: the main thread then loads it itself).
 */
export function parseQueuedFiles(queue: ParseQueue, post: (index: number, message: TransferredFile | undefined) => void): void {
  takeQueued(queue, (i) => {
    const file = parseQueued(queue.files[i], queue.maxFileBytes);
    post(i, file && transferableFile(file));
  });
}

/**
 * Where the worker's code is. In the bundles (dist/cli.js) it is its own bundle, dist/parse-worker.js
 * (scripts/build.mjs). Under tsx (tests, benchmarks) this module runs as TypeScript next to
 * parseWorker.ts, which the worker loads through tsx's require hook.
 */
function workerStart(): { script: string; execArgv?: string[] } {
  const code = codeFile(__filename, 'parseWorker.ts', 'parse-worker.js');
  return code.typescript ? { script: code.path, execArgv: ['--require', 'tsx/cjs'] } : { script: code.path };
}

/** Sleeps 2 ms, blocking this thread: waiting on the worker without spinning on a core it needs. */
function nap(): void {
  Atomics.wait(napCell, 0, 0, 2);
}
/** Never written: Atomics.wait on it always runs into its time-out. */
const napCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Sleeps until the worker took a file from the queue or STALL_MS passed. A worker that failed to
 * start cannot say so while this thread blocks (its events need this thread's loop): that shows as
 * the time-out, after which this thread takes every file as usual.
 */
function waitForFirstTake(queue: ParseQueue): void {
  const next = new Int32Array(queue.next);
  const started = Date.now();
  while (Atomics.load(next, 0) === 0 && Date.now() - started < STALL_MS) nap();
}

/**
 * Adds `files` to `index` in order, exactly as `index.loadFile` one by one would. With enough files
 * and a second core, a worker thread parses part of them meanwhile: its files arrive as resources
 * with their objects, and their YAML nodes are parsed again on this thread only when something reads
 * them (transferredFile.ts), which a full lint does for the few resources with findings.
 */
export function loadFiles(index: LoadTarget, files: readonly string[], threads: LoadThreads = 'auto'): void {
  if (threads === 1 || (threads === 'auto' && !secondThreadPays(files.length))) {
    for (const f of files) index.loadFile(f);
    return;
  }
  const queue: ParseQueue = { files: [...files], next: new SharedArrayBuffer(4), maxFileBytes: index.config.maxFileBytes };
  const channel = new MessageChannel();
  let worker: Worker | undefined;
  try {
    const start = workerStart();
    worker = new Worker(start.script, { execArgv: start.execArgv, workerData: { queue, port: channel.port2 }, transferList: [channel.port2] });
    // A worker that fails (cannot start, crashes) leaves its files to this thread; it must not take the process down.
    worker.on('error', () => undefined);
    worker.unref();
  } catch {
    worker = undefined; // no worker: this thread takes every file from the queue
  }
  if (worker && threads === 'worker-first') waitForFirstTake(queue);
  const mine = new Map<number, SourceFile | undefined>();
  const theirs = new Map<number, TransferredFile | undefined>();
  takeQueued(queue, (i) => mine.set(i, parseQueued(files[i], queue.maxFileBytes, index.clustersFor(files[i]))));
  const expected = files.length - mine.size;
  let lastProgress = Date.now();
  while (theirs.size < expected && Date.now() - lastProgress < STALL_MS) {
    const received = receiveMessageOnPort(channel.port1) as { message: { index: number; message: TransferredFile | undefined } } | undefined;
    if (received) {
      theirs.set(received.message.index, received.message.message);
      lastProgress = Date.now();
    } else nap(); // nothing yet
  }
  channel.port1.close();
  void worker?.terminate();
  files.forEach((path, i) => {
    const own = mine.get(i);
    const transferred = theirs.get(i);
    if (own) index.putFile(own);
    else if (transferred) index.putFile(receiveFile(transferred, index.clustersFor(path)));
    else index.loadFile(path);
  });
}
