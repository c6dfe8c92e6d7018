// Where a resource is written, in the form explanation steps print: "Kind ns/name", relative file, 1-based line.
import { relative, sep } from 'node:path';
import { identitySpan, positionAt } from '../model/position';
import { resourceLabel, type Resource } from '../model/types';
import type { PolicySource } from './types';

export function policySource(resource: Resource, root: string, namespace?: string): PolicySource {
  const line = positionAt(resource.file, identitySpan(resource)[0]).line + 1;
  const rel = relative(root, resource.file.path);
  const file = rel.startsWith('..') || rel === '' ? resource.file.path : rel.split(sep).join('/');
  const label = resourceLabel({ kind: resource.kind, name: resource.name, namespace: namespace ?? resource.namespace });
  return { policy: label, file, line };
}
