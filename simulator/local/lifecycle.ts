// Starting, finding and stopping the detached supervisor of a sandbox folder, including after it crashed.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { codeFile } from '../../src/model/codeFile';
import { callControl } from './control';
import { SandboxError } from '../shared/errors';
import type { ReplayFault } from '../shared/faults';
import type { ObservedReplay, ReplayRequest, RuntimeStatus } from './controlApi';
import {
  ensureStateDir,
  lockHolder,
  readJson,
  removeSandboxFiles,
  sandboxFiles,
  writeJsonSecret,
  type LaunchSpec,
  type SandboxState,
  type SupervisorMessage,
} from './stateFiles';

export interface UpResult {
  state: SandboxState;
  status: RuntimeStatus;
  /** True when a sandbox was already running in this folder and was reported instead of starting another. */
  alreadyRunning: boolean;
  /** Stale files of a crashed supervisor that were cleaned before starting. */
  cleaned: string[];
}

export interface SandboxProbe {
  running: boolean;
  state?: SandboxState;
  status?: RuntimeStatus;
  /** Files were left by a supervisor that is gone (or no longer answers). */
  stale: boolean;
}

const SUPERVISOR_MARKERS = ['sandbox-supervisor', 'supervisorMain'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid can be reused after a crash; only a process running our supervisor counts as the sandbox's. */
function isSupervisor(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return SUPERVISOR_MARKERS.some((m) => cmdline.includes(m));
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !alive(pid);
}

/**
 * Node flags of the supervisor process. It runs every sidecar, app and gateway of the sandbox on one event loop,
 * so every collection pauses every call in flight.
 * - 32 MB semi-spaces, from the start: scavenges made the sandbox's p99, and bigger ones come half as often; V8
 *   would start them small, so a replay right after `up` would begin with frequent ones. Costs some memory.
 * - The old generation grows to twice what the last full collection left: pooled connections grow the live heap
 *   steadily, and V8's own, smaller growth made frequent full collections. Costs up to twice the live heap.
 * Figures: docs/benchmarks.md, "Local sandbox".
 */
export const SUPERVISOR_NODE_FLAGS = ['--max-semi-space-size=32', '--min-semi-space-size=32', '--heap-growing-percent=100'];

/** How to run the supervisor: the bundled file next to this bundle, or the TypeScript entry under tsx. */
function supervisorCommand(): { args: string[]; cwd: string } {
  const code = codeFile(__filename, 'supervisorMain.ts', 'sandbox-supervisor.js');
  if (code.typescript) return { args: ['--import', 'tsx', code.path], cwd: resolve(__dirname, '..', '..') };
  if (!existsSync(code.path)) throw new SandboxError(`${code.path} is missing: run \`npm run build\``);
  return { args: [code.path], cwd: dirname(__dirname) };
}

/** Looks at the folder: a live supervisor that answers, stale files, or nothing. */
export async function probeSandbox(stateDir: string): Promise<SandboxProbe> {
  const files = sandboxFiles(stateDir);
  const state = readJson<SandboxState>(files.state);
  const holder = lockHolder(stateDir);
  // Without a state file: a lock whose holder is gone, or keys nobody owns, are leftovers of a crash.
  if (!state) return { running: false, stale: holder === undefined ? existsSync(files.certs) : !alive(holder) };
  if (!isSupervisor(state.pid)) return { running: false, state, stale: true };
  try {
    const status = await callControl<RuntimeStatus>(state.control, 'GET', '/status', undefined, 3_000);
    return { running: true, state, status, stale: false };
  } catch {
    return { running: false, state, stale: true };
  }
}

/** Ends whatever is left of a sandbox that does not answer: its process (if any) and every file with a key. */
async function cleanStale(stateDir: string, probe: SandboxProbe): Promise<string[]> {
  const pids = [probe.state?.pid, lockHolder(stateDir)].filter((p): p is number => p !== undefined && p !== process.pid);
  for (const pid of new Set(pids)) {
    if (!isSupervisor(pid)) continue;
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 3_000);
  }
  return removeSandboxFiles(stateDir);
}

export interface UpOptions {
  stateDir: string;
  paths: string[];
  configFile?: string;
  certLifetimeMs: number;
  block: number;
  upstreamTimeoutMs?: number;
  readyTimeoutMs?: number;
  /** A supervisor script to run instead of the default (the benchmark times the bundled one from source). */
  supervisorScript?: string;
}

export async function startSandbox(options: UpOptions): Promise<UpResult> {
  const { stateDir } = options;
  ensureStateDir(stateDir);
  const files = sandboxFiles(stateDir);
  const probe = await probeSandbox(stateDir);
  if (probe.running && probe.state && probe.status) return { state: probe.state, status: probe.status, alreadyRunning: true, cleaned: [] };
  const holder = lockHolder(stateDir);
  if (!probe.state && holder !== undefined && holder !== process.pid && alive(holder)) {
    throw new SandboxError(`another \`ztn sandbox up\` (pid ${holder}) is starting the sandbox in ${stateDir}`);
  }
  const cleaned = probe.stale || holder !== undefined ? await cleanStale(stateDir, probe) : [];

  // The lock names the starting command until the supervisor takes it over with its own pid.
  try {
    writeFileSync(files.lock, `${process.pid}\n`, { flag: 'wx' });
  } catch {
    throw new SandboxError(`another \`ztn sandbox up\` is starting the sandbox in ${stateDir}`);
  }
  const spec: LaunchSpec = {
    paths: options.paths,
    configFile: options.configFile,
    certLifetimeMs: options.certLifetimeMs,
    block: options.block,
    upstreamTimeoutMs: options.upstreamTimeoutMs,
  };
  writeJsonSecret(files.launch, spec);
  const { args, cwd } = options.supervisorScript ? { args: [options.supervisorScript], cwd: dirname(options.supervisorScript) } : supervisorCommand();
  const logFd = openSync(files.log, 'a', 0o600);
  // Inside VS Code desktop process.execPath is its Electron binary: ELECTRON_RUN_AS_NODE makes it run the script as
  // Node does (plain Node ignores the variable).
  const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
  const child = spawn(process.execPath, [...SUPERVISOR_NODE_FLAGS, ...args, stateDir], { cwd, env, detached: true, stdio: ['ignore', logFd, logFd, 'ipc'] });
  closeSync(logFd);
  const message = await new Promise<SupervisorMessage>((resolveMessage) => {
    const timer = setTimeout(
      () => resolveMessage({ ready: false, error: `not ready within ${options.readyTimeoutMs ?? 60_000} ms (see ${files.log})` }),
      options.readyTimeoutMs ?? 60_000,
    );
    child.once('message', (m) => {
      clearTimeout(timer);
      resolveMessage(m as SupervisorMessage);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveMessage({ ready: false, error: `supervisor exited with code ${code} before it was ready (see ${files.log})` });
    });
  });
  if (!message.ready) {
    if (child.pid && alive(child.pid)) child.kill('SIGKILL');
    removeSandboxFiles(stateDir);
    throw new SandboxError(message.error);
  }
  child.removeAllListeners();
  child.disconnect();
  child.unref();
  const status = await callControl<RuntimeStatus>(message.state.control, 'GET', '/status');
  return { state: message.state, status, alreadyRunning: false, cleaned };
}

export interface DownResult {
  wasRunning: boolean;
  /** Pid of the supervisor that was stopped. */
  pid?: number;
  /** Files removed (keys, state, lock) by this command; a supervisor that stops cleanly removes its own. */
  removed: string[];
  /** Anything still there afterwards (should stay empty): a live supervisor, key files. */
  leftovers: string[];
}

/** Stops the supervisor (politely, then by force) and removes every key and state file, also after a crash. */
export async function stopSandbox(stateDir: string): Promise<DownResult> {
  const probe = await probeSandbox(stateDir);
  if (probe.running && probe.state) {
    const pid = probe.state.pid;
    await callControl(probe.state.control, 'POST', '/shutdown').catch(() => undefined);
    if (!(await waitForExit(pid, 5_000)) && isSupervisor(pid)) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 3_000);
    }
  }
  const removed = await cleanStale(stateDir, probe);
  const leftovers: string[] = [];
  if (probe.state && isSupervisor(probe.state.pid)) leftovers.push(`process ${probe.state.pid}`);
  if (existsSync(sandboxFiles(stateDir).certs)) leftovers.push(sandboxFiles(stateDir).certs);
  return { wasRunning: probe.running, ...(probe.state ? { pid: probe.state.pid } : {}), removed, leftovers };
}

async function runningState(stateDir: string): Promise<SandboxState> {
  const probe = await probeSandbox(stateDir);
  if (!probe.running || !probe.state) {
    throw new SandboxError(
      probe.stale
        ? `the sandbox in ${stateDir} is not answering (stale); run \`ztn sandbox down\`, then \`up\``
        : `no sandbox is running in ${stateDir}; run \`ztn sandbox up\` first`,
    );
  }
  return probe.state;
}

export async function replayInSandbox(stateDir: string, request: ReplayRequest): Promise<ObservedReplay> {
  const state = await runningState(stateDir);
  const perCall = request.timeoutMs ?? 5_000;
  // Generous outer limit: every call has its own timeout inside, this only guards a wedged supervisor.
  const budget = 10_000 + Math.ceil(request.calls.length / Math.max(1, request.concurrency ?? 1)) * (perCall + 200);
  return callControl<ObservedReplay>(state.control, 'POST', '/replay', request, budget);
}

export async function injectFault(stateDir: string, fault: ReplayFault): Promise<boolean> {
  const state = await runningState(stateDir);
  return (await callControl<{ applied: boolean }>(state.control, 'POST', '/fault', fault)).applied;
}

/** Removes a folder's leftover files without asking anything (tests, after asserting). */
export function forgetSandbox(stateDir: string): void {
  rmSync(stateDir, { recursive: true, force: true });
}
