// Verification of a sandbox run: per call, does the wire agree with the engine's prediction and with the file's `expect`?
import type { CallResult, SimulationResult } from '../policy/types';
import type { SandboxObservation } from '../policy/types';

export interface VerifyRow {
  call: CallResult;
  observed?: SandboxObservation;
  /** Observation equals prediction (verdict and mTLS). */
  agrees: boolean;
  expectationOk: boolean;
  /** Why the row fails, in words; empty when it passes. */
  problems: string[];
}

export interface Verification {
  rows: VerifyRow[];
  summary: {
    total: number;
    passed: number;
    disagreements: number;
    expectationsFailed: number;
    /** Calls the replay could not run (no observation). */
    notObserved: number;
    /** Faults the replay named, by kind. */
    faults: Record<string, number>;
  };
  ok: boolean;
}

function channel(mtls: boolean): string {
  return mtls ? 'mTLS' : 'plaintext';
}

export function verifyResults(result: SimulationResult): Verification {
  const faults: Record<string, number> = {};
  const rows = result.calls.map((call): VerifyRow => {
    const observed = call.observed as SandboxObservation | undefined;
    const problems: string[] = [];
    if (!observed) problems.push('not observed: the sandbox did not run this call');
    const agrees = !!observed && call.agrees === true;
    if (observed && !agrees) {
      problems.push(`observed ${observed.verdict} (${channel(observed.mtls)}) but the engine predicted ${call.verdict} (${channel(call.mtls)})`);
    }
    const expectationOk = !call.expectation || call.expectation.ok;
    if (!expectationOk) problems.push(...(call.expectation?.failures ?? ['expectation failed']));
    if (observed?.fault) faults[observed.fault] = (faults[observed.fault] ?? 0) + 1;
    return { call, observed, agrees, expectationOk, problems };
  });
  const summary = {
    total: rows.length,
    passed: rows.filter((r) => r.problems.length === 0).length,
    disagreements: rows.filter((r) => r.observed && !r.agrees).length,
    expectationsFailed: rows.filter((r) => !r.expectationOk).length,
    notObserved: rows.filter((r) => !r.observed).length,
    faults,
  };
  return { rows, summary, ok: summary.passed === summary.total };
}

/** `frontend -> cart:8080` style label of a call's route. */
export function routeOf(call: CallResult): string {
  return `${call.from} -> ${call.to}${call.port ? `:${call.port}` : ''}`;
}

/** What the wire showed, in one line: outcome, channel, TLS version and status. */
export function wireSummary(observed: SandboxObservation): string {
  const parts: string[] = [observed.verdict, channel(observed.mtls)];
  if (observed.tlsVersion) parts.push(`${observed.tlsVersion} ${observed.cipher ?? ''}`.trim());
  if (observed.status !== undefined) parts.push(`HTTP ${observed.status}`);
  if (observed.outcome !== 'ok') parts.push(observed.outcome);
  if (observed.fault) parts.push(`fault: ${observed.fault}`);
  return parts.join(', ');
}
