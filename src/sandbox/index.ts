// The sandbox engine registry: `ztn sandbox --engine NAME` and the extension pick engines here.
import type { EngineName, SandboxEngine } from './engine';
import { KindEngine } from './kind/engine';
import { LocalEngine } from './local';

const ENGINES: Partial<Record<EngineName, () => SandboxEngine>> = {
  local: () => new LocalEngine(),
  kind: () => new KindEngine(),
};

export const ENGINE_NAMES: EngineName[] = ['local', 'kind'];

export function getEngine(name: EngineName): SandboxEngine {
  const make = ENGINES[name];
  if (!make) throw new Error(`sandbox engine '${name}' is not available in this build`);
  return make();
}

export type { EngineName, SandboxEngine } from './engine';
