// The full matrix: every workload to every Service port, computed once per class of alike workloads.
import { callCaveats } from './caveats';
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

const ID_CHAR = /[A-Za-z0-9._-]/;

/** A step's strings cut at each whole mention of the representative's id (cluster1/ns/app-1, not inside app-10). */
type StepTemplate = { step: CallResult['explanation'][number] } | { parts: [string, string[]][]; rest: Record<string, unknown> };

function cutAt(text: string, id: string): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + id.length)) {
    if (ID_CHAR.test(text.charAt(at + id.length))) continue;
    parts.push(text.slice(from, at));
    from = at + id.length;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(from));
  return parts;
}

/** The explanation of a representative's call as a template: steps that do not name it are shared as they are. */
function explanationTemplate(explanation: CallResult['explanation'], repId: string): StepTemplate[] | undefined {
  let names = false;
  const out = explanation.map((step): StepTemplate => {
    const parts: [string, string[]][] = [];
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(step)) {
      const cut = typeof v === 'string' ? cutAt(v, repId) : undefined;
      if (cut) parts.push([k, cut]);
      else rest[k] = v;
    }
    if (parts.length === 0) return { step };
    names = true;
    return { parts, rest };
  });
  return names ? out : undefined;
}

/** The explanation told for another member of the class: its id where the representative's stood. */
function tellFor(template: StepTemplate[], id: string): CallResult['explanation'] {
  return template.map((t) => {
    if ('step' in t) return t.step;
    const out: Record<string, unknown> = { ...t.rest };
    for (const [k, parts] of t.parts) out[k] = parts.join(id);
    return out as unknown as CallResult['explanation'][number];
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
  // Per class and target: undefined when the explanation does not name the representative (shared by every member),
  // a template to tell it for each member, or 'direct' when the call's endpoint is itself a member of the class (a
  // member calling itself is another call than a member calling it): those are simulated per member.
  const howPerClass: ((StepTemplate[] | 'direct' | undefined)[] | undefined)[] = new Array(members.length);
  for (let wi = 0; wi < workloads.length; wi++) {
    const w = workloads[wi];
    const c = classOf[wi];
    let results = perClass[c];
    const rep = members[c][0];
    if (!results) {
      results = targets.map((t) => simulateCall(mesh, { from: rep.id, to: t.to, protocol: t.protocol }));
      perClass[c] = results;
      const inClass = new Set(members[c].map((m) => m.id));
      howPerClass[c] = results.map((r) => (members[c].length > 1 && inClass.has(r.to) ? 'direct' : explanationTemplate(r.explanation, rep.id)));
    }
    const how = howPerClass[c]!;
    for (let i = 0; i < targets.length; i++) {
      const h = how[i];
      const r = rep === w || h !== 'direct' ? results[i] : simulateCall(mesh, { from: w.id, to: targets[i].to, protocol: targets[i].protocol });
      const explanation = rep !== w && h !== undefined && h !== 'direct' ? tellFor(h, w.id) : r.explanation;
      // Members of a class share the explanation array when it does not name them. A plain literal (not a spread) keeps
      // a million results cheap to build.
      const call: CallResult = {
        name: `${w.id} -> ${targets[i].to}`,
        from: w.id,
        to: r.to,
        port: r.port,
        mtls: r.mtls,
        allowed: r.allowed,
        verdict: r.verdict,
        explanation,
      };
      // Caveats quote the steps: told again for a member whose explanation was.
      if (r.caveats) call.caveats = explanation === r.explanation ? r.caveats : callCaveats(mesh, explanation);
      calls.push(call);
    }
  }
  return summarize(calls);
}
