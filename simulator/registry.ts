// The one sandbox engine registry: `ztn sandbox --engine NAME` and the extension's sandbox commands get engines here.
import { codeFile } from '../src/model/codeFile';
import type { EngineName, SandboxEngine } from './engine';
import type { ToolPaths } from './kind/toolPaths';

export interface EngineOptions {
  /** kind engine: the kind and istioctl binaries to run (default: the names on PATH). */
  toolPaths?: Partial<ToolPaths>;
}

/**
 * Each engine is a bundle of its own, loaded on first use (scripts/build.mjs): the local one carries the PKI and
 * the supervisor launcher, the kind one @kubernetes/client-node (7.5 MB). Linting never pays for them. Under tsx
 * (tests) the TypeScript module itself is loaded. The path is built at run time so that esbuild does not bundle it.
 */
function load<T>(source: string, bundle: string): T {
  return require(codeFile(__filename, source, bundle).path) as T;
}

const ENGINES: Record<EngineName, (options: EngineOptions) => SandboxEngine> = {
  local: () => new (load<typeof import('./local/engine')>('local/engine.ts', 'sandbox-local.js').LocalEngine)(),
  kind: (options) => new (load<typeof import('./kind/engine')>('kind/engine.ts', 'sandbox-kind.js').KindEngine)({ toolPaths: options.toolPaths }),
};

export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[];

export function getEngine(name: EngineName, options: EngineOptions = {}): SandboxEngine {
  const make = ENGINES[name];
  if (!make) throw new Error(`sandbox engine '${name}' is not available in this build`);
  return make(options);
}

export type { EngineName, SandboxEngine, SandboxStatus } from './engine';
