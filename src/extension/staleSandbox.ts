// Replay and Verify against a sandbox started from other manifests: ask to restart it (down, up) or to replay anyway.
import type { SandboxContext, SandboxEngine, SandboxStatus } from '../../simulator/engine';
import { isStaleSandboxError } from '../../simulator/shared/workspaceStamp';
import type { SimulationResult, TrafficReplay } from '../policy/types';

export const RESTART_SANDBOX = 'Restart sandbox';
export const REPLAY_ANYWAY = 'Replay anyway';

/** The user's answer to the stale notification; undefined when it was dismissed. */
export type StaleAnswer = typeof RESTART_SANDBOX | typeof REPLAY_ANYWAY | undefined;

export function staleMessage(engine: string): string {
  return `Zero Trust: the ${engine} sandbox is stale: it was started from other manifests (or another ztn.yaml) than the workspace has now.`;
}

export interface FreshReplay {
  /** Undefined when the user dismissed the question: nothing was replayed. */
  results?: SimulationResult;
  /** The status after a restart. */
  restarted?: SandboxStatus;
}

/** Replays; a stale sandbox is restarted (down, then up) or replayed anyway, as `ask` answers. */
export async function replayUnlessStale(
  engine: SandboxEngine,
  ctx: SandboxContext,
  traffic: TrafficReplay,
  ask: (message: string) => PromiseLike<StaleAnswer>,
): Promise<FreshReplay> {
  try {
    return { results: await engine.replay(ctx, traffic) };
  } catch (err) {
    if (!isStaleSandboxError(err)) throw err;
    const answer = await ask(staleMessage(engine.name));
    if (answer === REPLAY_ANYWAY) return { results: await engine.replay(ctx, traffic, { allowStale: true }) };
    if (answer !== RESTART_SANDBOX) return {};
    await engine.down(ctx);
    const restarted = await engine.up(ctx);
    return { results: await engine.replay(ctx, traffic), restarted };
  }
}
