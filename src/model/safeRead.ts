// Reads files from folders ztn does not trust (a pull request's): regular files only, never past a byte limit.
import { closeSync, constants, fstatSync, openSync, readSync, type Dirent, type Stats } from 'node:fs';

/** Why a file was not read, in words that fit after "skipped: " or "cannot read FILE: ". */
export type ReadOutcome =
  | { ok: true; text: string }
  | {
      ok: false;
      /** not-regular: a FIFO, socket or device; too-large: over the limit; unreadable: the system said no. */
      why: 'not-regular' | 'too-large' | 'unreadable';
      reason: string;
    };

/** What a non-regular file system entry is, for notices ("a FIFO", "a character device"). */
export function entryKind(entry: Stats | Dirent): string {
  if (entry.isDirectory()) return 'a folder';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  if (entry.isSymbolicLink()) return 'a symlink';
  return entry.isFile() ? 'a file' : 'not a regular file';
}

/** Opening a FIFO for reading waits for a writer; non-blocking, it returns at once and fstat says what it is. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const FIRST_CHUNK = 64 * 1024;

/**
 * Reads `path` as UTF-8 when it is a regular file (a symlink is followed; what it points at is checked)
 * of at most `maxBytes` bytes. The size is checked on the open file (fstat), and the read itself stops
 * after `maxBytes + 1` bytes: a file that grows while it is read, or reports a wrong size, still cannot
 * cost more memory than the limit. Never throws for what is on disk.
 */
export function readBoundedFile(path: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A socket cannot be opened as a file at all.
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') return { ok: false, why: 'not-regular', reason: 'not a regular file (a socket)' };
    return { ok: false, why: 'unreadable', reason: `cannot read file: ${code ?? (err as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, why: 'not-regular', reason: `not a regular file (${entryKind(st)})` };
    if (st.size > maxBytes) return tooLarge(`${st.size} bytes`, maxBytes);
    const limit = maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(st.size + 1, FIRST_CHUNK)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooLarge(`more than ${maxBytes} bytes`, maxBytes);
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (err) {
    return { ok: false, why: 'unreadable', reason: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: string, maxBytes: number): ReadOutcome {
  return { ok: false, why: 'too-large', reason: `file is ${size}, over the limit of ${maxBytes}` };
}

/** A file ztn was asked to read (ztn.yaml, a traffic or results file) that it could not read. */
export class InputFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read ${path}: ${reason.replace(/^cannot read file: /, '')}`);
  }
}

/** What to do about a file over the limit, after its reason. */
export const RAISE_LIMIT_HINT = "raise 'maxFileBytes' in ztn.yaml";

/** readBoundedFile for a file the command cannot do without: throws InputFileError instead. */
export function readInputFile(path: string, maxBytes: number, label = path): string {
  const outcome = readBoundedFile(path, maxBytes);
  if (!outcome.ok) throw new InputFileError(label, outcome.why === 'too-large' ? `${outcome.reason}; ${RAISE_LIMIT_HINT} to read it` : outcome.reason);
  return outcome.text;
}
