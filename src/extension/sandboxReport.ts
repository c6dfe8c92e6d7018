// One-line outcome of a replay or verify run (notification and log), from the results' summary and per-call agreement.
import type { SimulationResult } from '../../simulator/types';

export interface ReplaySummary {
  /** True when every expectation held and every observation agreed with the prediction. */
  ok: boolean;
  text: string;
  disagreements: number;
}

export function replaySummary(results: SimulationResult): ReplaySummary {
  const s = results.summary;
  const disagreements = results.calls.filter((c) => c.agrees === false).length;
  const observed = results.calls.filter((c) => c.observed).length;
  const parts = [
    `${s.total} call(s): ${s.allowed} allowed, ${s.denied} denied, ${s.mtls} over mTLS`,
    `${observed} observed on the wire`,
    disagreements ? `${disagreements} disagree with the prediction` : 'all agree with the prediction',
    s.expectationsFailed ? `${s.expectationsFailed} expectation(s) failed` : 'all expectations hold',
  ];
  return { ok: disagreements === 0 && s.expectationsFailed === 0, text: parts.join('; '), disagreements };
}

function cell(value: unknown): string {
  return String(value ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The replay/verify report as markdown: one row per call, prediction next to what the wire showed. */
export function resultsMarkdown(kind: 'replay' | 'verify', engine: string, trafficFile: string, results: SimulationResult): string {
  const summary = replaySummary(results);
  const out = [
    `# Sandbox ${kind === 'verify' ? 'verification' : 'replay'}: ${summary.ok ? 'PASSED' : kind === 'verify' ? 'FAILED' : 'done'}`,
    '',
    `Engine **${engine}**, traffic file \`${trafficFile}\`.`,
    '',
    summary.text + '.',
    '',
    '| call | from | to | predicted | mTLS | observed | TLS | peer identity | agrees | expectation |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of results.calls) {
    const o = c.observed;
    const expectation = c.expectation ? (c.expectation.ok ? 'ok' : `FAILED: ${(c.expectation.failures ?? []).join('; ')}`) : '';
    out.push(
      `| ${cell(c.name)} | ${cell(c.from)} | ${cell(`${c.to}:${c.port}`)} | ${cell(c.verdict)} | ${c.mtls ? 'yes' : 'no'} | ${cell(o ? `${o.outcome}${o.status ? ` ${o.status}` : ''}` : 'not observed')} | ${cell(o?.tlsVersion ?? '')} | ${cell(o?.serverIdentity ?? o?.clientIdentity ?? '')} | ${c.agrees === undefined ? '' : c.agrees ? 'yes' : '**no**'} | ${cell(expectation)} |`,
    );
  }
  const failed = results.calls.filter((c) => c.agrees === false || c.expectation?.ok === false);
  if (failed.length) {
    out.push('', '## Why', '');
    for (const c of failed) {
      out.push(`### ${cell(c.name)}`, '', ...c.explanation.map((s) => `- ${s.step}: ${s.detail}${s.policy ? ` (${s.policy}${s.file ? `, ${s.file}:${s.line}` : ''})` : ''}`), '');
    }
  }
  return out.join('\n') + '\n';
}
