// What a sandbox was started from: a hash of its manifests and ztn.yaml, recorded at `up` and compared at replay,
// so a replay against a sandbox that runs other manifests says so instead of reporting confusing disagreements.
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import type { WorkspaceIndex } from '../../src/model/workspace';
import { SandboxError } from './errors';
import { writeSecretFile } from './secretFile';
import { readStateFile } from './stateRead';

/** In the sandbox folder, next to the engine's state. */
export const WORKSPACE_STAMP = 'workspace.json';

export interface WorkspaceStamp {
  /** sha256 of every manifest file that holds a resource (path and text) and of ztn.yaml. */
  hash: string;
  files: number;
}

/**
 * Only files with resources count: a traffic file, an exported graph or a results file written into the workspace
 * does not change what the sandbox runs. Paths are relative to the ztn.yaml folder, so moving the workspace does not either.
 */
export function workspaceStamp(index: WorkspaceIndex): WorkspaceStamp {
  const hash = createHash('sha256');
  const root = index.config.root;
  const files = [...index.files.values()].filter((f) => f.resources.length > 0).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of files) hash.update(`${relative(root, f.path)}\0${f.text}\0`);
  const config = index.config.file ? readStateFile(index.config.file) : undefined;
  hash.update(`ztn.yaml\0${config ?? ''}`);
  return { hash: hash.digest('hex'), files: files.length };
}

export function recordWorkspace(stateDir: string, index: WorkspaceIndex): void {
  writeSecretFile(join(stateDir, WORKSPACE_STAMP), JSON.stringify(workspaceStamp(index), null, 2) + '\n');
}

/** Thrown by `replay` when the sandbox runs other manifests than the workspace's; `code` survives bundle boundaries. */
export class StaleSandboxError extends SandboxError {
  readonly code = 'stale';
}

export function isStaleSandboxError(err: unknown): boolean {
  return err instanceof SandboxError && (err as { code?: unknown }).code === 'stale';
}

function recordedStamp(stateDir: string): Partial<WorkspaceStamp> | undefined {
  const text = readStateFile(join(stateDir, WORKSPACE_STAMP));
  try {
    return text === undefined ? undefined : (JSON.parse(text) as Partial<WorkspaceStamp>);
  } catch {
    return undefined;
  }
}

/** True when the sandbox in stateDir was started from the manifests and ztn.yaml of `index`. */
export function isSandboxCurrent(stateDir: string, index: WorkspaceIndex): boolean {
  return recordedStamp(stateDir)?.hash === workspaceStamp(index).hash;
}

/** Throws StaleSandboxError when the sandbox in stateDir was started from other manifests (or ztn.yaml) than `index`. */
export function assertSandboxCurrent(stateDir: string, index: WorkspaceIndex): void {
  const recorded = recordedStamp(stateDir);
  if (recorded?.hash === workspaceStamp(index).hash) return;
  const why = recorded ? 'started from other manifests or another ztn.yaml' : 'started without a record of its manifests';
  throw new StaleSandboxError(`sandbox is stale: ${why}; run \`ztn sandbox down\` and \`ztn sandbox up\` (or pass --allow-stale to replay anyway)`);
}
