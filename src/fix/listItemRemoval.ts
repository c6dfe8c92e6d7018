// Removing entries from a YAML sequence (e.g. weak cipher suites) as minimal text edits.
import { isSeq, type Node as YamlNode, type YAMLSeq } from 'yaml';
import { findField, type FieldPath } from '../model/position';
import type { Resource } from '../model/types';
import type { TextEdit } from './types';
import { lineEndOf, lineStartOf } from './yamlEdit';

function span(node: unknown): [number, number] {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** The offset just past the line that holds `offset` (including its newline). */
function nextLineStart(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  return end < text.length ? end + 1 : end;
}

/**
 * Removes the items at `indices` from the sequence at `path`. When every item goes, the whole
 * `key: [...]` entry goes too, so the setting falls back to its default instead of becoming null.
 * Block items lose their whole lines; a flow sequence is rewritten from the kept items' own text.
 */
export function removeListItems(resource: Resource, path: FieldPath, indices: readonly number[]): TextEdit[] {
  const file = resource.file;
  const text = file.text;
  const field = findField(resource.node, path);
  const seq = field?.value;
  if (!field || !isSeq(seq)) return [];
  const drop = new Set(indices);
  const items = (seq as YAMLSeq).items as YamlNode[];
  const kept = items.filter((_, i) => !drop.has(i));
  if (kept.length === 0 && field.key) {
    const keyStart = span(field.key)[0];
    const start = lineStartOf(text, keyStart);
    // Only a block-map key on its own line can lose its lines; in flow maps and JSON (where a comma
    // would dangle) the entry stays as `key: []`, which means the same: use the defaults.
    const json = file.path.toLowerCase().endsWith('.json');
    if (!json && text.slice(start, keyStart).trim() === '') {
      let end = span(seq)[1];
      while (end > span(seq)[0] && /\s/.test(text[end - 1])) end--;
      return [{ file: file.path, start, end: nextLineStart(text, end - 1), newText: '' }];
    }
  }
  if ((seq as YAMLSeq).flow) {
    const [start, end] = span(seq);
    const close = text.lastIndexOf(']', end);
    const body = kept.map((n) => text.slice(...span(n))).join(', ');
    return [{ file: file.path, start, end: close + 1, newText: `[${body}]` }];
  }
  return items
    .map((item, i) => ({ item, i }))
    .filter(({ i }) => drop.has(i))
    .map(({ item }) => {
      const start = lineStartOf(text, span(item)[0]);
      let end = span(item)[1];
      while (end > span(item)[0] && /\s/.test(text[end - 1])) end--;
      return { file: file.path, start, end: nextLineStart(text, end - 1), newText: '' };
    });
}
