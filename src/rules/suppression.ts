// Suppressions: the ztn.dev/ignore annotation, `# ztn-ignore` comments and ztn.yaml ignore entries.
import { relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { WorkspaceConfig } from '../model/config';
import { fieldRange, rangeOf } from '../model/position';
import type { Range, Resource, SourceFile } from '../model/types';
import type { WorkspaceIndex } from '../model/workspace';
import { podTemplate } from '../model/workloads';
import type { Finding } from './types';

export const IGNORE_ANNOTATION = 'ztn.dev/ignore';
/** Where a `# ztn-ignore` comment starts; what follows is split by hand (one pattern for all of it backtracked quadratically on long lines). */
const IGNORE_MARK = /#\s*ztn-ignore(?=\s)/g;
const RULE_LIST = /^[A-Za-z0-9, ]+$/;

/** The rule list and reason of a `# ztn-ignore ZT0201,ZT0402: reason` comment in `line`, when it has one. */
export function parseIgnoreComment(line: string): { ids: string; reason?: string } | undefined {
  for (const m of line.matchAll(IGNORE_MARK)) {
    const rest = line.slice(m.index + m[0].length);
    const colon = rest.indexOf(':');
    const ids = (colon < 0 ? rest.trimEnd() : rest.slice(0, colon)).trimStart();
    const reason = colon < 0 ? undefined : rest.slice(colon + 1);
    if (ids) {
      if (RULE_LIST.test(ids)) return { ids, reason };
      continue;
    }
    // Only blanks before the colon or the end: still a (rule-less) ztn-ignore comment when a space can be its list.
    if (colon < 0 ? rest.indexOf(' ', 1) > 0 : colon >= 2 && rest[colon - 1] === ' ') return { ids: '', reason };
  }
  return undefined;
}

export interface Suppression {
  /** Where the suppression is written (for "unknown rule" / "unused" findings). */
  file: SourceFile;
  range: Range;
  ruleIds: string[];
  kind: 'annotation' | 'comment' | 'config';
  reason?: string;
  /** Rule IDs that actually suppressed a finding. */
  used: Set<string>;
  /** For annotations: the object it covers. */
  resource?: Resource;
  /** For comments: the line it covers (0-based), the next line that is not blank or a comment. */
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

/** Annotation suppressions on an object and on its pod template; both cover the whole object. */
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

/** `# ztn-ignore ZT0201,ZT0402: reason` comments; each covers the next non-comment line's node. */
export function commentSuppressions(file: SourceFile): Suppression[] {
  if (!file.text.includes('ztn-ignore')) return [];
  const out: Suppression[] = [];
  const lines = file.text.split('\n');
  // The next line that is not blank or a comment, after each line; computed once, from the end, so a
  // file of ten thousand comment lines costs ten thousand steps, not fifty million.
  let nextCode: number[] | undefined;
  const targetAfter = (i: number) => {
    if (!nextCode) {
      nextCode = new Array<number>(lines.length);
      let next = lines.length;
      for (let j = lines.length - 1; j >= 0; j--) {
        nextCode[j] = next;
        if (!/^\s*(#.*)?\r?$/.test(lines[j])) next = j;
      }
    }
    return nextCode[i];
  };
  lines.forEach((line, i) => {
    if (!line.includes('ztn-ignore')) return;
    const m = parseIgnoreComment(line);
    if (!m) return;
    const target = targetAfter(i);
    const start = file.lineStarts[i] + line.indexOf('#');
    out.push({
      file,
      range: rangeOf(file, [start, file.lineStarts[i] + line.replace(/\r$/, '').length]),
      ruleIds: parseIds(m.ids),
      kind: 'comment',
      reason: m.reason?.trim() || undefined,
      used: new Set(),
      line: target,
    });
  });
  return out;
}

export function configSuppressions(config: WorkspaceConfig): Suppression[] {
  const file = { path: config.file ?? 'ztn.yaml' } as SourceFile;
  return config.ignore.map((entry) => ({
    file,
    range: entry.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
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

type Span = [number, number];

function span(node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/**
 * The source span a comment on `line` covers: the whole object when the comment sits above it, else the
 * map entry (key through value) or sequence item that starts on that line, else just the line.
 */
function coveredSpan(file: SourceFile, line: number): Span | undefined {
  const lineStart = file.lineStarts[line];
  if (lineStart === undefined) return undefined;
  const lineEnd = file.lineStarts[line + 1] ?? file.text.length;
  const startsOnLine = (s: Span | undefined) => s !== undefined && s[0] >= lineStart && s[0] < lineEnd;
  for (const r of file.resources) {
    const whole = span(r.node);
    if (!whole || whole[1] < lineStart || whole[0] >= lineEnd) continue;
    if (whole[0] >= lineStart) return whole;
    // Descend only into the collection that contains the line: cost is the depth, not the object size.
    let node: unknown = r.node;
    while (node) {
      let next: unknown;
      if (isMap(node)) {
        for (const pair of node.items) {
          const k = span(pair.key);
          const v = span(pair.value);
          if (startsOnLine(k)) return [k![0], v ? v[1] : k![1]];
          if (v && v[0] <= lineStart && v[1] >= lineStart) next = pair.value;
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          const s = span(item);
          if (startsOnLine(s)) return s;
          if (s && s[0] <= lineStart && s[1] >= lineStart) next = item;
        }
      }
      if (!next || isScalar(next)) break;
      node = next as YamlNode;
    }
  }
  return [lineStart, lineEnd];
}

/** Suppressions of the files being linted, and the lookup of the one (if any) that hides a finding. */
export interface SuppressionTable {
  all: Suppression[];
  find(f: Finding, file: SourceFile | undefined): Suppression | undefined;
}

export function collectSuppressions(index: WorkspaceIndex, wanted: (file: string) => boolean): SuppressionTable {
  const config = index.config;
  const all: Suppression[] = [];
  const byResource = new Map<Resource, Suppression[]>();
  const commentsByFile = new Map<string, { s: Suppression; span: Span | undefined }[]>();
  for (const file of index.files.values()) {
    if (!wanted(file.path)) continue;
    // Most files have neither; a substring test skips them without walking any object.
    if (file.text.includes(IGNORE_ANNOTATION)) {
      for (const r of file.resources) {
        const list = annotationSuppressions(r);
        if (list.length) {
          byResource.set(r, list);
          all.push(...list);
        }
      }
    }
    const comments = commentSuppressions(file);
    if (comments.length) {
      commentsByFile.set(
        file.path,
        comments.map((s) => ({ s, span: coveredSpan(file, s.line!) })),
      );
      all.push(...comments);
    }
  }
  const fromConfig = configSuppressions(config);
  all.push(...fromConfig);
  const configByFile = new Map<string, Suppression[]>();

  return {
    all,
    find(f, file) {
      const matches = (s: Suppression) => s.ruleIds.includes(f.ruleId);
      if (f.resource) {
        const hit = byResource.get(f.resource)?.find(matches);
        if (hit) return hit;
      }
      const comments = commentsByFile.get(f.file);
      if (comments && file) {
        const at = (file.lineStarts[f.range.start.line] ?? 0) + f.range.start.character;
        const hit = comments.find((c) => c.span && at >= c.span[0] && at <= c.span[1] && matches(c.s));
        if (hit) return hit.s;
      }
      if (fromConfig.length === 0) return undefined;
      let forFile = configByFile.get(f.file);
      if (!forFile) configByFile.set(f.file, (forFile = fromConfig.filter((s) => configEntryMatches(s, config, f.file))));
      return forFile.find(matches);
    },
  };
}
