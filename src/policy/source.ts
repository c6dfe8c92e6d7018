// Where a resource is written, in the form explanation steps print: "Kind ns/name", relative file, 1-based line.
import { relative, sep } from 'node:path';
import { identitySpan, positionAt } from '../model/position';
import { resourceLabel, type Resource } from '../model/types';
import type { PolicySource } from './types';

/** A file as explanations name it: relative to the workspace root with '/', or absolute when outside it. */
export function relativeTo(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') || rel === '' ? path : rel.split(sep).join('/');
}

export function policySource(resource: Resource, root: string, namespace?: string): PolicySource {
  const line = positionAt(resource.file, identitySpan(resource)[0]).line + 1;
  const file = relativeTo(root, resource.file.path);
  const label = resourceLabel({ kind: resource.kind, name: resource.name, namespace: namespace ?? resource.namespace });
  return { policy: label, file, line };
}
