// A git revision as a folder, read through git itself (ls-tree + cat-file): never the work tree, the index or a hook.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './usage';

/** Bounds for a hostile repository: files, bytes per file (larger blobs are skipped), bytes in all. */
export const REVISION_LIMITS = { maxFiles: 20_000, maxFileBytes: 4 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

function git(repo: string, args: string[], options: ExecFileSyncOptions = {}): Buffer {
  // No hooks, no fsmonitor command, no pager, no prompt: the repository's own config must not run anything.
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-C', repo, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: REVISION_LIMITS.maxTotalBytes + 16 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' },
    ...options,
  }) as Buffer;
}

/** The top of the git work tree holding `folder`, or undefined outside a repository. */
export function gitTopLevel(folder: string): string | undefined {
  try {
    return git(folder, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or a UsageError naming the ref. */
export function resolveCommit(repo: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`not a git revision: ${ref}`);
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    throw new UsageError(`not a git revision in ${repo}: ${ref}`);
  }
}

/** The tree a commit holds: two commits with the same tree have the same files. */
export function treeOf(repo: string, commit: string): string {
  return git(repo, ['rev-parse', '--verify', '--end-of-options', `${commit}^{tree}`])
    .toString('utf8')
    .trim();
}

/** Merge-base of HEAD with the default branch: origin/HEAD, else main, else master (local or origin/). */
export function defaultBase(repo: string): string {
  for (const candidate of ['origin/HEAD', 'main', 'master', 'origin/main', 'origin/master']) {
    let commit: string;
    try {
      commit = resolveCommit(repo, candidate);
    } catch {
      continue;
    }
    try {
      return git(repo, ['merge-base', 'HEAD', commit]).toString('utf8').trim();
    } catch {
      throw new UsageError(`no merge-base between HEAD and ${candidate}; give --base`);
    }
  }
  throw new UsageError('no default branch (origin/HEAD, main or master) to diff against; give --base REF or DIR');
}

/**
 * Writes the regular files of `commit` into a new temporary folder (symlinks and submodules are left out, so nothing
 * written there points outside it) and returns the folder; the caller removes it with `removeRevision`.
 */
export function checkoutRevision(repo: string, commit: string): string {
  const listing = git(repo, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]).toString('utf8');
  const entries: { sha: string; path: string }[] = [];
  let total = 0;
  for (const line of listing.split('\0')) {
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.+)$/s.exec(line);
    if (!m || m[2] !== 'blob' || (m[1] !== '100644' && m[1] !== '100755')) continue;
    const size = Number(m[4]);
    const path = m[5];
    if (size > REVISION_LIMITS.maxFileBytes || path.split('/').some((s) => s === '..' || s === '' || s === '.git')) continue;
    total += size;
    if (entries.length >= REVISION_LIMITS.maxFiles || total > REVISION_LIMITS.maxTotalBytes)
      throw new UsageError(
        `revision ${commit.slice(0, 12)} is too large to diff (over ${REVISION_LIMITS.maxFiles} files or ${REVISION_LIMITS.maxTotalBytes} bytes)`,
      );
    entries.push({ sha: m[3], path });
  }
  const folder = mkdtempSync(join(tmpdir(), 'ztn-diff-'));
  try {
    const out = entries.length ? git(repo, ['cat-file', '--batch'], { input: entries.map((e) => e.sha).join('\n') + '\n' }) : Buffer.alloc(0);
    let at = 0;
    for (const e of entries) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString('utf8').split(' ');
      const size = Number(header[2]);
      const body = out.subarray(eol + 1, eol + 1 + size);
      at = eol + 1 + size + 1;
      const file = resolve(folder, ...e.path.split('/'));
      if (relative(folder, file).startsWith('..') || !file.startsWith(folder + sep)) continue;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, body, { flag: 'wx' });
    }
  } catch (err) {
    removeRevision(folder);
    throw err;
  }
  return folder;
}

export function removeRevision(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}
