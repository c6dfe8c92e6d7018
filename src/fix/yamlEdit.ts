// Structured edits on YAML/JSON nodes expressed as minimal text edits (comments and layout survive).
import { isMap, isScalar, isSeq, stringify, type Node as YamlNode, type YAMLMap } from 'yaml';
import { findField, type FieldPath } from '../model/position';
import type { Resource, SourceFile } from '../model/types';
import type { TextEdit } from './types';

function isJsonFile(file: SourceFile): boolean {
  return file.path.toLowerCase().endsWith('.json');
}

function span(node: YamlNode): [number, number] {
  const r = (node as { range?: [number, number, number] }).range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** Renders a scalar the way it would be written by hand in YAML (or JSON in .json files). */
export function renderScalar(value: unknown, json: boolean): string {
  if (json) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Text for `key: value` as a block entry at `indent` columns; nested objects become nested block maps. */
function blockEntry(key: string, value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  const rendered = stringify({ [key]: value }, { lineWidth: 0, indent: 2 }).trimEnd();
  return rendered
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function flowEntry(key: string, value: unknown, json: boolean): string {
  return json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${JSON.stringify(value)}`;
}

/**
 * Sets `path` in `resource` to `value`. An existing scalar is replaced in place; a missing field is
 * added to its deepest existing parent map (creating the intermediate maps), after the parent's last
 * entry and at its indentation.
 */
export function setField(resource: Resource, path: FieldPath, value: unknown): TextEdit[] {
  const file = resource.file;
  const json = isJsonFile(file);
  const existing = findField(resource.node, path);
  if (existing?.value && isScalar(existing.value)) {
    const [start, end] = span(existing.value);
    return [{ file: file.path, start, end, newText: renderScalar(value, json) }];
  }
  if (existing?.value && (isMap(existing.value) || isSeq(existing.value))) {
    // Replacing a collection with a scalar: swap the whole value text.
    const [start, end] = span(existing.value);
    const flow = (existing.value as YAMLMap).flow === true;
    if (flow || json || typeof value !== 'object') {
      return [{ file: file.path, start, end: trimEnd(file.text, start, end), newText: json ? JSON.stringify(value) : renderFlowOrScalar(value) }];
    }
  }
  // Find the deepest existing map along the path.
  for (let len = path.length - 1; len >= 0; len--) {
    const parent = len === 0 ? { value: resource.node as YamlNode } : findField(resource.node, path.slice(0, len));
    if (!parent) continue;
    if (!parent.value || !isMap(parent.value)) {
      if (parent.value === undefined && parent.pair && len > 0) {
        // `key:` with no value: write the nested object after the key.
        return replaceNullValue(file, parent.pair.key as YamlNode, nest(path.slice(len), value), json);
      }
      if (parent.value && isScalar(parent.value) && parent.value.value === null && len > 0) {
        return replaceNullValue(file, parent.pair!.key as YamlNode, nest(path.slice(len), value), json);
      }
      return [];
    }
    const rest = path.slice(len);
    if (rest.some((s) => typeof s === 'number')) return [];
    const key = String(rest[0]);
    const nested = nest(rest.slice(1), value);
    return [insertIntoMap(file, parent.value, key, nested, json)];
  }
  return [];
}

function renderFlowOrScalar(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : renderScalar(value, false);
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function nest(path: FieldPath, value: unknown): unknown {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [String(path[i])]: out };
  return out;
}

function replaceNullValue(file: SourceFile, keyNode: YamlNode, value: unknown, json: boolean): TextEdit[] {
  const [, keyEnd] = span(keyNode);
  const colon = file.text.indexOf(':', keyEnd);
  const lineEnd = lineEndOf(file.text, colon);
  if (json || typeof value !== 'object' || value === null) {
    return [{ file: file.path, start: colon + 1, end: lineEnd, newText: ' ' + (json ? JSON.stringify(value) : renderFlowOrScalar(value)) }];
  }
  const indent = columnOf(file.text, span(keyNode)[0]) + 2;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => blockEntry(k, v, indent))
    .join('\n');
  return [{ file: file.path, start: colon + 1, end: lineEnd, newText: '\n' + entries }];
}

/** Inserts `key: value` as the last entry of `map`, matching its style and indentation. */
export function insertIntoMap(file: SourceFile, map: YAMLMap, key: string, value: unknown, json = isJsonFile(file)): TextEdit {
  const text = file.text;
  const [mapStart, mapEnd] = span(map as unknown as YamlNode);
  if (map.flow || json) {
    const close = text.lastIndexOf('}', mapEnd);
    const empty = map.items.length === 0;
    return { file: file.path, start: close, end: close, newText: (empty ? '' : ', ') + flowEntry(key, value, json) + (empty ? '' : '') };
  }
  const last = map.items[map.items.length - 1];
  const indent = columnOf(text, mapStart);
  const lastEnd = last ? (last.value ? span(last.value as YamlNode)[1] : span(last.key as YamlNode)[1]) : mapEnd;
  const insertAt = lineEndOf(text, Math.max(mapStart, trimEnd(text, mapStart, lastEnd) - 1) + 1);
  const realInsert = text[insertAt - 1] === '\n' ? insertAt - 1 : insertAt;
  return { file: file.path, start: realInsert, end: realInsert, newText: '\n' + blockEntry(key, value, indent) };
}

/** Appends a new YAML document (e.g. a default-deny NetworkPolicy) at the end of the file. */
export function appendDocument(file: SourceFile, object: Record<string, unknown>): TextEdit {
  const text = file.text;
  if (isJsonFile(file)) {
    // JSON files hold one document: a new object cannot be appended; callers create a new file instead.
    return { file: file.path.replace(/\.json$/i, '.ztn-fix.yaml'), start: 0, end: 0, newText: stringify(object, { lineWidth: 0 }) };
  }
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { file: file.path, start: text.length, end: text.length, newText: `${sep}---\n${stringify(object, { lineWidth: 0 })}` };
}

export { lineEndOf, lineStartOf, columnOf };
