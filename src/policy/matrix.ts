// The full matrix: every workload to every Service port, computed once per class of alike workloads.
import { simulateCall, summarize } from './simulate';
import type { CallResult, Mesh, SimulationResult, Workload } from './types';
import { workloadClasses } from './workloadClasses';

/**
 * Workloads with the same cluster, namespace, labels, service account, sidecar and known pod IPs are
 * indistinguishable to every policy (selectors, peers, ipBlocks, principals), so one simulated call stands for the whole class.
 */
export function workloadClassKey(w: Workload): string {
  const labels = Object.keys(w.labels)
    .sort()
    .map((k) => `${k}=${w.labels[k]}`)
    .join(',');
  return `${w.cluster}|${w.namespace}|${w.serviceAccount}|${w.sidecar ? 1 : 0}|${labels}${w.ips ? `|${w.ips.join(',')}` : ''}`;
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
  const calls: CallResult[] = [];
  // Workloads in id order and targets in host order: the output is sorted by construction.
  const workloads = [...mesh.workloads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // One simulated call per (class of workloads every policy treats alike, target): see workloadClasses.ts.
  const { classOf, members } = workloadClasses(mesh, workloads);
  const perClass: (CallResult[] | undefined)[] = new Array(members.length);
  for (let wi = 0; wi < workloads.length; wi++) {
    const w = workloads[wi];
    const c = classOf[wi];
    let results = perClass[c];
    if (!results) {
      const rep = members[c][0];
      results = targets.map((t) => simulateCall(mesh, { from: rep.id, to: t.to, protocol: t.protocol }));
      perClass[c] = results;
    }
    for (let i = 0; i < targets.length; i++) {
      const r = results[i];
      // Members of a class share the explanation array: it is the same for all of them. A plain literal (not a
      // spread) keeps a million results cheap to build.
      calls.push({ name: `${w.id} -> ${targets[i].to}`, from: w.id, to: r.to, port: r.port, mtls: r.mtls, allowed: r.allowed, verdict: r.verdict, explanation: r.explanation });
    }
  }
  return summarize(calls);
}
