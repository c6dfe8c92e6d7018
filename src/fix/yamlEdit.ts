// Structured edits on YAML/JSON nodes expressed as minimal text edits (comments and layout survive).
import { isMap, isScalar, isSeq, Scalar, stringify, type Node as YamlNode, type YAMLMap } from 'yaml';
import { findField, type FieldPath } from '../model/position';
import type { Resource, SourceFile } from '../model/types';
import type { TextEdit } from './types';

function isJsonFile(file: Pick<SourceFile, 'path'>): boolean {
  return file.path.toLowerCase().endsWith('.json');
}

/** The file's own line ending, so an edit in a CRLF file does not mix endings. */
function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function span(node: YamlNode): [number, number] {
  const r = (node as { range?: [number, number, number] }).range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** Renders a scalar the way it would be written by hand in YAML (or JSON in .json files). */
/** `value` quoted as a scalar of `type` was (double or single quotes); undefined for a plain or block scalar. */
export function quotedLike(value: string, type: Scalar['type']): string | undefined {
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return undefined;
}

export function renderScalar(value: unknown, json: boolean): string {
  if (json) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A value inside a flow collection: plain YAML scalars, JSON for objects (valid YAML flow). */
function renderFlowValue(value: unknown, json: boolean): string {
  if (json || (typeof value === 'object' && value !== null)) return JSON.stringify(value);
  // Flow indicators end a plain scalar inside {...}; such strings are quoted.
  if (typeof value === 'string' && /[,[\]{}]/.test(value)) return JSON.stringify(value);
  return renderScalar(value, false);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the `\n` ending the line that holds `offset` (text length on the last line). */
function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** Like lineEndOf, but before a CRLF's `\r`: where text inserted at the end of a line goes. */
function contentEndOf(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Text for `key: value` as a block entry at `indent` columns; nested objects become nested block maps. */
function blockEntry(key: string, value: unknown, indent: number, eol: string): string {
  const pad = ' '.repeat(indent);
  const rendered = stringify({ [key]: value }, { lineWidth: 0, indent: 2 }).trimEnd();
  return rendered
    .split('\n')
    .map((l) => pad + l)
    .join(eol);
}

function flowEntry(key: string, value: unknown, json: boolean): string {
  return `${json ? JSON.stringify(key) : renderScalar(key, false)}: ${renderFlowValue(value, json)}`;
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
  if (existing?.value && isScalar(existing.value) && !(existing.value.value === null && typeof value === 'object' && value !== null)) {
    const [start, end] = span(existing.value);
    // A quoted string stays quoted the same way: `mode: "PERMISSIVE"` becomes `mode: "STRICT"`.
    const kept = typeof value === 'string' && !json ? quotedLike(value, existing.value.type) : undefined;
    return [{ file: file.path, start, end, newText: kept ?? renderScalar(value, json) }];
  }
  if (existing?.value && (isMap(existing.value) || isSeq(existing.value))) {
    // Replacing a collection: flow or JSON text is swapped whole; a block collection becomes a flow value.
    const [start, end] = span(existing.value);
    return [{ file: file.path, start, end: trimEnd(file.text, start, end), newText: renderFlowValue(value, json) }];
  }
  // Find the deepest existing node along the path and add what is missing below it.
  for (let len = path.length - 1; len >= 0; len--) {
    const parent = len === 0 ? { value: resource.node as YamlNode, pair: undefined } : findField(resource.node, path.slice(0, len));
    if (!parent) continue;
    const rest = path.slice(len);
    if (rest.some((s) => typeof s === 'number')) return [];
    const nested = nest(rest.slice(1), value);
    if (parent.value && isMap(parent.value)) return [insertIntoMap(file, parent.value, String(rest[0]), nested, json)];
    const isNull = parent.value === undefined || (isScalar(parent.value) && parent.value.value === null);
    if (isNull && parent.pair && len > 0) return replaceNullValue(file, parent.pair.key as YamlNode, parent.value, nest(rest, value), json);
    return [];
  }
  return [];
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

/** `key:` or `key: null`: the nested object goes below the key; a comment on the key's line stays there. */
function replaceNullValue(file: SourceFile, keyNode: YamlNode, valueNode: YamlNode | undefined, value: unknown, json: boolean): TextEdit[] {
  const text = file.text;
  const [, keyEnd] = span(keyNode);
  const colon = text.indexOf(':', keyEnd);
  const valueEnd = valueNode ? span(valueNode)[1] : colon + 1;
  const lineEnd = contentEndOf(text, colon);
  if (json || typeof value !== 'object' || value === null) {
    return [{ file: file.path, start: colon + 1, end: valueEnd, newText: ' ' + renderFlowValue(value, json) }];
  }
  const eol = eolOf(text);
  const indent = columnOf(text, span(keyNode)[0]) + 2;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => blockEntry(k, v, indent, eol))
    .join(eol);
  // Keep whatever followed the value on that line (a comment), minus the value itself.
  const restOfLine = text.slice(Math.max(valueEnd, colon + 1), lineEnd).trimEnd();
  return [{ file: file.path, start: colon + 1, end: lineEnd, newText: restOfLine + eol + entries }];
}

/** Inserts `key: value` as the last entry of `map`, matching its style and indentation. */
export function insertIntoMap(file: SourceFile, map: YAMLMap, key: string, value: unknown, json = isJsonFile(file)): TextEdit {
  const text = file.text;
  const [mapStart, mapEnd] = span(map as unknown as YamlNode);
  const last = map.items[map.items.length - 1];
  const lastEnd = last ? trimEnd(text, mapStart, last.value ? span(last.value as YamlNode)[1] : span(last.key as YamlNode)[1]) : mapStart;
  if (map.flow || json) {
    const entry = flowEntry(key, value, json);
    if (!last) {
      const close = text.lastIndexOf('}', trimEnd(text, mapStart, mapEnd) - 1);
      return { file: file.path, start: close, end: close, newText: entry };
    }
    const lastKeyStart = span(last.key as YamlNode)[0];
    // A pretty-printed object (entries on their own lines) gets the new entry on its own line too.
    const multiLine = text.slice(mapStart, lastKeyStart).includes('\n');
    const sep = multiLine ? `,${eolOf(text)}${' '.repeat(columnOf(text, lastKeyStart))}` : ', ';
    return { file: file.path, start: lastEnd, end: lastEnd, newText: sep + entry };
  }
  const indent = columnOf(text, mapStart);
  const insertAt = contentEndOf(text, Math.max(mapStart, lastEnd - 1));
  return { file: file.path, start: insertAt, end: insertAt, newText: eolOf(text) + blockEntry(key, value, indent, eolOf(text)) };
}

/** Appends a new YAML document (e.g. a default-deny NetworkPolicy) at the end of the file. */
export function appendDocument(file: SourceFile, object: Record<string, unknown>): TextEdit {
  const text = file.text;
  const body = stringify(object, { lineWidth: 0 });
  if (isJsonFile(file)) {
    // JSON files hold one document: a new object cannot be appended; it goes into a new YAML file beside it.
    return { file: file.path.replace(/\.json$/i, '.ztn-fix.yaml'), start: 0, end: 0, newText: body };
  }
  const eol = eolOf(text);
  const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { file: file.path, start: text.length, end: text.length, newText: `${sep}---${eol}${body.split('\n').join(eol)}` };
}

export { lineEndOf, lineStartOf, columnOf };
