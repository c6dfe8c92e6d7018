// Findings as diagnostics data (range, severity, rule ID linked to its docs), grouped per file, without the vscode module.
import type { Range, Severity } from '../model/types';
import { PARSE_ERROR } from '../rules/tool';
import type { Finding } from '../rules/types';

export const DIAGNOSTIC_SOURCE = 'ztn';

/** The command that opens a rule's page from the docs shipped in the .vsix (docs/rules/ZTppnn.md), offline. */
export const SHOW_RULE_DOCS_COMMAND = 'ztn.showRuleDocs';

/** A command URI for the rule ID link in the Problems panel: the bundled page, not a web site. */
export function ruleDocsCommandUri(ruleId: string): string {
  return `command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

export interface DiagnosticData {
  range: Range;
  message: string;
  severity: Severity;
  code: { value: string; target: string };
  source: typeof DIAGNOSTIC_SOURCE;
}

export function toDiagnosticData(finding: Finding): DiagnosticData {
  return {
    range: finding.range,
    message: finding.message,
    severity: finding.severity,
    code: { value: finding.ruleId, target: ruleDocsCommandUri(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
  };
}

export interface GroupOptions {
  /**
   * True for files another YAML tool already checks for syntax (the Red Hat YAML extension): their
   * parse errors would show twice in the Problems panel, so ours are left out.
   */
  syntaxCheckedElsewhere?(file: string): boolean;
}

/** Diagnostics per file; every file of `files` gets an entry, so cleared files publish an empty list. */
export function diagnosticsByFile(findings: readonly Finding[], files: Iterable<string>, options: GroupOptions = {}): Map<string, DiagnosticData[]> {
  const out = new Map<string, DiagnosticData[]>();
  for (const file of files) out.set(file, []);
  for (const f of findings) {
    if (f.ruleId === PARSE_ERROR && options.syntaxCheckedElsewhere?.(f.file)) continue;
    let list = out.get(f.file);
    if (!list) out.set(f.file, (list = []));
    list.push(toDiagnosticData(f));
  }
  return out;
}

/** A stable fingerprint of a file's diagnostics: publishing is skipped when it did not change. */
export function diagnosticsSignature(list: readonly DiagnosticData[]): string {
  return list
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.severity}|${d.code.value}|${d.message}`)
    .join('\n');
}

/** Files whose diagnostics differ from what was published last time (and the new signatures). */
export function changedFiles(next: Map<string, DiagnosticData[]>, published: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [file, list] of next) {
    if (published.get(file) !== diagnosticsSignature(list)) changed.push(file);
  }
  return changed;
}
