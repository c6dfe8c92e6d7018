// The kind and istioctl binaries to run (the extension's ztn.kindPath / ztn.istioctlPath settings): bare tool names map to them.
import type { CommandRunner, RunOptions, RunResult } from './commandRunner';

export interface ToolPaths {
  kind: string;
  istioctl: string;
}

/** Wraps a runner so the bare tool names map to the user's paths; every other command passes through unchanged. */
export function withToolPaths(inner: CommandRunner, paths: Partial<ToolPaths> | undefined): CommandRunner {
  if (!paths) return inner;
  const mapped: Record<string, string> = { kind: paths.kind || 'kind', istioctl: paths.istioctl || 'istioctl' };
  return {
    run(command: string, args: string[], options?: RunOptions): Promise<RunResult> {
      return inner.run(mapped[command] ?? command, args, options);
    },
  };
}
