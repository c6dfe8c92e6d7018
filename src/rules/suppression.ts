// Suppressions: the ztn.dev/ignore annotation, `# ztn-ignore` comments and ztn.yaml ignore entries.
import { relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { WorkspaceConfig } from '../config/types';
import { fieldRange, rangeOf } from '../model/position';
import type { Range, Resource, SourceFile } from '../model/types';
import { podTemplate } from '../model/workloads';

export const IGNORE_ANNOTATION = 'ztn.dev/ignore';
const COMMENT_RE = /#\s*ztn-ignore\s+([A-Za-z0-9, ]+?)(?::\s*(.*))?\s*$/;

export interface Suppression {
  /** Where the suppression is written (for "unknown rule" / "unused" findings). */
  file: SourceFile;
  range: Range;
  ruleIds: string[];
  kind: 'annotation' | 'comment' | 'config';
  reason?: string;
  /** Rule IDs that actually suppressed a finding. */
  used: Set<string>;
  /** For annotations: the object it covers. For comments: the line it covers. */
  resource?: Resource;
  line?: number;
  /** For config entries: path glob relative to the config folder. */
  pathGlob?: string;
}

function parseIds(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

/** Annotation suppressions on an object and on its pod template. */
export function annotationSuppressions(r: Resource): Suppression[] {
  const out: Suppression[] = [];
  const add = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== 'string') return;
    out.push({ file: r.file, range: fieldRange(r, path), ruleIds: parseIds(value), kind: 'annotation', used: new Set(), resource: r });
  };
  const meta = r.obj.metadata as { annotations?: Record<string, unknown> } | undefined;
  add(meta?.annotations?.[IGNORE_ANNOTATION], ['metadata', 'annotations', IGNORE_ANNOTATION]);
  const tpl = podTemplate(r);
  if (tpl && tpl.metadataPath.length > 0 && tpl.annotations[IGNORE_ANNOTATION] !== undefined) {
    add(tpl.annotations[IGNORE_ANNOTATION], [...tpl.metadataPath, 'annotations', IGNORE_ANNOTATION]);
  }
  return out;
}

/** `# ztn-ignore ZT0201,ZT0402: reason` comments; each covers the next non-comment line. */
export function commentSuppressions(file: SourceFile): Suppression[] {
  if (!file.text.includes('ztn-ignore')) return [];
  const out: Suppression[] = [];
  const lines = file.text.split('\n');
  lines.forEach((line, i) => {
    const m = COMMENT_RE.exec(line);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target])) target++;
    const start = file.lineStarts[i] + line.indexOf('#');
    out.push({
      file,
      range: rangeOf(file, [start, file.lineStarts[i] + line.length]),
      ruleIds: parseIds(m[1]),
      kind: 'comment',
      reason: m[2],
      used: new Set(),
      line: target,
    });
  });
  return out;
}

export function configSuppressions(config: WorkspaceConfig, configFile: SourceFile | undefined): Suppression[] {
  return config.ignore.map((entry) => ({
    file: configFile ?? ({ path: config.file ?? 'ztn.yaml' } as SourceFile),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    ruleIds: parseIds(entry.rule),
    kind: 'config' as const,
    reason: entry.reason,
    used: new Set<string>(),
    pathGlob: entry.path,
  }));
}

export function configEntryMatches(s: Suppression, config: WorkspaceConfig, filePath: string): boolean {
  if (!s.pathGlob) return false;
  const rel = relative(config.root, filePath).split(sep).join('/');
  return minimatch(rel, s.pathGlob, { dot: true });
}
