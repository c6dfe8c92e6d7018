// Outcome of a sandbox replay or verify run: the sandbox engineer's verification model and HTML report, shown in a script-less webview.
import type { SandboxStatus } from '../../simulator/engine';
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

/** A moment as people read it: local date and time, and how long ago ("5 min ago"); the ISO text when it does not parse. */
export function localTime(iso: string, now: Date = new Date(), locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const text = at.toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const minutes = Math.round((now.getTime() - at.getTime()) / 60_000);
  const ago =
    minutes < 1
      ? 'just now'
      : minutes < 120
        ? `${minutes} min ago`
        : minutes < 48 * 60
          ? `${Math.round(minutes / 60)} h ago`
          : `${Math.round(minutes / 1440)} days ago`;
  return `${text} (${ago})`;
}

/** The Sandbox: Status notification. */
export function sandboxStatusMessage(engine: string, status: SandboxStatus, now: Date = new Date(), locale?: string): string {
  if (!status.running) return `Zero Trust: no ${engine} sandbox is running.`;
  const since = status.startedAt ? `since ${localTime(status.startedAt, now, locale)} ` : '';
  return `Zero Trust: ${engine} sandbox running ${since}with ${status.workloads.length} workload(s).`;
}

/** The report page (no scripts; its own CSP pins the one stylesheet). */
export function reportHtml(kind: 'replay' | 'verify', engine: string, trafficFile: string, summary: ReplaySummary, at: Date): string {
  return verifyToHtml(summary.verification, {
    title: `Sandbox ${kind === 'verify' ? 'verification' : 'replay'}: ${summary.ok ? 'PASSED' : 'FAILED'}`,
    subtitle: `${engine} engine · ${trafficFile} · ${at.toISOString()} · ${summary.text}`,
  });
}
