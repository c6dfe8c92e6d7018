// The text edit behind "Suppress ZTppnn for this object (with reason)": a `# ztn-ignore` comment in YAML, the annotation in JSON.
import { isMap } from 'yaml';
import { insertIntoMap, lineStartOf, setField } from '../fix/yamlEdit';
import type { TextEdit } from '../fix/types';
import { findField } from '../model/position';
import type { Resource, SourceFile } from '../model/types';
import { IGNORE_ANNOTATION } from '../rules/suppression';
import type { Finding } from '../rules/types';

/** Annotation that carries the reason next to `ztn.dev/ignore` in JSON, where comments do not exist. */
export const IGNORE_REASON_ANNOTATION = 'ztn.dev/ignore-reason';

export function suppressTitle(finding: Finding): string {
  return finding.resource ? `Suppress ${finding.ruleId} for this object (with reason)` : `Suppress ${finding.ruleId} for this line (with reason)`;
}

/** A reason is one line of text: newlines and '#' would break the comment form. */
export function cleanReason(reason: string): string {
  return reason
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '')
    .trim();
}

function isJson(file: SourceFile): boolean {
  return file.path.toLowerCase().endsWith('.json');
}

function leadingWhitespace(text: string, lineStart: number): string {
  const m = /^[ \t]*/.exec(text.slice(lineStart));
  return m ? m[0] : '';
}

/** `# ztn-ignore ID: reason` on its own line above `offset`'s line, indented like that line. */
function commentAbove(file: SourceFile, offset: number, ruleId: string, reason: string): TextEdit {
  const start = lineStartOf(file.text, offset);
  const indent = leadingWhitespace(file.text, start);
  const why = cleanReason(reason);
  return { file: file.path, start, end: start, newText: `${indent}# ztn-ignore ${ruleId}${why ? `: ${why}` : ''}\n` };
}

function annotationEdits(resource: Resource, ruleId: string, reason: string): TextEdit[] {
  const why = cleanReason(reason);
  const annotations = findField(resource.node, ['metadata', 'annotations'])?.value;
  const existing = (resource.obj.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations?.[IGNORE_ANNOTATION];
  if (typeof existing === 'string') {
    const ids = existing.split(/[\s,]+/).filter(Boolean);
    if (!ids.includes(ruleId)) ids.push(ruleId);
    return setField(resource, ['metadata', 'annotations', IGNORE_ANNOTATION], ids.join(','));
  }
  if (!annotations || !isMap(annotations)) {
    const value: Record<string, string> = { [IGNORE_ANNOTATION]: ruleId };
    if (why) value[IGNORE_REASON_ANNOTATION] = why;
    return setField(resource, ['metadata', 'annotations'], value);
  }
  // Both keys go into the existing map in one edit, so they cannot be applied out of order.
  const first = insertIntoMap(resource.file, annotations, IGNORE_ANNOTATION, ruleId);
  if (!why) return [first];
  const second = insertIntoMap(resource.file, annotations, IGNORE_REASON_ANNOTATION, why);
  return [{ ...first, newText: first.newText + second.newText }];
}

/**
 * Edits that suppress `finding`. YAML gets the comment form above the object (it covers the whole
 * object and keeps the reason); JSON has no comments, so it gets the annotation. Findings that are
 * not about one object get a comment above their line.
 */
export function suppressionEdits(finding: Finding, file: SourceFile, reason: string): TextEdit[] {
  const resource = finding.resource;
  if (resource && isJson(file)) return annotationEdits(resource, finding.ruleId, reason);
  if (isJson(file)) return [];
  const objectStart = resource ? ((resource.node as { range?: [number, number, number] }).range?.[0] ?? undefined) : undefined;
  const at = objectStart ?? file.lineStarts[finding.range.start.line] ?? 0;
  return [commentAbove(file, at, finding.ruleId, reason)];
}
