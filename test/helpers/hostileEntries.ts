// File system entries git cannot hold, made at test time: FIFOs, sockets, device links, dangling and looping symlinks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** What `makeHostileEntries` made, by the path relative to the folder, with the reason a notice must give. */
export interface HostileEntries {
  /** Relative path -> a pattern of the ZT0002 notice it must get. */
  expected: Map<string, RegExp>;
  /** Close the socket's server. */
  close(): Promise<void>;
}

/**
 * Makes, under `dir`: a FIFO, a listening Unix socket, symlinks to /dev/zero and /dev/urandom, a
 * dangling symlink, a symlink cycle (a -> b -> a), a folder linking to itself, and a symlink to a
 * file outside `dir`. Each named like a manifest, so a walk that trusts names would read it.
 */
export async function makeHostileEntries(dir: string, outside: string): Promise<HostileEntries> {
  const expected = new Map<string, RegExp>();
  const at = (rel: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    return join(dir, rel);
  };
  execFileSync('mkfifo', [at('pipe.yaml')]);
  expected.set('pipe.yaml', /^skipped: not a regular file \(a FIFO\)$/);
  symlinkSync('/dev/zero', at('zero.yaml'));
  expected.set('zero.yaml', /^skipped: symlink to \/dev\/zero, outside the folders being linted$/);
  symlinkSync('/dev/urandom', at('random.yaml'));
  expected.set('random.yaml', /^skipped: symlink to \/dev\/urandom, outside the folders being linted$/);
  symlinkSync('missing.yaml', at('dangling.yaml'));
  expected.set('dangling.yaml', /^skipped: dangling symlink/);
  symlinkSync('cycle-b.yaml', at('cycle-a.yaml'));
  symlinkSync('cycle-a.yaml', at('cycle-b.yaml'));
  expected.set('cycle-a.yaml', /^skipped: symlink loop$/);
  expected.set('cycle-b.yaml', /^skipped: symlink loop$/);
  symlinkSync('..', at('nested/up'));
  expected.set('nested/up', /^skipped: symlink loop: points to \.\., a folder that contains it$/);
  symlinkSync(outside, at('outside.yaml'));
  expected.set('outside.yaml', /^skipped: symlink to .*, outside the folders being linted$/);
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(at('socket.yaml'), done));
  expected.set('socket.yaml', /^skipped: not a regular file \(a socket\)$/);
  return { expected, close: () => new Promise<void>((done) => server.close(() => done())) };
}
