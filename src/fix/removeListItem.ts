// Removes one item from a YAML sequence (block or flow) as a minimal text edit, keeping the rest byte-identical.
import { isSeq, type Node as YamlNode } from 'yaml';
import { findField, type FieldPath } from '../model/position';
import type { Resource } from '../model/types';
import type { TextEdit } from './types';

function span(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function afterLineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Removes `seqPath[index]`. A block item goes with its whole line(s); the last block item leaves `[]`
 * so the field stays a list. Flow items take one neighbouring comma with them.
 */
export function removeListItem(resource: Resource, seqPath: FieldPath, index: number): TextEdit[] {
  const text = resource.file.text;
  const field = findField(resource.node, seqPath);
  const seq = field?.value;
  if (!seq || !isSeq(seq)) return [];
  const items = seq.items as YamlNode[];
  const item = span(items[index]);
  if (!item) return [];
  const file = resource.file.path;
  if (seq.flow) {
    const prev = index > 0 ? span(items[index - 1]) : undefined;
    const next = index < items.length - 1 ? span(items[index + 1]) : undefined;
    if (next) return [{ file, start: item[0], end: next[0], newText: '' }];
    if (prev) return [{ file, start: prev[1], end: item[1], newText: '' }];
    return [{ file, start: item[0], end: item[1], newText: '' }];
  }
  const start = lineStart(text, item[0]);
  // Only remove whole lines when the item starts its line ("  - value"); anything else is not a layout we can edit safely.
  if (!/^\s*-\s*$/.test(text.slice(start, item[0]))) return [];
  const lastLineStart = lineStart(text, Math.max(item[0], item[1] - 1));
  const end = afterLineEnd(text, text[item[1] - 1] === '\n' ? item[1] - 1 : Math.max(item[1], lastLineStart));
  if (items.length > 1) return [{ file, start, end, newText: '' }];
  const key = span(field?.key);
  if (!key) return [];
  const colon = text.indexOf(':', key[1]);
  return [{ file, start: colon + 1, end: end - (text[end - 1] === '\n' ? 1 : 0), newText: ' []' }];
}
