// The sandbox engine registry: `ztn sandbox --engine NAME` and the extension pick engines here.
import { codeFile } from '../src/model/codeFile';
import type { EngineName, SandboxEngine } from './engine';
import { LocalEngine } from './local/engine';

/**
 * The kind engine brings @kubernetes/client-node and its dependencies, 7.5 of the 8.7 MB the CLI bundle had:
 * reading and compiling them cost every `ztn` run 0.35 s before it did anything. The CLI bundle leaves them
 * out and loads dist/sandbox-kind.js (scripts/build.mjs) when a kind sandbox is asked for; under tsx (tests)
 * the TypeScript module itself. The path is built at run time so that esbuild does not bundle it.
 */
function kindEngineModule(): typeof import('./kind/engine') {
  return require(codeFile(__filename, 'kind/engine.ts', 'sandbox-kind.js').path) as typeof import('./kind/engine');
}

const ENGINES: Partial<Record<EngineName, () => SandboxEngine>> = {
  local: () => new LocalEngine(),
  kind: () => new (kindEngineModule().KindEngine)(),
};

export const ENGINE_NAMES: EngineName[] = ['local', 'kind'];

export function getEngine(name: EngineName): SandboxEngine {
  const make = ENGINES[name];
  if (!make) throw new Error(`sandbox engine '${name}' is not available in this build`);
  return make();
}

export type { EngineName, SandboxEngine } from './engine';
