// Writing key material and credentials: owner-only (0600) files. Its own module so the sandbox's state files
// can write secrets without loading the X.509 library (pki.ts), which `ztn lint` should never pay for.
import { chmodSync, writeFileSync } from 'node:fs';

/** Writes a file readable by its owner only; keys and credentials. */
export function writeSecretFile(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600); // mode is ignored when the file already existed
}
