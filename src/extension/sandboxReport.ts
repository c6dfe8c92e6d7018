// Outcome of a sandbox replay or verify run: the sandbox engineer's verification model and HTML report, shown in a script-less webview.
import type { SimulationResult } from '../policy/types';
import { verifyResults, type Verification } from '../report/verifyModel';
import { verifyToHtml } from '../report/verifyHtml';

export interface ReplaySummary {
  /** True when every call was observed, agreed with the prediction and met its expectation. */
  ok: boolean;
  text: string;
  verification: Verification;
}

export function replaySummary(results: SimulationResult): ReplaySummary {
  const verification = verifyResults(results);
  const v = verification.summary;
  const s = results.summary;
  const parts = [
    `${s.total} call(s): ${s.allowed} allowed, ${s.denied} denied, ${s.mtls} over mTLS`,
    `${v.total - v.notObserved} observed on the wire`,
    v.disagreements ? `${v.disagreements} disagree with the prediction` : 'all agree with the prediction',
    v.expectationsFailed ? `${v.expectationsFailed} expectation(s) failed` : 'all expectations hold',
  ];
  return { ok: verification.ok, text: parts.join('; '), verification };
}

/** The report page (no scripts; its own CSP pins the one stylesheet). */
export function reportHtml(kind: 'replay' | 'verify', engine: string, trafficFile: string, summary: ReplaySummary, at: Date): string {
  return verifyToHtml(summary.verification, {
    title: `Sandbox ${kind === 'verify' ? 'verification' : 'replay'}: ${summary.ok ? 'PASSED' : 'FAILED'}`,
    subtitle: `${engine} engine · ${trafficFile} · ${at.toISOString()} · ${summary.text}`,
  });
}
