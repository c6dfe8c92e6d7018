// Sandbox results as JSON: the simulate shape, each call with `observed` and `agrees` (what `ztn graph --results` reads).
import type { SimulationResult } from '../policy/types';
import type { Verification } from './verifyModel';

export interface SandboxResultsJson extends SimulationResult {
  engine: string;
  /** Present in `verify` output. */
  verification?: Verification['summary'] & { ok: boolean };
}

export function replayToJson(result: SimulationResult, engine: string, verification?: Verification): SandboxResultsJson {
  return {
    engine,
    calls: result.calls,
    summary: result.summary,
    ...(verification ? { verification: { ...verification.summary, ok: verification.ok } } : {}),
  };
}
