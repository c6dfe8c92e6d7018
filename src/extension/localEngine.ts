// Bundle entry dist/extension-local.js: the local sandbox engine (PKI, supervisor), loaded when a sandbox command first runs.
import type { SandboxEngine } from '../../simulator/engine';
import { LocalEngine } from '../../simulator/local/engine';

export function createLocalEngine(): SandboxEngine {
  return new LocalEngine();
}
