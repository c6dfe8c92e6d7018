// `file:line:col severity ZTppnn message` lines plus a per-pillar summary.
import { relative } from 'node:path';
import { displayText } from '../model/displayText';
import type { LintResult } from '../rules/engine';
import { PILLARS, type PillarNumber } from '../rules/types';

export function lintToText(result: LintResult, cwd: string): string {
  const lines = result.findings.map((f) => {
    const file = relative(cwd, f.file) || f.file;
    // Names and file names come from the manifests: escaped, so a newline or an escape sequence in one cannot forge a line.
    return `${displayText(file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${displayText(f.message)}`;
  });
  const perPillar = new Map<number, { error: number; warning: number; info: number }>();
  for (const f of result.findings) {
    const c = perPillar.get(f.pillar) ?? { error: 0, warning: 0, info: 0 };
    c[f.severity]++;
    perPillar.set(f.pillar, c);
  }
  const summary: string[] = ['', 'Summary by pillar:'];
  for (let p = 0; p <= 10; p++) {
    const c = perPillar.get(p);
    if (!c) continue;
    const name = PILLARS[p as PillarNumber];
    summary.push(`  ${String(p).padStart(2, '0')} ${name.padEnd(32)} ${c.error} error, ${c.warning} warning, ${c.info} info`);
  }
  const totals = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) totals[f.severity]++;
  summary.push(
    `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${totals.error} error, ${totals.warning} warning, ${totals.info} info) in ${result.filesChecked} file${result.filesChecked === 1 ? '' : 's'}; ${result.suppressed.length} suppressed`,
  );
  return [...lines, ...(result.findings.length ? summary : [summary[summary.length - 1]])].join('\n') + '\n';
}
