// Lookups of objects by kind and namespace, so per-resource checks never rescan the workspace.
import { ofKinds } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { perKinds } from './perKinds';

const tables = new Map<string, (index: WorkspaceIndex) => Map<string, Resource[]>>();

/** namespace ('default' when omitted) -> objects of `kind`; rebuilt only when objects of that kind change. */
function byNamespace(kind: string): (index: WorkspaceIndex) => Map<string, Resource[]> {
  let table = tables.get(kind);
  if (!table) {
    table = perKinds([kind], (index) => {
      const out = new Map<string, Resource[]>();
      for (const r of ofKinds(index, kind)) {
        const ns = namespaceOf(r);
        const list = out.get(ns);
        if (list) list.push(r);
        else out.set(ns, [r]);
      }
      return out;
    });
    tables.set(kind, table);
  }
  return table;
}

/** Objects of `kind` in `namespace`. */
export function inNamespace(index: WorkspaceIndex, kind: string, namespace: string): Resource[] {
  return byNamespace(kind)(index).get(namespace) ?? [];
}

/** The object of `kind` named `name` in `namespace`, if the workspace has it. */
export function findNamed(index: WorkspaceIndex, kind: string, namespace: string, name: string): Resource | undefined {
  return inNamespace(index, kind, namespace).find((r) => r.name === name);
}
