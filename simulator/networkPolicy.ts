// Kubernetes NetworkPolicy: isolation per direction, peers, ports; traffic needs the sender's egress and the receiver's ingress.
import { getPath } from '../src/model/workloads';
import { parseCidr, parseIp } from './ipRange';
import { readLabelSelector, selectorMatches, type LabelSelector } from './labelSelector';
import { namespaceLabels } from './mesh';
import { addPorts, allConnections, emptyConnections, MAX_PORT, MIN_PORT, PROTOCOLS, union, type ConnectionSet } from './portSet';
import type { ExplanationStep, Mesh, MeshPolicy, Workload } from './types';

export type L4Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Direction = 'Ingress' | 'Egress';

export interface Endpoint {
  workload?: Workload;
  /** Known IP (external peers); pods have no IP in manifests. */
  ip?: string;
}

/** policyTypes as written, else inferred: Ingress always, Egress when the policy has egress rules. */
export function policyTypes(p: MeshPolicy): Direction[] {
  const spec = (p.resource.obj.spec ?? {}) as Record<string, unknown>;
  if (Array.isArray(spec.policyTypes)) return spec.policyTypes.filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Policies of one direction that select `workload` (same cluster and namespace, podSelector matches). */
export function selectingPolicies(mesh: Mesh, workload: Workload, direction: Direction): MeshPolicy[] {
  return mesh.networkPolicies.filter((p) => {
    if (!p.clusters.includes(workload.cluster) || p.namespace !== workload.namespace) return false;
    if (!policyTypes(p).includes(direction)) return false;
    const sel = readLabelSelector(getPath(p.resource.obj, ['spec', 'podSelector']) ?? {});
    return !!sel && selectorMatches(sel, workload.labels);
  });
}

/**
 * Pods have no IP in manifests. An ipBlock is taken to cover a pod only when it covers every address
 * (0.0.0.0/0 or ::/0 without `except`); narrower blocks are assumed to name addresses outside the pod network.
 */
function ipBlockMatches(block: unknown, peer: Endpoint): boolean {
  const cidr = String(getPath(block, ['cidr']) ?? '');
  const except = getPath(block, ['except']);
  const excepts = Array.isArray(except) ? except.map(String) : [];
  const parsed = parseCidr(cidr);
  if (!parsed) return false;
  if (peer.ip === undefined) return parsed[1] === 0 && excepts.length === 0;
  const ip = parseIp(peer.ip);
  if (!ip || ip.kind() !== parsed[0].kind() || !ip.match(parsed)) return false;
  return !excepts.some((e) => {
    const c = parseCidr(e);
    return !!c && c[0].kind() === ip.kind() && ip.match(c);
  });
}

/** One `from`/`to` peer against the other end of the connection, seen from the policy's cluster. */
export function peerMatches(mesh: Mesh, policy: MeshPolicy, cluster: string, peer: unknown, other: Endpoint): boolean {
  if (!peer || typeof peer !== 'object') return false;
  const p = peer as Record<string, unknown>;
  if (p.ipBlock !== undefined) return ipBlockMatches(p.ipBlock, other);
  const podSel = p.podSelector === undefined ? undefined : readLabelSelector(p.podSelector);
  const nsSel = p.namespaceSelector === undefined ? undefined : readLabelSelector(p.namespaceSelector);
  if (!podSel && !nsSel) return false; // the API server rejects an empty peer
  const w = other.workload;
  if (!w || w.cluster !== cluster) return false; // pods of other clusters are just addresses here
  if (nsSel) {
    if (!selectorMatches(nsSel, namespaceLabels(mesh, cluster, w.namespace))) return false;
  } else if (w.namespace !== policy.namespace) {
    return false;
  }
  return podSel ? selectorMatches(podSel as LabelSelector, w.labels) : true;
}

/** A `ports` entry against the destination port; named ports resolve against the destination pod. */
export function portMatches(entry: unknown, port: number, protocol: L4Protocol, destination: Workload | undefined): boolean {
  const proto = String(getPath(entry, ['protocol']) ?? 'TCP');
  if (proto !== protocol) return false;
  const p = getPath(entry, ['port']);
  if (p === undefined || p === null) return true;
  if (typeof p === 'number' || /^\d+$/.test(String(p))) {
    const start = Number(p);
    const endRaw = getPath(entry, ['endPort']);
    const end = endRaw === undefined ? start : Number(endRaw);
    return port >= start && port <= end;
  }
  return !!destination?.ports.some((cp) => cp.name === String(p) && cp.port === port && cp.protocol === protocol);
}

/** Does some rule of `policy` for `direction` allow the connection? Returns the index of the rule. */
export function ruleAllowing(
  mesh: Mesh,
  policy: MeshPolicy,
  cluster: string,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: L4Protocol,
  destination: Workload | undefined,
): number | undefined {
  const rules = getPath(policy.resource.obj, ['spec', direction === 'Ingress' ? 'ingress' : 'egress']);
  if (!Array.isArray(rules)) return undefined;
  const peersKey = direction === 'Ingress' ? 'from' : 'to';
  for (let i = 0; i < rules.length; i++) {
    const peers = getPath(rules[i], [peersKey]);
    const ports = getPath(rules[i], ['ports']);
    const peerOk = !Array.isArray(peers) || peers.length === 0 || peers.some((peer) => peerMatches(mesh, policy, cluster, peer, other));
    if (!peerOk) continue;
    const portOk = !Array.isArray(ports) || ports.length === 0 || ports.some((e) => portMatches(e, port, protocol, destination));
    if (portOk) return i;
  }
  return undefined;
}

function describe(e: Endpoint): string {
  return e.workload ? e.workload.id : (e.ip ?? 'an address outside the cluster');
}

/** One direction for one side: isolated or not, and which policy/rule allows. */
function checkSide(mesh: Mesh, self: Workload, direction: Direction, other: Endpoint, port: number, protocol: L4Protocol, destination: Workload | undefined, steps: ExplanationStep[]): boolean {
  const policies = selectingPolicies(mesh, self, direction);
  const dir = direction.toLowerCase();
  if (policies.length === 0) {
    steps.push({ step: 'network-policy', detail: `${self.id} is not isolated for ${dir}: allowed` });
    return true;
  }
  for (const p of policies) {
    const rule = ruleAllowing(mesh, p, self.cluster, direction, other, port, protocol, destination);
    if (rule !== undefined) {
      steps.push({ step: 'network-policy', ...p.source, detail: `${dir} rule ${rule} allows ${describe(other)} on ${protocol} ${port}` });
      return true;
    }
  }
  steps.push({
    step: 'network-policy',
    ...policies[0].source,
    detail: `${self.id} is isolated for ${dir} by ${policies.map((p) => p.source.policy).join(', ')} and no rule allows ${describe(other)} on ${protocol} ${port}`,
  });
  return false;
}

export function networkPolicyAllows(
  mesh: Mesh,
  src: Endpoint,
  dst: Endpoint,
  port: number,
  protocol: L4Protocol,
): { allowed: boolean; steps: ExplanationStep[] } {
  const steps: ExplanationStep[] = [];
  if (src.workload && !checkSide(mesh, src.workload, 'Egress', dst, port, protocol, dst.workload, steps)) return { allowed: false, steps };
  if (dst.workload && !checkSide(mesh, dst.workload, 'Ingress', src, port, protocol, dst.workload, steps)) return { allowed: false, steps };
  return { allowed: true, steps };
}

/** Connection set one rule's `ports` allow towards `destination` (absent or empty: everything). */
function ruleConnections(ports: unknown, destination: Workload | undefined): ConnectionSet {
  if (!Array.isArray(ports) || ports.length === 0) return allConnections();
  const out = emptyConnections();
  for (const entry of ports) {
    const proto = String(getPath(entry, ['protocol']) ?? 'TCP') as L4Protocol;
    if (!PROTOCOLS.includes(proto)) continue;
    const p = getPath(entry, ['port']);
    if (p === undefined || p === null) addPorts(out, proto, MIN_PORT, MAX_PORT);
    else if (typeof p === 'number' || /^\d+$/.test(String(p))) {
      const start = Number(p);
      const endRaw = getPath(entry, ['endPort']);
      addPorts(out, proto, start, endRaw === undefined ? start : Number(endRaw));
    } else {
      for (const cp of destination?.ports ?? []) if (cp.name === String(p) && cp.protocol === proto) addPorts(out, proto, cp.port, cp.port);
    }
  }
  return out;
}

/** Everything `self`'s policies of one direction allow with `other` (all when `self` is not isolated that way). */
export function allowedConnections(mesh: Mesh, self: Workload, direction: Direction, other: Endpoint, destination: Workload | undefined): ConnectionSet {
  const policies = selectingPolicies(mesh, self, direction);
  if (policies.length === 0) return allConnections();
  let out = emptyConnections();
  const peersKey = direction === 'Ingress' ? 'from' : 'to';
  for (const p of policies) {
    const rules = getPath(p.resource.obj, ['spec', direction === 'Ingress' ? 'ingress' : 'egress']);
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) {
      const peers = getPath(rule, [peersKey]);
      const peerOk = !Array.isArray(peers) || peers.length === 0 || peers.some((peer) => peerMatches(mesh, p, self.cluster, peer, other));
      if (peerOk) out = union(out, ruleConnections(getPath(rule, ['ports']), destination));
    }
  }
  return out;
}
