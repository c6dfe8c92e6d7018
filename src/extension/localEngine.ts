// Bundle entry dist/extension-local.js: the local sandbox engine (PKI, supervisor), loaded when a sandbox command first runs.
import type { SandboxEngine } from '../sandbox/engine';
import { LocalEngine } from '../sandbox/local';

export function createLocalEngine(): SandboxEngine {
  return new LocalEngine();
}
