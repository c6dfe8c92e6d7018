// `ztn sandbox verify --format junit`: one test case per call, failed when the wire disagrees or an expectation fails.
import { routeOf, wireSummary, type Verification } from './verifyModel';

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

export function verifyToJunit(v: Verification, suiteName: string): string {
  const failures = v.rows.filter((r) => r.problems.length > 0).length;
  const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);
  const total = v.rows.reduce((sum, r) => sum + (r.observed?.latencyMs ?? 0), 0);
  const cases = v.rows.map((r) => {
    const head = `    <testcase classname="${xml(suiteName)}" name="${xml(r.call.name)}" time="${seconds(r.observed?.latencyMs)}">`;
    const out = r.observed ? `\n      <system-out>${xml(`${routeOf(r.call)}\n${wireSummary(r.observed)}\n${r.observed.hops.join('\n')}`)}</system-out>` : '';
    if (r.problems.length === 0) return `${head}${out}\n    </testcase>`;
    const explanation = r.call.explanation.map((s) => `${s.step}: ${s.detail}${s.file ? ` (${s.file}:${s.line ?? ''})` : ''}`).join('\n');
    return `${head}\n      <failure message="${xml(r.problems[0])}" type="${r.agrees ? 'expectation' : 'disagreement'}">${xml([...r.problems, '', explanation].join('\n'))}</failure>${out}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ztn sandbox verify" tests="${v.rows.length}" failures="${failures}" time="${seconds(total)}">`,
    `  <testsuite name="${xml(suiteName)}" tests="${v.rows.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
