// Bundle entry dist/extension-kind.js: the kind engine with @kubernetes/client-node, loaded only when a kind sandbox is used.
import type { SandboxEngine } from '../../simulator/engine';
import { KindEngine } from '../../simulator/kind/engine';
import { ProcessRunner } from '../../simulator/kind/processRunner';
import { withToolPaths, type ToolPaths } from './toolPaths';

export function createKindEngine(paths: ToolPaths): SandboxEngine {
  return new KindEngine({ runner: withToolPaths(new ProcessRunner(), paths) });
}
