// The sandbox folder's files: launch spec, state (pid, control endpoint), the supervisor lock, keys and log.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlEndpoint } from './control';
import { writeSecretFile } from '../shared/secretFile';
import { readStateFile } from '../shared/stateRead';
import { createStateDir } from '../shared/stateFolder';
import { WORKSPACE_STAMP } from '../shared/workspaceStamp';

/** What `up` asks the supervisor to run. */
export interface LaunchSpec {
  /** Manifest files or folders, absolute. */
  paths: string[];
  configFile?: string;
  certLifetimeMs: number;
  block: number;
  upstreamTimeoutMs?: number;
}

/** Written by the supervisor once every listener is ready; 0600 because it holds the control token. */
export interface SandboxState {
  version: 1;
  pid: number;
  control: ControlEndpoint;
  startedAt: string;
  launch: LaunchSpec;
}

/** Messages to the `up` that started the supervisor, over the IPC channel, before it detaches. */
export type SupervisorMessage = { ready: true; state: SandboxState } | { ready: false; error: string };

export function sandboxFiles(stateDir: string) {
  return {
    launch: join(stateDir, 'launch.json'),
    state: join(stateDir, 'state.json'),
    lock: join(stateDir, 'supervisor.lock'),
    certs: join(stateDir, 'certs'),
    log: join(stateDir, 'supervisor.log'),
    workspace: join(stateDir, WORKSPACE_STAMP),
  };
}

export function ensureStateDir(stateDir: string): void {
  createStateDir(stateDir);
}

export function writeJsonSecret(path: string, value: unknown): void {
  writeSecretFile(path, JSON.stringify(value, null, 2) + '\n');
}

export function readJson<T>(path: string): T | undefined {
  try {
    const text = readStateFile(path);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

/** The pid a lock file names, when it names one. */
export function lockHolder(stateDir: string): number | undefined {
  try {
    const pid = Number(readStateFile(sandboxFiles(stateDir).lock)?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Removes everything a sandbox leaves in its folder (keys first); the log stays for post-mortems. Returns what was removed. */
export function removeSandboxFiles(stateDir: string): string[] {
  const files = sandboxFiles(stateDir);
  const removed: string[] = [];
  for (const path of [files.certs, files.state, files.launch, files.lock, files.workspace]) {
    if (existsSync(path)) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}
