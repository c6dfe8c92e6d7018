// Replaces a string scalar in place while keeping how it was quoted, so a fix changes the value and nothing else.
import { isScalar } from 'yaml';
import { findField, type FieldPath } from '../model/position';
import type { Resource } from '../model/types';
import type { TextEdit } from './types';
import { quotedLike, setField } from './yamlEdit';

/**
 * Sets the string at `path` to `value`. A quoted scalar stays quoted the same way (JSON files always
 * are); anything else goes through setField.
 */
export function replaceString(resource: Resource, path: FieldPath, value: string): TextEdit[] {
  const node = findField(resource.node, path)?.value;
  if (node && isScalar(node) && node.range) {
    const text = quotedLike(value, node.type);
    if (text !== undefined) return [{ file: resource.file.path, start: node.range[0], end: node.range[1], newText: text }];
  }
  return setField(resource, path, value);
}
