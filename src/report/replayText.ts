// `ztn sandbox replay` in the terminal: one block per call with what the wire showed.
import type { SimulationResult } from '../policy/types';
import type { SandboxObservation } from '../policy/types';
import { routeOf, wireSummary } from './verifyModel';
import { displayText } from '../model/displayText';

export function replayToText(result: SimulationResult): string {
  const lines: string[] = [];
  for (const call of result.calls) {
    const observed = call.observed as SandboxObservation | undefined;
    const mark = !observed ? '?' : call.agrees ? 'ok' : 'DIFF';
    lines.push(`${mark.padEnd(4)} ${call.name}  ${routeOf(call)}`);
    if (!observed) continue;
    lines.push(`     wire: ${wireSummary(observed)}${observed.latencyMs !== undefined ? `, ${observed.latencyMs.toFixed(1)} ms` : ''}`);
    if (observed.clientIdentity || observed.serverIdentity) {
      lines.push(`     identities: client ${observed.clientIdentity ?? '(none)'}, server ${observed.serverIdentity ?? '(none)'}`);
    }
    if (observed.xfcc) lines.push(`     app saw X-Forwarded-Client-Cert: ${observed.xfcc}`);
    if (observed.error) lines.push(`     ${observed.error}`);
    for (const k of call.caveats ?? []) if (k.kind === 'sandbox-limit') lines.push(`     warning: ${k.detail}`);
  }
  const s = result.summary;
  lines.push(
    '',
    `${s.total} call(s): ${s.allowed} allowed, ${s.denied} refused, ${s.mtls} over mTLS; ${result.calls.filter((c) => c.agrees === false).length} disagree with the prediction; ${s.expectationsFailed} expectation(s) failed`,
  );
  // Names, identities and errors come from manifests and the wire: escaped, one output line each.
  return lines.map(displayText).join('\n') + '\n';
}
