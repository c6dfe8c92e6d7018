// Offsets to line/character positions, and the exact range of a field inside a resource.
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { OffsetRange, Position, Range, Resource, SourceFile } from './types';

export type FieldPath = ReadonlyArray<string | number>;

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  // indexOf scans natively, several times faster than a charCodeAt loop over every character.
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

export function positionAt(file: Pick<SourceFile, 'lineStarts'>, offset: number): Position {
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetAt(file: Pick<SourceFile, 'lineStarts' | 'text'>, pos: Position): number {
  const start = file.lineStarts[Math.min(pos.line, file.lineStarts.length - 1)] ?? 0;
  return Math.min(start + pos.character, file.text.length);
}

export function rangeOf(file: Pick<SourceFile, 'lineStarts'>, span: readonly number[]): Range {
  const start = span[0] ?? 0;
  const end = span[1] ?? start;
  return { start: positionAt(file, start), end: positionAt(file, Math.max(start, end)) };
}

/** Resolved location of a field: its key node (for map entries) and its value node. */
export interface FieldNodes {
  pair?: Pair;
  key?: YamlNode;
  value?: YamlNode;
}

/** Walks the YAML nodes of `root` along `path`; undefined when a step is missing. */
export function findField(root: YamlNode | null | undefined, path: FieldPath): FieldNodes | undefined {
  let current: YamlNode | null | undefined = root;
  let found: FieldNodes = { value: root ?? undefined };
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(current)) return undefined;
      const item = current.items[step] as YamlNode | undefined;
      if (item === undefined) return undefined;
      found = { value: item };
      current = item;
    } else {
      if (!isMap(current)) return undefined;
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
      if (!pair) return undefined;
      found = { pair, key: pair.key as YamlNode, value: (pair.value ?? undefined) as YamlNode | undefined };
      current = pair.value as YamlNode | null;
    }
  }
  return found;
}

function nodeSpan(node: YamlNode | undefined): OffsetRange | undefined {
  const r = node && (node as { range?: [number, number, number] }).range;
  return r ? [r[0], r[1]] : undefined;
}

/** Where a finding about `resource` points when the field is missing: its name, else its kind. */
export function identitySpan(resource: Resource): OffsetRange {
  return (
    nodeSpan(findField(resource.node, ['metadata', 'name'])?.value) ?? nodeSpan(findField(resource.node, ['kind'])?.value) ?? nodeSpan(resource.node) ?? [0, 0]
  );
}

/**
 * Range of a field of a resource. `part` picks the key ('key'), the value ('value', default) or key
 * through value ('pair'). A missing field falls back to the deepest existing ancestor's key, then to
 * the resource's identity, so a finding never points at line 1 of the file by accident.
 */
export function fieldRange(resource: Resource, path: FieldPath, part: 'key' | 'value' | 'pair' = 'value'): Range {
  return rangeOf(resource.file, fieldSpan(resource, path, part));
}

export function fieldSpan(resource: Resource, path: FieldPath, part: 'key' | 'value' | 'pair' = 'value'): OffsetRange {
  for (let len = path.length; len > 0; len--) {
    const f = findField(resource.node, path.slice(0, len));
    if (!f) continue;
    const exact = len === path.length;
    const keySpan = nodeSpan(f.key);
    const valueSpan = nodeSpan(f.value);
    if (!exact) return keySpan ?? valueSpan ?? identitySpan(resource);
    if (part === 'key') return keySpan ?? valueSpan ?? identitySpan(resource);
    if (part === 'pair' && keySpan && valueSpan) return [keySpan[0], valueSpan[1]];
    // Block maps and sequences span many lines; a value finding on them points at the key.
    if (valueSpan && (isScalar(f.value) || !keySpan)) return trimSpan(resource.file.text, valueSpan);
    return keySpan ?? (valueSpan ? trimSpan(resource.file.text, valueSpan) : identitySpan(resource));
  }
  return identitySpan(resource);
}

/** Drop trailing whitespace/newlines that the YAML node range includes for block scalars. */
function trimSpan(text: string, span: OffsetRange): OffsetRange {
  let end = span[1];
  while (end > span[0] && /\s/.test(text[end - 1])) end--;
  return [span[0], end];
}

/** True when `value` is a pair node (used by fix helpers that need key/value together). */
export function isPairNode(value: unknown): value is Pair {
  return isPair(value);
}
