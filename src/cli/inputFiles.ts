// Files named by a command's flags: read through the bounded reader, written with one clear error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readBoundedFile, RAISE_LIMIT_HINT } from '../model/safeRead';
import { UsageError, type Io } from './usage';

/**
 * Reads the file of `--flag PATH` (a traffic or results file): a regular file of at most `maxBytes`
 * (the workspace's maxFileBytes), or a UsageError saying why not. A FIFO or /dev/zero named here
 * must not hang the command or fill its memory any more than one inside a linted folder.
 */
export function readFlagFile(io: Io, flag: string, path: string, maxBytes: number): { file: string; text: string } {
  const file = resolve(io.cwd, path);
  const read = readBoundedFile(file, maxBytes);
  if (read.ok) return { file, text: read.text };
  const reason = read.reason.replace(/^cannot read file: /, '');
  throw new UsageError(`--${flag}: cannot read ${path}: ${read.why === 'too-large' ? `${reason}; ${RAISE_LIMIT_HINT} to read it` : reason}`);
}

/**
 * Writes `text` to the file of `--flag PATH` (creating its folder with `makeFolder`); a folder, a missing
 * folder or no permission is a UsageError "cannot write ...", exit 2 like any bad input.
 */
export function writeFlagFile(io: Io, flag: string, path: string, text: string, makeFolder = false): string {
  const file = resolve(io.cwd, path);
  try {
    if (makeFolder) mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a folder' : code === 'ENOENT' ? 'its folder does not exist' : (code ?? (err as Error).message);
    throw new UsageError(`--${flag}: cannot write ${path}: ${why}`);
  }
  return file;
}
