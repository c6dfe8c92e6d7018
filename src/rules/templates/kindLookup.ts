// Per-run lookups of objects by kind and namespace, so per-resource checks never rescan the workspace.
import type { Resource } from '../../model/types';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { perRun } from './perRun';

/** kind -> namespace ('default' when omitted) -> objects, built in one pass per workspace state. */
const byKindAndNamespace = perRun((index: WorkspaceIndex) => {
  const out = new Map<string, Map<string, Resource[]>>();
  for (const r of index.resources) {
    let kind = out.get(r.kind);
    if (!kind) out.set(r.kind, (kind = new Map()));
    const ns = namespaceOf(r);
    const list = kind.get(ns);
    if (list) list.push(r);
    else kind.set(ns, [r]);
  }
  return out;
});

/** Objects of `kind` in `namespace`. */
export function inNamespace(index: WorkspaceIndex, kind: string, namespace: string): Resource[] {
  return byKindAndNamespace(index).get(kind)?.get(namespace) ?? [];
}

/** The object of `kind` named `name` in `namespace`, if the workspace has it. */
export function findNamed(index: WorkspaceIndex, kind: string, namespace: string, name: string): Resource | undefined {
  return inNamespace(index, kind, namespace).find((r) => r.name === name);
}
