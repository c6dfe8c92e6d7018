// What a kind sandbox leaves in its state folder between commands: file names, the run's record, the kept CA.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxPki } from '../shared/pki';
import { readStateFile } from '../shared/stateRead';

export const STATE_FILE = 'state.json';
export const KUBECONFIG_FILE = 'kubeconfig';
export const PKI_FILE = 'pki.json';

/** What `up` leaves behind for status, replay and down. */
export interface KindState {
  engine: 'kind';
  startedAt: string;
  clusters: { name: string; kindName: string; context: string; reused: boolean }[];
  loadBalancer: 'metallb' | 'cloud-provider-kind';
  /** Resources not applied, and why (no CRD in the sandbox, managed by the engine, apply errors). */
  notApplied: { cluster: string; resource: string; reason: string }[];
}

export function readPkiFile(stateDir: string): SandboxPki | undefined {
  const path = join(stateDir, PKI_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const pki = JSON.parse(readStateFile(path) ?? '') as SandboxPki;
    return pki.root?.certPem && pki.intermediates ? pki : undefined;
  } catch {
    return undefined; // unreadable: a new PKI is made and the clusters recreated
  }
}

export function readState(stateDir: string): KindState | undefined {
  const path = join(stateDir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readStateFile(path) ?? '') as KindState;
  } catch {
    return undefined;
  }
}
