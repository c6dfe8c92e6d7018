// The lint engine: runs the registry over a workspace index, applies settings and suppressions.
import { computeLineStarts, fieldRange, positionAt, rangeOf } from '../model/position';
import { isKindKey, parseKindKey } from '../model/kinds';
import { nameLine } from '../model/render';
import type { Range, Resource, SourceFile } from '../model/types';
import { resourceLabel } from '../model/types';
import type { WorkspaceIndex } from '../model/workspace';
import { ALL_RULES, ruleById } from './registry';
import { collectSuppressions, type Suppression } from './suppression';
import { FILE_SKIPPED, NOT_SUPPRESSIBLE, PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION } from './tool';
import type { Finding, FindingInput, Rule, RuleContext } from './types';

export interface LintOptions {
  rules?: readonly Rule[];
  /**
   * Only report findings in these files (the whole workspace is still context). Per-resource checks
   * run only on these files' resources, so re-linting one edited file stays cheap.
   */
  files?: ReadonlySet<string>;
}

export interface LintResult {
  findings: Finding[];
  /** Findings hidden by a suppression, with what hid them. */
  suppressed: Finding[];
  filesChecked: number;
}

const LINE_1: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function effectiveSeverity(index: WorkspaceIndex, ruleId: string): Finding['severity'] | 'off' {
  return index.config.rules[ruleId]?.severity ?? ruleById(ruleId)?.meta.severity ?? 'warning';
}

export function lint(index: WorkspaceIndex, options: LintOptions = {}): LintResult {
  const rules = (options.rules ?? ALL_RULES).filter((r) => effectiveSeverity(index, r.meta.id) !== 'off');
  const raw: Finding[] = [];
  const files = options.files;
  const wanted = files ? (file: string) => files.has(file) : () => true;

  const toFinding = (rule: Rule, severity: Finding['severity'], input: FindingInput): Finding | undefined => {
    const file = input.resource?.file ?? input.file;
    if (!file || !wanted(file.path)) return undefined;
    let range: Range;
    if (input.range) range = input.range;
    else if (input.resource) range = fieldRange(input.resource, input.path ?? [], input.part ?? 'value');
    else range = LINE_1;
    return {
      ruleId: rule.meta.id,
      pillar: rule.meta.pillar,
      severity,
      message: input.message,
      file: file.path,
      range,
      object: input.resource ? resourceLabel(input.resource) : undefined,
      resource: input.resource,
      // Edits computed on rendered output would corrupt the template they map back to.
      fix: file.rendered ? undefined : input.fix,
    };
  };

  // Parse problems and skipped files come first: they explain missing findings.
  const parseSeverity = effectiveSeverity(index, PARSE_ERROR);
  const skippedSeverity = effectiveSeverity(index, FILE_SKIPPED);
  for (const file of index.files.values()) {
    if (file.problems.length === 0 || !wanted(file.path)) continue;
    for (const p of file.problems) {
      const skipped = p.code === 'skipped';
      const severity = skipped ? skippedSeverity : parseSeverity;
      if (severity === 'off') continue;
      const f = toFinding(ruleById(skipped ? FILE_SKIPPED : PARSE_ERROR)!, p.code === 'notice' ? 'info' : severity, {
        file,
        range: p.range,
        message: p.message,
      });
      if (f) raw.push(f);
    }
  }

  const requestedResources = files ? [...files].flatMap((f) => index.files.get(f)?.resources ?? []) : undefined;
  for (const rule of rules) {
    const severity = effectiveSeverity(index, rule.meta.id) as Finding['severity'];
    const ctx: RuleContext = {
      index,
      config: index.config,
      report(input) {
        const f = toFinding(rule, severity, input);
        if (f) raw.push(f);
      },
      wants: (r) => wanted(r.file.path),
    };
    // A rule bug must not take down linting of everything else: it costs that rule's check of one
    // resource (or its workspace pass) and becomes a finding saying so.
    const internalError = (err: unknown, where?: Resource) => {
      const file = where?.file ?? (index.files.values().next().value as SourceFile | undefined);
      if (!file || !wanted(file.path)) return;
      raw.push({
        ruleId: rule.meta.id,
        pillar: rule.meta.pillar,
        severity: 'info',
        message: `internal error in rule ${rule.meta.id}${where ? '' : ' (workspace check)'}, its findings here are missing: ${(err as Error)?.message ?? String(err)}`,
        file: file.path,
        range: where ? fieldRange(where, []) : LINE_1,
        object: where ? resourceLabel(where) : undefined,
        resource: where,
      });
    };
    if (rule.checkResource && rule.meta.kinds) {
      const check = (r: Resource) => {
        try {
          rule.checkResource!(r, ctx);
        } catch (err) {
          internalError(err, r);
        }
      };
      // Kinds by API group (src/model/kinds.ts): Istio's AuthorizationPolicy rules never see Linkerd's.
      const kinds = rule.meta.kinds;
      if (requestedResources) {
        for (const r of requestedResources) if (kinds.some((k) => isKindKey(r, k))) check(r);
      } else {
        for (const key of kinds) for (const r of index.byKind(parseKindKey(key).kind)) if (isKindKey(r, key)) check(r);
      }
    }
    const reportsOn = rule.meta.reportsOn;
    const mayReport = !requestedResources || !reportsOn || requestedResources.some((r) => reportsOn.some((k) => isKindKey(r, k)));
    if (rule.checkWorkspace && mayReport) {
      try {
        rule.checkWorkspace(ctx);
      } catch (err) {
        internalError(err);
      }
    }
  }

  // Rules passed in by the caller (custom sets, tests) are as known as the registry's.
  const known = (id: string) => ruleById(id) !== undefined || rules.some((r) => r.meta.id === id);
  const result = applySuppressions(index, raw, wanted, files === undefined, known);
  for (const f of result.findings) mapRenderedFinding(index, f);
  return result;
}

function applySuppressions(
  index: WorkspaceIndex,
  raw: Finding[],
  wanted: (f: string) => boolean,
  wholeWorkspace: boolean,
  known: (id: string) => boolean,
): LintResult {
  const config = index.config;
  const notSuppressible = new Set(config.notSuppressible);
  const table = collectSuppressions(index, wanted);

  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const extra: Finding[] = [];
  const reported = new Set<string>();
  for (const f of raw) {
    const hit = table.find(f, index.files.get(f.file));
    if (!hit) {
      findings.push(f);
      continue;
    }
    hit.used.add(f.ruleId);
    if (notSuppressible.has(f.ruleId)) {
      findings.push(f);
      const key = `${hit.file.path}:${hit.range.start.line}:${hit.range.start.character}:${f.ruleId}`;
      if (!reported.has(key)) {
        reported.add(key);
        extra.push(toolFinding(NOT_SUPPRESSIBLE, hit, `${f.ruleId} is marked not suppressible in ztn.yaml; this suppression is ignored and the finding stays`));
      }
      continue;
    }
    suppressed.push({ ...f, suppressedBy: `${hit.kind}${hit.reason ? `: ${hit.reason}` : ''}` });
  }

  for (const s of table.all) {
    // Whether a ztn.yaml entry is used can only be told when every file was linted.
    if (s.kind === 'config' && !wholeWorkspace) continue;
    for (const id of s.ruleIds) {
      if (!known(id)) extra.push(toolFinding(UNKNOWN_SUPPRESSION, s, `unknown rule ID '${id}' in ${describe(s)}; it suppresses nothing`));
      else if (!s.used.has(id)) extra.push(toolFinding(UNUSED_SUPPRESSION, s, `${describe(s)} of ${id} suppresses nothing here; remove it`));
    }
  }
  // A severity or notSuppressible entry for a rule that does not exist configures nothing.
  if (wholeWorkspace && config.file) {
    const configFile = { path: config.file } as SourceFile;
    for (const m of config.ruleMentions ?? []) {
      if (known(m.id)) continue;
      extra.push(
        toolFinding(
          UNKNOWN_SUPPRESSION,
          { file: configFile, range: m.range, ruleIds: [m.id], kind: 'config', used: new Set() },
          `unknown rule ID '${m.id}' in ztn.yaml rules; it configures nothing`,
        ),
      );
    }
  }
  for (const e of extra) {
    const severity = effectiveSeverity(index, e.ruleId);
    if (severity === 'off') continue;
    e.severity = severity;
    findings.push(e);
  }
  findings.sort(compareFindings);
  let filesChecked = 0;
  for (const path of index.files.keys()) if (wanted(path)) filesChecked++;
  return { findings, suppressed, filesChecked };
}

function describe(s: Suppression): string {
  return s.kind === 'annotation' ? 'ztn.dev/ignore annotation' : s.kind === 'comment' ? 'ztn-ignore comment' : 'ztn.yaml ignore entry';
}

function toolFinding(id: string, s: Suppression, message: string): Finding {
  const rule = ruleById(id)!;
  return { ruleId: id, pillar: 0, severity: rule.meta.severity, message, file: s.file.path, range: s.range, resource: s.resource };
}

/**
 * A finding in helm/kustomize output points into text the user never wrote: move it to the object's
 * `name:` line in the source file, else to line 1 of that file, saying it came from rendered output.
 */
function mapRenderedFinding(index: WorkspaceIndex, f: Finding): void {
  const file = index.files.get(f.file);
  if (!file?.rendered) return;
  const source = file.rendered.sourceText;
  const span = f.resource ? nameLine(source, f.resource.name) : undefined;
  if (span) {
    f.range = rangeOf({ lineStarts: computeLineStarts(source) }, span);
    f.message += ` (in ${file.rendered.tool} output for ${f.object ?? 'this object'})`;
  } else {
    f.range = LINE_1;
    f.message += ` (found in ${file.rendered.tool}-rendered output${f.object ? ` for ${f.object}` : ''})`;
  }
}

/** Findings in file order, then position, then rule; plain comparisons (no locale) keep big sorts fast. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.ruleId === b.ruleId ? 0 : a.ruleId < b.ruleId ? -1 : 1)
  );
}

export { positionAt };
