// Reads a sandbox's own state files, which live in the workspace (.ztn/sandbox/...) and so may be planted there.
import { readBoundedFile } from '../../src/model/safeRead';

/** State, PKI and lock files are small; a bigger one was not written by ztn. */
export const MAX_STATE_FILE_BYTES = 16 * 1024 * 1024;

/** The text of a state file when it is a regular file within the bound; undefined otherwise (missing, a FIFO, a device link). */
export function readStateFile(path: string): string | undefined {
  const read = readBoundedFile(path, MAX_STATE_FILE_BYTES);
  return read.ok ? read.text : undefined;
}
