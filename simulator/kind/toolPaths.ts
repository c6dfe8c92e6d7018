// The ztn.kindPath / ztn.istioctlPath settings: the kind engine runs "kind" and "istioctl" through this, so they resolve to the configured binaries.
import type { CommandRunner, RunOptions, RunResult } from '../../simulator/kind/commandRunner';

export interface ToolPaths {
  kind: string;
  istioctl: string;
}

/** Wraps a runner so the bare tool names map to the user's paths; every other command passes through unchanged. */
export function withToolPaths(inner: CommandRunner, paths: ToolPaths): CommandRunner {
  const mapped: Record<string, string> = { kind: paths.kind || 'kind', istioctl: paths.istioctl || 'istioctl' };
  return {
    run(command: string, args: string[], options?: RunOptions): Promise<RunResult> {
      return inner.run(mapped[command] ?? command, args, options);
    },
  };
}
