// `ztn sandbox verify` in the terminal: every mismatch with the engine's explanation and what the hops saw; summary counts.
import type { ExplanationStep } from '../policy/types';
import { routeOf, wireSummary, type Verification } from './verifyModel';
import { displayText } from '../model/displayText';

function stepLine(s: ExplanationStep): string {
  const where = s.file ? ` (${s.file}${s.line ? `:${s.line}` : ''})` : '';
  return `${s.step}: ${s.policy ? `${s.policy}: ` : ''}${s.detail}${where}`;
}

export function verifyToText(v: Verification): string {
  const lines: string[] = [];
  for (const row of v.rows) {
    const pass = row.problems.length === 0;
    lines.push(`${pass ? 'PASS' : 'FAIL'} ${row.call.name}  ${routeOf(row.call)}`);
    if (row.observed) lines.push(`     wire: ${wireSummary(row.observed)}; predicted ${row.call.verdict} (${row.call.mtls ? 'mTLS' : 'plaintext'})`);
    for (const k of row.call.caveats ?? []) lines.push(`     caveat: ${k.detail}${k.file ? ` (${k.file}${k.line ? `:${k.line}` : ''})` : ''}`);
    if (pass) continue;
    for (const p of row.problems) lines.push(`     - ${p}`);
    if (row.call.explanation.length) {
      lines.push('     engine explanation:');
      for (const s of row.call.explanation) lines.push(`       ${stepLine(s)}`);
    }
    if (row.observed?.hops.length) {
      lines.push('     on the wire:');
      for (const h of row.observed.hops) lines.push(`       ${h}`);
    }
  }
  const s = v.summary;
  const faults = Object.entries(s.faults).map(([k, n]) => `${n} ${k}`);
  lines.push(
    '',
    `${s.total} call(s): ${s.passed} passed, ${s.disagreements} disagree with the engine, ${s.expectationsFailed} expectation(s) failed` +
      (s.notObserved ? `, ${s.notObserved} not observed` : '') +
      (faults.length ? `; faults: ${faults.join(', ')}` : ''),
    v.ok ? 'verification passed' : 'verification FAILED',
  );
  // Names, identities and errors come from manifests and the wire: escaped, one output line each.
  return lines.map(displayText).join('\n') + '\n';
}
