// The full matrix: every workload to every Service port, computed once per class of alike workloads.
import { simulateCall, summarize } from './simulate';
import type { CallResult, Mesh, SimulationResult, TrafficCall, Workload } from './types';

/**
 * Workloads with the same cluster, namespace, labels, service account and sidecar are indistinguishable to
 * every policy (selectors, peers, principals), so one simulated call stands for the whole class.
 */
export function workloadClassKey(w: Workload): string {
  const labels = Object.keys(w.labels)
    .sort()
    .map((k) => `${k}=${w.labels[k]}`)
    .join(',');
  return `${w.cluster}|${w.namespace}|${w.serviceAccount}|${w.sidecar ? 1 : 0}|${labels}`;
}

/** Distinct Service host:port targets across clusters (same-name services in several clusters are one target). */
export function serviceTargets(mesh: Mesh): { to: string; protocol: 'http' | 'tcp' }[] {
  const seen = new Map<string, { to: string; protocol: 'http' | 'tcp' }>();
  for (const s of mesh.services) {
    for (const p of s.ports) {
      if (p.protocol !== 'TCP') continue; // the mesh carries TCP only
      const to = `${s.host}:${p.port}`;
      if (!seen.has(to)) seen.set(to, { to, protocol: p.appProtocol && !/^(http|http2|grpc|grpc-web|h2c)$/.test(p.appProtocol) ? 'tcp' : 'http' });
    }
  }
  return [...seen.values()].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

export function simulateMatrix(mesh: Mesh): SimulationResult {
  const targets = serviceTargets(mesh);
  const byClass = new Map<string, Workload[]>();
  for (const w of mesh.workloads) {
    const key = workloadClassKey(w);
    const list = byClass.get(key);
    if (list) list.push(w);
    else byClass.set(key, [w]);
  }
  const calls: CallResult[] = [];
  for (const members of byClass.values()) {
    const representative = members[0];
    for (const t of targets) {
      const call: TrafficCall = { from: representative.id, to: t.to, protocol: t.protocol };
      const r = simulateCall(mesh, call);
      for (const m of members) {
        // Members share the explanation array: it is the same for all of them.
        calls.push({ ...r, name: `${m.id} -> ${t.to}`, from: m.id });
      }
    }
  }
  calls.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return summarize(calls);
}
