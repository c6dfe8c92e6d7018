// The sandbox folder in the workspace (.ztn/sandbox/<engine>): created with a .gitignore so keys are never committed,
// and removed by `down` without residue.
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readStateFile } from './stateRead';

/** `*` ignores everything in the folder, itself included: `git add -A` never picks up a key or a token. */
export const STATE_GITIGNORE = '# Written by Zero Trust Lens: sandbox state, keys and logs; never commit them.\n*\n';

/** The `.ztn` folder the sandbox folder is in, when it is in one (the default); undefined for a --state-dir elsewhere. */
function ztnFolderOf(stateDir: string): string | undefined {
  for (let dir = stateDir; dirname(dir) !== dir; dir = dirname(dir)) if (basename(dir) === '.ztn') return dir;
  return undefined;
}

/** Creates the sandbox folder (0700) and a `.gitignore` of `*` in the `.ztn` folder above it, or in the folder itself elsewhere. */
export function createStateDir(stateDir: string): void {
  const top = ztnFolderOf(stateDir) ?? stateDir;
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const ignore = join(top, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, STATE_GITIGNORE);
}

function isEmpty(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length === 0;
}

/**
 * Removes the sandbox folder, then the folders above it up to `.ztn` while they are empty, and `.ztn` itself when only
 * the `.gitignore` written here is left: `down` leaves the workspace as it found it.
 */
export function removeStateDir(stateDir: string): void {
  rmSync(stateDir, { recursive: true, force: true });
  const top = ztnFolderOf(stateDir);
  if (!top) return;
  for (let dir = dirname(stateDir); dir !== top && dir.startsWith(top); dir = dirname(dir)) {
    if (!isEmpty(dir)) return;
    rmdirSync(dir);
  }
  const ignore = join(top, '.gitignore');
  const left = existsSync(top) ? readdirSync(top) : [];
  if (left.length === 1 && left[0] === '.gitignore' && readStateFile(ignore) === STATE_GITIGNORE) rmSync(top, { recursive: true, force: true });
  else if (isEmpty(top)) rmdirSync(top);
}
