// The lint engine: runs the registry over a workspace index, applies settings and suppressions.
import { isMap, isPair, isSeq, visit, type Node as YamlNode } from 'yaml';
import { fieldRange, positionAt } from '../model/position';
import type { Range, Resource, SourceFile } from '../model/types';
import { resourceLabel } from '../model/types';
import type { WorkspaceIndex } from '../model/workspace';
import { ALL_RULES, ruleById } from './registry';
import {
  annotationSuppressions,
  commentSuppressions,
  configEntryMatches,
  configSuppressions,
  type Suppression,
} from './suppression';
import { FILE_SKIPPED, NOT_SUPPRESSIBLE, PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION } from './tool';
import type { Finding, FindingInput, Rule, RuleContext } from './types';

export interface LintOptions {
  rules?: readonly Rule[];
  /** Only report findings in these files (the workspace is still used as context). */
  files?: ReadonlySet<string>;
}

export interface LintResult {
  findings: Finding[];
  /** Findings hidden by a suppression, with what hid them. */
  suppressed: Finding[];
  filesChecked: number;
}

function severityFor(rule: Rule, index: WorkspaceIndex) {
  const setting = index.config.rules[rule.meta.id]?.severity;
  return setting ?? rule.meta.severity;
}

export function lint(index: WorkspaceIndex, options: LintOptions = {}): LintResult {
  const rules = (options.rules ?? ALL_RULES).filter((r) => severityFor(r, index) !== 'off');
  const raw: Finding[] = [];
  const wanted = (file: string) => !options.files || options.files.has(file);

  const toFinding = (rule: Rule, input: FindingInput): Finding | undefined => {
    const file = input.resource?.file ?? input.file;
    if (!file || !wanted(file.path)) return undefined;
    let range: Range;
    if (input.range) range = input.range;
    else if (input.resource) range = fieldRange(input.resource, input.path ?? [], input.part ?? 'value');
    else range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const severity = severityFor(rule, index);
    if (severity === 'off') return undefined;
    return {
      ruleId: rule.meta.id,
      pillar: rule.meta.pillar,
      severity,
      message: input.message,
      file: file.path,
      range,
      object: input.resource ? resourceLabel(input.resource) : undefined,
      resource: input.resource,
      fix: input.fix,
    };
  };

  // Parse problems and skipped files come first: they explain missing findings.
  const toolRule = (id: string) => ruleById(id)!;
  for (const file of index.files.values()) {
    for (const p of file.problems) {
      const rule = toolRule(p.code === 'skipped' ? FILE_SKIPPED : PARSE_ERROR);
      const f = toFinding(rule, { file, range: p.range, message: p.message });
      if (f) {
        if (p.code === 'notice') f.severity = 'info';
        raw.push(f);
      }
    }
  }

  const byKind = new Map<string, Resource[]>();
  for (const r of index.resources) {
    let list = byKind.get(r.kind);
    if (!list) byKind.set(r.kind, (list = []));
    list.push(r);
  }

  for (const rule of rules) {
    const ctx: RuleContext = {
      index,
      config: index.config,
      report(input) {
        const f = toFinding(rule, input);
        if (f) raw.push(f);
      },
    };
    try {
      if (rule.checkResource && rule.meta.kinds) {
        for (const kind of rule.meta.kinds) for (const r of byKind.get(kind) ?? []) rule.checkResource(r, ctx);
      }
      rule.checkWorkspace?.(ctx);
    } catch (err) {
      // A rule bug must not take down linting of everything else; surface it as a tool finding.
      const first = index.files.values().next().value as SourceFile | undefined;
      if (first) {
        raw.push({
          ruleId: rule.meta.id,
          pillar: rule.meta.pillar,
          severity: 'info',
          message: `internal error in rule ${rule.meta.id}: ${(err as Error).message}`,
          file: first.path,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        });
      }
    }
  }

  return applySuppressions(index, raw, wanted);
}

function coveredSpan(file: SourceFile, resources: Resource[], line: number): [number, number] | undefined {
  const lineStart = file.lineStarts[line];
  if (lineStart === undefined) return undefined;
  const lineEnd = file.lineStarts[line + 1] ?? file.text.length;
  for (const r of resources) {
    const range = (r.node as { range?: [number, number, number] }).range;
    if (!range || range[1] < lineStart || range[0] >= lineEnd) continue;
    if (range[0] >= lineStart) return [range[0], range[1]]; // comment above the object covers all of it
    let best: [number, number] | undefined;
    visit(r.node, {
      Pair(_, pair) {
        const k = (pair.key as YamlNode | null)?.range;
        if (k && k[0] >= lineStart && k[0] < lineEnd && !best) {
          const v = (pair.value as YamlNode | null)?.range;
          best = [k[0], v ? v[1] : k[1]];
          return visit.BREAK;
        }
        return undefined;
      },
      Seq(_, seq) {
        if (!isSeq(seq)) return undefined;
        for (const item of seq.items) {
          const ir = (item as YamlNode | null)?.range;
          if (ir && ir[0] >= lineStart && ir[0] < lineEnd && !best && (isMap(item) || !isPair(item))) {
            best = [ir[0], ir[1]];
            return visit.BREAK;
          }
        }
        return undefined;
      },
    });
    if (best) return best;
  }
  return [lineStart, lineEnd];
}

function offsetOf(file: SourceFile, range: Range): number {
  return (file.lineStarts[range.start.line] ?? 0) + range.start.character;
}

function applySuppressions(index: WorkspaceIndex, raw: Finding[], wanted: (f: string) => boolean): LintResult {
  const config = index.config;
  const notSuppressible = new Set(config.notSuppressible);
  const suppressions: Suppression[] = [];
  const byResource = new Map<Resource, Suppression[]>();
  const commentsByFile = new Map<string, { s: Suppression; span: [number, number] | undefined }[]>();
  for (const file of index.files.values()) {
    if (!wanted(file.path)) continue;
    for (const r of file.resources) {
      const list = annotationSuppressions(r);
      if (list.length) {
        byResource.set(r, list);
        suppressions.push(...list);
      }
    }
    const comments = commentSuppressions(file);
    if (comments.length) {
      commentsByFile.set(
        file.path,
        comments.map((s) => ({ s, span: coveredSpan(file, file.resources, s.line!) })),
      );
      suppressions.push(...comments);
    }
  }
  const fromConfig = configSuppressions(config, undefined);

  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const extra: Finding[] = [];
  for (const f of raw) {
    const candidates: Suppression[] = [];
    if (f.resource) candidates.push(...(byResource.get(f.resource) ?? []));
    const file = index.files.get(f.file);
    if (file) {
      const at = offsetOf(file, f.range);
      for (const c of commentsByFile.get(f.file) ?? []) {
        if (c.span && at >= c.span[0] && at <= c.span[1]) candidates.push(c.s);
      }
    }
    for (const s of fromConfig) if (configEntryMatches(s, config, f.file)) candidates.push(s);
    const hit = candidates.find((s) => s.ruleIds.includes(f.ruleId));
    if (!hit) {
      findings.push(f);
      continue;
    }
    hit.used.add(f.ruleId);
    if (notSuppressible.has(f.ruleId)) {
      findings.push(f);
      if (hit.kind !== 'config') extra.push(toolFinding(NOT_SUPPRESSIBLE, hit, `${f.ruleId} is marked not suppressible in ztn.yaml; the finding stays`));
      continue;
    }
    suppressed.push({ ...f, suppressedBy: `${hit.kind}${hit.reason ? `: ${hit.reason}` : ''}` });
  }

  for (const s of suppressions) {
    for (const id of s.ruleIds) {
      if (!ruleById(id)) extra.push(toolFinding(UNKNOWN_SUPPRESSION, s, `unknown rule ID '${id}' in suppression; it suppresses nothing`));
      else if (!s.used.has(id)) extra.push(toolFinding(UNUSED_SUPPRESSION, s, `suppression of ${id} suppresses nothing here; remove it`));
    }
  }
  const all = [...findings, ...extra.filter((e) => severityOf(index, e.ruleId) !== 'off')];
  for (const e of all) if (e.ruleId === UNKNOWN_SUPPRESSION || e.ruleId === UNUSED_SUPPRESSION || e.ruleId === NOT_SUPPRESSIBLE) e.severity = severityOf(index, e.ruleId) as Finding['severity'];
  all.sort(compareFindings);
  return { findings: all, suppressed, filesChecked: [...index.files.keys()].filter(wanted).length };
}

function severityOf(index: WorkspaceIndex, id: string) {
  return index.config.rules[id]?.severity ?? ruleById(id)?.meta.severity ?? 'warning';
}

function toolFinding(id: string, s: Suppression, message: string): Finding {
  const rule = ruleById(id)!;
  return { ruleId: id, pillar: 0, severity: rule.meta.severity, message, file: s.file.path, range: s.range, resource: s.resource };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export { positionAt };
