// The stable JSON shape of `ztn lint --format json` (documented in README).
import { relative } from 'node:path';
import type { LintResult } from '../rules/engine';

export interface LintJson {
  version: 1;
  findings: {
    ruleId: string;
    pillar: number;
    severity: string;
    message: string;
    file: string;
    /** 1-based line and column, end exclusive column. */
    range: { start: { line: number; column: number }; end: { line: number; column: number } };
    object?: string;
    fixable: boolean;
  }[];
  summary: { files: number; findings: number; error: number; warning: number; info: number; suppressed: number };
}

export function lintToJson(result: LintResult, cwd: string): LintJson {
  const summary = { files: result.filesChecked, findings: result.findings.length, error: 0, warning: 0, info: 0, suppressed: result.suppressed.length };
  for (const f of result.findings) summary[f.severity]++;
  return {
    version: 1,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      pillar: f.pillar,
      severity: f.severity,
      message: f.message,
      file: relative(cwd, f.file) || f.file,
      range: {
        start: { line: f.range.start.line + 1, column: f.range.start.character + 1 },
        end: { line: f.range.end.line + 1, column: f.range.end.character + 1 },
      },
      ...(f.object ? { object: f.object } : {}),
      fixable: f.fix !== undefined,
    })),
    summary,
  };
}
