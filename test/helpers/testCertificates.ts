// Throwaway certificates for test tables, generated when the test file loads (no certificate or key is committed).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface CertificateSpec {
  name: string;
  cn?: string;
  key?: 'RSA' | 'EC';
  bits?: number;
  curve?: string;
  hash?: 'SHA-1' | 'SHA-256' | 'SHA-384';
  /** Validity from/to, in days from now (from defaults to -1). */
  fromDays?: number;
  toDays: number;
  /** BasicConstraints cA; the extension is left out when undefined. */
  ca?: boolean;
}

/** PEM of each certificate, by name. */
export function testCertificates(specs: CertificateSpec[]): Record<string, string> {
  const out = execFileSync(process.execPath, [join(__dirname, 'generateCertificates.mjs'), JSON.stringify(specs)], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as Record<string, string>;
}

/** A PEM as an indented YAML block scalar body. */
export function pemBlock(pem: string, indent: number): string {
  return (
    pem
      .trim()
      .split(/\r?\n/)
      .map((l) => ' '.repeat(indent) + l)
      .join('\n') + '\n'
  );
}
