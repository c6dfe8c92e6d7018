// Equivalence classes of workloads that every policy treats alike, whatever their labels.
import type { Mesh, Workload } from './types';

/** Label keys whose whole value is read by the engine (east-west gateway, Gateway API gateway name). */
const VALUE_KEYS = ['istio', 'gateway.networking.k8s.io/gateway-name'];

/**
 * Every (label key, value) any selector of the mesh can compare against: all string leaves of every policy's,
 * Service's and ServiceEntry's spec (over-collecting only makes classes finer), plus matchExpressions keys and values.
 * A selector that tests equality with collected values and key existence cannot tell apart two workloads whose labels
 * agree on: for each collected key, absent, one of the collected values, or some other value.
 */
export function selectorAtoms(mesh: Mesh): Map<string, Set<string>> {
  const atoms = new Map<string, Set<string>>();
  const add = (k: string, v?: string) => {
    let s = atoms.get(k);
    if (!s) atoms.set(k, (s = new Set()));
    if (v !== undefined) s.add(v);
  };
  const walk = (o: unknown, depth: number): void => {
    if (depth > 40 || o === null || typeof o !== 'object') return;
    if (Array.isArray(o)) {
      for (const x of o) walk(x, depth + 1);
      return;
    }
    const rec = o as Record<string, unknown>;
    if (typeof rec.key === 'string') {
      add(rec.key);
      if (Array.isArray(rec.values)) for (const v of rec.values) add(rec.key, String(v));
    }
    for (const [k, v] of Object.entries(rec)) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'object') walk(v, depth + 1);
      else add(k, String(v));
    }
  };
  const specOf = (obj: unknown) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>).spec : undefined);
  const policies = [
    ...mesh.peerAuthentications,
    ...mesh.destinationRules,
    ...mesh.authorizationPolicies,
    ...mesh.networkPolicies,
    ...(mesh.otherNetworkPolicies ?? []),
    ...mesh.virtualServices,
    ...mesh.sidecars,
    ...mesh.requestAuthentications,
  ];
  for (const p of policies) walk(specOf(p.resource.obj), 0);
  for (const s of mesh.services) {
    walk(specOf(s.resource.obj), 0);
    for (const [k, v] of Object.entries(s.selector)) add(k, v);
  }
  for (const e of mesh.serviceEntries) {
    walk(specOf(e.resource.obj), 0);
    for (const [k, v] of Object.entries(e.workloadSelector ?? {})) add(k, v);
  }
  return atoms;
}

/**
 * A workload's signature: cluster, namespace, identity, sidecar, ports, pod IPs and its labels as selectors see them.
 * Workloads with the same signature get the same answer from every policy, as source and as destination.
 */
export function workloadSignature(w: Workload, atoms: Map<string, Set<string>>): string {
  const parts: string[] = [];
  for (const k of [...Object.keys(w.labels)].sort()) {
    const known = atoms.get(k);
    const v = w.labels[k];
    if (VALUE_KEYS.includes(k)) parts.push(`${k}=${v}`);
    else if (known) parts.push(known.has(v) ? `${k}=${v}` : `${k}=*`);
  }
  return JSON.stringify([w.cluster, w.namespace, w.serviceAccount, w.spiffeId, w.sidecar, w.kind, w.ports, w.ips ?? null, parts]);
}

export interface WorkloadClasses {
  /** Class number of each workload, by the workload's index in the input array. */
  classOf: Int32Array;
  /** Members of each class, in input order; the first is the representative. */
  members: Workload[][];
}

/** Groups workloads by signature (one pass over the policies, one over the workloads). */
export function workloadClasses(mesh: Mesh, workloads: readonly Workload[] = mesh.workloads): WorkloadClasses {
  const atoms = selectorAtoms(mesh);
  const byKey = new Map<string, number>();
  const classOf = new Int32Array(workloads.length);
  const members: Workload[][] = [];
  workloads.forEach((w, i) => {
    const key = workloadSignature(w, atoms);
    let c = byKey.get(key);
    if (c === undefined) {
      c = members.length;
      byKey.set(key, c);
      members.push([]);
    }
    members[c].push(w);
    classOf[i] = c;
  });
  return { classOf, members };
}
