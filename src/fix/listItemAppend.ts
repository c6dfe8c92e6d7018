// Appending an entry to an existing YAML sequence (e.g. ALL to capabilities.drop) as one minimal text edit.
import { isSeq, type Node as YamlNode, type YAMLSeq } from 'yaml';
import { findField, type FieldPath } from '../model/position';
import type { Resource } from '../model/types';
import type { TextEdit } from './types';
import { columnOf, lineEndOf, renderScalar } from './yamlEdit';

function span(node: unknown): [number, number] {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/**
 * Appends the scalar `value` to the sequence at `path`: inside the brackets of a flow sequence, or as
 * a new `- value` line after the last item of a block sequence, at its indentation. Comments stay put.
 * No edit when `path` is not a non-empty sequence.
 */
export function appendListItem(resource: Resource, path: FieldPath, value: string | number | boolean): TextEdit[] {
  const file = resource.file;
  const text = file.text;
  const seq = findField(resource.node, path)?.value;
  if (!isSeq(seq)) return [];
  const items = (seq as YAMLSeq).items as YamlNode[];
  const json = file.path.toLowerCase().endsWith('.json');
  const rendered = renderScalar(value, json);
  if ((seq as YAMLSeq).flow || json) {
    const close = text.lastIndexOf(']', span(seq)[1]);
    if (close < 0) return [];
    const last = items.at(-1);
    const at = last ? span(last)[1] : close;
    return [{ file: file.path, start: at, end: at, newText: last ? `, ${rendered}` : rendered }];
  }
  const last = items.at(-1);
  if (!last) return [];
  // The dash of the last item sets the indentation; the new line goes after that item's line (and its comment).
  const dash = text.lastIndexOf('-', span(last)[0]);
  const end = lineEndOf(text, span(last)[1] > span(last)[0] ? span(last)[1] - 1 : span(last)[0]);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineEnd = end > 0 && text[end - 1] === '\r' ? end - 1 : end;
  return [{ file: file.path, start: lineEnd, end: lineEnd, newText: `${eol}${' '.repeat(columnOf(text, dash))}- ${rendered}` }];
}
