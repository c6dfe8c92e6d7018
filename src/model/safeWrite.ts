// Writes a fixed file in place without ever leaving it half written, and only when nobody changed it since it was read.
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { readBoundedFile } from './safeRead';

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/**
 * Replaces `path` with `text` atomically: a temporary file in the same folder (same mode, and same
 * owner when run as root) is written, flushed and renamed over it, so a reader sees the old file or
 * the new one, never a part. `expected` is the text the fix was computed from: when the file now
 * holds something else (an editor saved it meanwhile), nothing is written. `expected: null` means
 * the file is new and must still not exist. A symlink is written through to the file it names.
 */
export function writeFileAtomically(path: string, text: string, expected: string | null): WriteOutcome {
  if (expected === null) return createFile(path, text);
  let target: string;
  try {
    target = realpathSync(path);
  } catch (err) {
    return { ok: false, reason: `cannot find it any more (${code(err)})` };
  }
  const before = statSync(target, { throwIfNoEntry: false });
  if (!before?.isFile()) return { ok: false, reason: 'it is no longer a regular file' };
  if ((before.mode & 0o222) === 0) return { ok: false, reason: 'the file is read-only' };
  const current = readBoundedFile(target, Math.max(before.size, Buffer.byteLength(expected)));
  if (!current.ok) return { ok: false, reason: current.reason };
  if (current.text !== expected) return { ok: false, reason: 'it changed on disk since it was read; run the fix again' };
  const temp = join(dirname(target), `.${basename(target)}.ztn-fix-${randomBytes(6).toString('hex')}`);
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (err) {
    return { ok: false, reason: `cannot write in its folder (${code(err)})` };
  }
  try {
    writeAll(fd, text);
    fchmodSync(fd, before.mode & 0o7777);
    if (process.getuid?.() === 0) fchownSync(fd, before.uid, before.gid);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    // The last look before the rename: an edit saved while the temporary file was written wins.
    const now = statSync(target, { throwIfNoEntry: false });
    if (!now || now.mtimeMs !== before.mtimeMs || now.size !== before.size) {
      unlinkSync(temp);
      return { ok: false, reason: 'it changed on disk while the fix was written; run the fix again' };
    }
    renameSync(temp, target);
    return { ok: true };
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    return { ok: false, reason: `cannot write (${code(err)})` };
  }
}

/** A new file: written beside it, then linked into place, which fails when something took the name meanwhile. */
function createFile(path: string, text: string): WriteOutcome {
  const temp = join(dirname(path), `.${basename(path)}.ztn-fix-${randomBytes(6).toString('hex')}`);
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  } catch (err) {
    return { ok: false, reason: `cannot write in its folder (${code(err)})` };
  }
  try {
    try {
      writeAll(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, path);
    return { ok: true };
  } catch (err) {
    const why = code(err);
    return { ok: false, reason: why === 'EEXIST' ? 'a file of that name appeared since the fix was computed' : `cannot write (${why})` };
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}
