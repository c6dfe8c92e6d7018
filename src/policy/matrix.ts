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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const idPatterns = new Map<string, RegExp>();

/** The explanation of a representative's call, told for another member of its class: its id in place of the representative's. */
function renameInExplanation(explanation: CallResult['explanation'], from: string, to: string): CallResult['explanation'] {
  // Whole ids only: cluster1/ns/app-1 must not match inside cluster1/ns/app-10.
  let re = idPatterns.get(from);
  if (!re) {
    if (idPatterns.size > 10_000) idPatterns.clear();
    idPatterns.set(from, (re = new RegExp(`${escapeRegExp(from)}(?![A-Za-z0-9._-])`, 'g')));
  }
  return explanation.map((step) => {
    // Steps that do not name the source are shared.
    if (!Object.values(step).some((v) => typeof v === 'string' && v.includes(from))) return step;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(step)) out[k] = typeof v === 'string' ? v.replace(re, () => to) : v;
    return out as unknown as (typeof explanation)[number];
  });
}

export function simulateMatrix(mesh: Mesh): SimulationResult {
  const targets = serviceTargets(mesh);
  const calls: CallResult[] = [];
  // Workloads in id order and targets in host order: the output is sorted by construction.
  const workloads = [...mesh.workloads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // One simulated call per (class of workloads every policy treats alike, target): see workloadClasses.ts.
  const { classOf, members } = workloadClasses(mesh, workloads);
  const perClass: (CallResult[] | undefined)[] = new Array(members.length);
  // Results whose explanation names the representative: each member gets a copy naming itself.
  const namesRep: (('shared' | 'renamed' | 'direct')[] | undefined)[] = new Array(members.length);
  for (let wi = 0; wi < workloads.length; wi++) {
    const w = workloads[wi];
    const c = classOf[wi];
    let results = perClass[c];
    const rep = members[c][0];
    if (!results) {
      results = targets.map((t) => simulateCall(mesh, { from: rep.id, to: t.to, protocol: t.protocol }));
      perClass[c] = results;
      // Explanations name the source: a member gets a copy naming itself. Checked against a second member's own call,
      // which also catches a representative that is the call's endpoint too: those targets are simulated per member.
      const second = members[c][1];
      namesRep[c] = results.map((r, i) => {
        if (!r.explanation.some((step) => Object.values(step).some((v) => typeof v === 'string' && v.includes(rep.id)))) return 'shared';
        if (!second) return 'renamed';
        const own = simulateCall(mesh, { from: second.id, to: targets[i].to, protocol: targets[i].protocol });
        const same = own.to === r.to && own.port === r.port && own.mtls === r.mtls && own.allowed === r.allowed && own.verdict === r.verdict;
        return same && JSON.stringify(renameInExplanation(r.explanation, rep.id, second.id)) === JSON.stringify(own.explanation) ? 'renamed' : 'direct';
      });
    }
    const how = namesRep[c]!;
    for (let i = 0; i < targets.length; i++) {
      const r = rep === w || how[i] !== 'direct' ? results[i] : simulateCall(mesh, { from: w.id, to: targets[i].to, protocol: targets[i].protocol });
      const explanation = rep !== w && how[i] === 'renamed' ? renameInExplanation(r.explanation, rep.id, w.id) : r.explanation;
      // Members of a class share the explanation array when it does not name them. A plain literal (not a spread) keeps
      // a million results cheap to build.
      calls.push({ name: `${w.id} -> ${targets[i].to}`, from: w.id, to: r.to, port: r.port, mtls: r.mtls, allowed: r.allowed, verdict: r.verdict, explanation });
    }
  }
  return summarize(calls);
}
