// Files the kind engine writes under its state folder: on disk for a real run, into the plan for a dry run.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACERTS_FILES, writeCacerts, type SandboxPki } from '../shared/pki';
import { writeSecretFile } from '../shared/secretFile';
import { readStateFile } from '../shared/stateRead';
import type { Plan } from './plan';

export interface StateFiles {
  readonly root: string;
  /** Writes `relPath` under the state folder and returns its absolute path; secret files are 0600. */
  write(relPath: string, content: string, secret?: boolean): string;
  /** Istio's plug-in CA files (cacerts) of one cluster; returns the paths by role. */
  writeCacerts(relDir: string, cluster: string, pki: SandboxPki): Record<keyof typeof CACERTS_FILES, string>;
  /** Removes a file or folder under the state folder (no error when absent). */
  remove(relPath: string): void;
  /** A file an earlier run wrote, to tell whether a generated file changed; undefined when absent. */
  read(relPath: string): string | undefined;
}

export class DiskStateFiles implements StateFiles {
  constructor(readonly root: string) {}

  write(relPath: string, content: string, secret = false): string {
    const path = join(this.root, relPath);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (secret) writeSecretFile(path, content);
    else writeFileSync(path, content);
    return path;
  }

  writeCacerts(relDir: string, cluster: string, pki: SandboxPki) {
    return writeCacerts(join(this.root, relDir), cluster, pki);
  }

  remove(relPath: string): void {
    rmSync(join(this.root, relPath), { recursive: true, force: true });
  }

  read(relPath: string): string | undefined {
    const path = join(this.root, relPath);
    return existsSync(path) ? readStateFile(path) : undefined;
  }
}

function describeCert(pem: string): string {
  const cert = new X509Certificate(pem);
  const oneLine = (dn: string) => dn.split('\n').join(', ');
  return `certificate: subject "${oneLine(cert.subject)}", issued by "${oneLine(cert.issuer)}"\n`;
}

/** Records files in the plan instead of writing them; certificates appear as their subjects, keys not at all. */
export class PlannedStateFiles implements StateFiles {
  constructor(
    readonly root: string,
    private readonly plan: Plan,
  ) {}

  write(relPath: string, content: string, secret = false): string {
    const path = join(this.root, relPath);
    this.plan.file(path, secret ? '(secret, not shown)\n' : content, secret);
    return path;
  }

  writeCacerts(relDir: string, cluster: string, pki: SandboxPki) {
    const ca = pki.intermediates[cluster];
    const dir = join(this.root, relDir);
    const paths = {
      cert: join(dir, CACERTS_FILES.cert),
      key: join(dir, CACERTS_FILES.key),
      root: join(dir, CACERTS_FILES.root),
      chain: join(dir, CACERTS_FILES.chain),
    };
    this.plan.file(paths.cert, describeCert(ca.certPem));
    this.plan.file(paths.key, '(private key of the intermediate above, not shown)\n', true);
    this.plan.file(paths.root, describeCert(pki.root.certPem));
    this.plan.file(paths.chain, `${describeCert(ca.certPem)}${describeCert(pki.root.certPem)}`);
    return paths;
  }

  remove(relPath: string): void {
    this.plan.note(`remove ${join(this.root, relPath)}`);
  }

  read(): string | undefined {
    return undefined;
  }
}
