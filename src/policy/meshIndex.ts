// Lookup tables over a built Mesh (by id, by namespace, per-workload policy lists), so simulations scale.
// A Mesh is not changed after buildMesh: tables are built once per Mesh object and cached by identity.
import type { Mesh, MeshPolicy, Namespace, Service, Workload } from './types';

export interface MeshIndex {
  workloadById: Map<string, Workload>;
  /** "cluster/namespace/name" of workloads, in mesh order, for short references. */
  workloadsByNamespacedName: Map<string, Workload[]>;
  servicesByHost: Map<string, Service[]>;
  namespaceByKey: Map<string, Namespace>;
  /** Policies of one kind by "cluster/namespace". */
  byNamespace(list: MeshPolicy[], cluster: string, namespace: string): MeshPolicy[];
  /** Per-object memo for derived values (endpoints of a Service, policies of a workload...). */
  memo<K extends object, V>(table: string, key: K, compute: () => V): V;
  /** Memo by string key, for results that depend on a few plain values (a destination, a port). */
  cached<V>(table: string, key: string, compute: () => V): V;
}

const indexes = new WeakMap<Mesh, MeshIndex>();

export function meshIndex(mesh: Mesh): MeshIndex {
  let index = indexes.get(mesh);
  if (index) return index;
  const workloadById = new Map<string, Workload>();
  const workloadsByNamespacedName = new Map<string, Workload[]>();
  for (const w of mesh.workloads) {
    workloadById.set(w.id, w);
    const key = `${w.namespace}/${w.name}`;
    const list = workloadsByNamespacedName.get(key);
    if (list) list.push(w);
    else workloadsByNamespacedName.set(key, [w]);
  }
  const servicesByHost = new Map<string, Service[]>();
  for (const s of mesh.services) {
    const list = servicesByHost.get(s.host);
    if (list) list.push(s);
    else servicesByHost.set(s.host, [s]);
  }
  const namespaceByKey = new Map(mesh.namespaces.map((n) => [`${n.cluster}/${n.name}`, n]));
  const policyTables = new Map<MeshPolicy[], Map<string, MeshPolicy[]>>();
  const memos = new Map<string, WeakMap<object, unknown>>();
  const caches = new Map<string, Map<string, unknown>>();
  index = {
    workloadById,
    workloadsByNamespacedName,
    servicesByHost,
    namespaceByKey,
    byNamespace(list, cluster, namespace) {
      let table = policyTables.get(list);
      if (!table) {
        table = new Map();
        for (const p of list) {
          for (const c of p.clusters) {
            const key = `${c}/${p.namespace}`;
            const l = table.get(key);
            if (l) l.push(p);
            else table.set(key, [p]);
          }
        }
        policyTables.set(list, table);
      }
      return table.get(`${cluster}/${namespace}`) ?? [];
    },
    memo<K extends object, V>(name: string, key: K, compute: () => V): V {
      let table = memos.get(name);
      if (!table) memos.set(name, (table = new WeakMap()));
      if (table.has(key)) return table.get(key) as V;
      const value = compute();
      table.set(key, value);
      return value;
    },
    cached<V>(name: string, key: string, compute: () => V): V {
      let table = caches.get(name);
      if (!table) caches.set(name, (table = new Map()));
      if (table.has(key)) return table.get(key) as V;
      const value = compute();
      table.set(key, value);
      return value;
    },
  };
  indexes.set(mesh, index);
  return index;
}
