// Kubernetes NetworkPolicy: isolation per direction, peers, ports; traffic needs the sender's egress and the receiver's ingress.
import { getPath } from '../model/workloads';
import { parseCidr, parseIp, type Cidr } from './ipRange';
import { readLabelSelector, selectorMatches, type LabelSelector } from './labelSelector';
import { namespaceLabels } from './meshQueries';
import { meshIndex } from './meshIndex';
import { rejectedByApiServer } from './networkPolicyValidation';
import { addPorts, allConnections, emptyConnections, MAX_PORT, MIN_PORT, PROTOCOLS, union, type ConnectionSet } from './portSet';
import type { ExplanationStep, Mesh, MeshPolicy, Workload } from './types';

export type L4Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Direction = 'Ingress' | 'Egress';

export interface Endpoint {
  workload?: Workload;
  /** Known IP of an address outside the pod network (a literal IP, a ServiceEntry endpoint). Ignored for pods. */
  ip?: string;
  /** How to name an address whose IP is unknown (a DNS name). */
  host?: string;
}

/**
 * policyTypes as written, else defaulted as the API server does (SetDefaults_NetworkPolicy): when the list is
 * absent or empty, Ingress, plus Egress when the policy has at least one egress rule.
 */
export function policyTypes(p: MeshPolicy): Direction[] {
  const spec = (p.resource.obj.spec ?? {}) as Record<string, unknown>;
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes.filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Policies of one direction that select `workload` (same cluster and namespace, podSelector matches). */
export function selectingPolicies(mesh: Mesh, workload: Workload, direction: Direction): MeshPolicy[] {
  const index = meshIndex(mesh);
  return index.memo(`netpol-${direction}`, workload, () =>
    index.byNamespace(mesh.networkPolicies, workload.cluster, workload.namespace).filter((p) => {
      if (rejectedByApiServer(p) || !policyTypes(p).includes(direction)) return false;
      const sel = readLabelSelector(getPath(p.resource.obj, ['spec', 'podSelector']) ?? {});
      return !!sel && selectorMatches(sel, workload.labels);
    }),
  );
}

/** A NetworkPolicy read once into plain fields, so evaluation does no field lookups or parsing. */
interface CompiledPeer {
  ipBlock?: { cidr?: Cidr; excepts: Cidr[] };
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
}
interface CompiledPort {
  protocol: string;
  /** Numeric range, or a named port resolved against the destination pod. */
  start?: number;
  end?: number;
  name?: string;
}
interface CompiledRule {
  /** Undefined: any peer. */
  peers?: CompiledPeer[];
  /** Undefined: any port of any protocol. */
  ports?: CompiledPort[];
}

const compiled = new WeakMap<MeshPolicy, Record<Direction, CompiledRule[]>>();

function compileRules(policy: MeshPolicy): Record<Direction, CompiledRule[]> {
  let out = compiled.get(policy);
  if (out) return out;
  const spec = (policy.resource.obj.spec ?? {}) as Record<string, unknown>;
  const read = (rules: unknown, peersKey: string): CompiledRule[] =>
    (Array.isArray(rules) ? rules : []).map((rule) => {
      const peers = getPath(rule, [peersKey]);
      const ports = getPath(rule, ['ports']);
      return {
        peers: Array.isArray(peers) && peers.length > 0 ? peers.map(compilePeer) : undefined,
        ports: Array.isArray(ports) && ports.length > 0 ? ports.map(compilePort) : undefined,
      };
    });
  out = { Ingress: read(spec.ingress, 'from'), Egress: read(spec.egress, 'to') };
  compiled.set(policy, out);
  return out;
}

function compilePeer(peer: unknown): CompiledPeer {
  if (!peer || typeof peer !== 'object') return {};
  const p = peer as Record<string, unknown>;
  if (p.ipBlock !== undefined) {
    const except = getPath(p.ipBlock, ['except']);
    return {
      ipBlock: {
        cidr: parseCidr(String(getPath(p.ipBlock, ['cidr']) ?? '')),
        excepts: (Array.isArray(except) ? except : []).map((e) => parseCidr(String(e))).filter((c): c is Cidr => !!c),
      },
    };
  }
  return {
    ...(p.podSelector !== undefined ? { podSelector: readLabelSelector(p.podSelector) } : {}),
    ...(p.namespaceSelector !== undefined ? { namespaceSelector: readLabelSelector(p.namespaceSelector) } : {}),
  };
}

function compilePort(entry: unknown): CompiledPort {
  const protocol = String(getPath(entry, ['protocol']) ?? 'TCP');
  const p = getPath(entry, ['port']);
  if (p === undefined || p === null) return { protocol };
  if (typeof p === 'number' || /^\d+$/.test(String(p))) {
    const start = Number(p);
    const endRaw = getPath(entry, ['endPort']);
    return { protocol, start, end: endRaw === undefined ? start : Number(endRaw) };
  }
  return { protocol, name: String(p) };
}

/** 0.0.0.0/0 or ::/0 without `except`: the only ipBlock known to cover an address nobody wrote down. */
function coversEverything(block: NonNullable<CompiledPeer['ipBlock']>): boolean {
  return !!block.cidr && block.cidr[1] === 0 && block.excepts.length === 0;
}

/**
 * Pods have no IP in manifests (unless a bare Pod states its status.podIPs; the sandbox's loopback addresses are
 * not theirs), and a DNS name's address is unknown: an ipBlock is taken to cover those only when it covers every
 * address; narrower blocks are assumed to name other addresses. Known IPs are matched against cidr minus except.
 */
function ipBlockMatches(block: NonNullable<CompiledPeer['ipBlock']>, peer: Endpoint): boolean {
  if (!block.cidr) return false;
  if (peer.workload) return peer.workload.ips ? peer.workload.ips.some((ip) => addressInBlock(block, ip)) : coversEverything(block);
  if (peer.ip === undefined) return coversEverything(block);
  return addressInBlock(block, peer.ip);
}

function addressInBlock(block: NonNullable<CompiledPeer['ipBlock']>, text: string): boolean {
  const cidr = block.cidr;
  const ip = parseIp(text);
  if (!cidr || !ip || ip.kind() !== cidr[0].kind() || !ip.match(cidr)) return false;
  return !block.excepts.some((c) => c[0].kind() === ip.kind() && ip.match(c));
}

/** One `from`/`to` peer against the other end of the connection, seen from the policy's cluster. */
function peerMatches(mesh: Mesh, policy: MeshPolicy, cluster: string, peer: CompiledPeer, other: Endpoint): boolean {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, other);
  const { podSelector, namespaceSelector } = peer;
  if (!podSelector && !namespaceSelector) return false; // the API server rejects an empty peer
  const w = other.workload;
  if (!w || w.cluster !== cluster) return false; // pods of other clusters are just addresses here
  if (namespaceSelector) {
    if (!selectorMatches(namespaceSelector, namespaceLabels(mesh, cluster, w.namespace))) return false;
  } else if (w.namespace !== policy.namespace) {
    return false;
  }
  return podSelector ? selectorMatches(podSelector, w.labels) : true;
}

/** A `ports` entry against the destination port; named ports resolve against the destination pod. */
function portMatches(entry: CompiledPort, port: number, protocol: L4Protocol, destination: Workload | undefined): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.start !== undefined) return port >= entry.start && port <= (entry.end ?? entry.start);
  if (entry.name === undefined) return true;
  return !!destination?.ports.some((cp) => cp.name === entry.name && cp.port === port && cp.protocol === protocol);
}

/** The rule of `policy` for `direction` that allows the connection, and whether an ipBlock peer matched it. */
export function ruleAllowing(
  mesh: Mesh,
  policy: MeshPolicy,
  cluster: string,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: L4Protocol,
  destination: Workload | undefined,
): { rule: number; ipBlock: boolean } | undefined {
  const rules = compileRules(policy)[direction];
  for (let i = 0; i < rules.length; i++) {
    const { peers, ports } = rules[i];
    const peer = peers?.find((p) => peerMatches(mesh, policy, cluster, p, other));
    if (peers && !peer) continue;
    if (!ports || ports.some((e) => portMatches(e, port, protocol, destination))) return { rule: i, ipBlock: !!peer?.ipBlock };
  }
  return undefined;
}

function describe(e: Endpoint): string {
  return e.workload ? e.workload.id : (e.ip ?? e.host ?? 'an address outside the cluster');
}

/** What an ipBlock decision about a pod or a DNS name rests on, said where it decided. */
function ipBlockCaveat(other: Endpoint): string {
  return other.workload
    ? ` (pod IPs are unknown from manifests: an ipBlock is taken to cover ${other.workload.id} only as 0.0.0.0/0 without except)`
    : ` (the address of ${describe(other)} is unknown from manifests: an ipBlock is taken to cover it only as 0.0.0.0/0 without except)`;
}

/** ipBlocks narrower than everything, in rules whose ports would allow the connection: they may cover an unknown address. */
function narrowIpBlocksMayApply(policies: MeshPolicy[], direction: Direction, port: number, protocol: L4Protocol, destination: Workload | undefined): boolean {
  return policies.some((p) =>
    compileRules(p)[direction].some(
      (r) =>
        r.peers?.some((peer) => peer.ipBlock && !coversEverything(peer.ipBlock)) &&
        (!r.ports || r.ports.some((e) => portMatches(e, port, protocol, destination))),
    ),
  );
}

/** One direction for one side: isolated or not, and which policy/rule allows. */
function checkSide(
  mesh: Mesh,
  self: Workload,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: L4Protocol,
  destination: Workload | undefined,
  steps: ExplanationStep[],
): boolean {
  const policies = selectingPolicies(mesh, self, direction);
  const dir = direction.toLowerCase();
  if (policies.length === 0) {
    steps.push({ step: 'network-policy', detail: `${self.id} is not isolated for ${dir}: allowed` });
    return true;
  }
  const unknownAddress = other.workload ? !other.workload.ips : other.ip === undefined;
  for (const p of policies) {
    const allowing = ruleAllowing(mesh, p, self.cluster, direction, other, port, protocol, destination);
    if (allowing !== undefined) {
      const caveat = allowing.ipBlock && unknownAddress ? ipBlockCaveat(other) : '';
      steps.push({ step: 'network-policy', ...p.source, detail: `${dir} rule ${allowing.rule} allows ${describe(other)} on ${protocol} ${port}${caveat}` });
      return true;
    }
  }
  const caveat = unknownAddress && narrowIpBlocksMayApply(policies, direction, port, protocol, destination) ? ipBlockCaveat(other) : '';
  steps.push({
    step: 'network-policy',
    ...policies[0].source,
    detail: `${self.id} is isolated for ${dir} by ${policies.map((p) => p.source.policy).join(', ')} and no rule allows ${describe(other)} on ${protocol} ${port}${caveat}`,
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
function ruleConnections(ports: CompiledPort[] | undefined, destination: Workload | undefined): ConnectionSet {
  if (!ports) return allConnections();
  const out = emptyConnections();
  for (const entry of ports) {
    const proto = entry.protocol as L4Protocol;
    if (!PROTOCOLS.includes(proto)) continue;
    if (entry.start !== undefined) addPorts(out, proto, entry.start, entry.end ?? entry.start);
    else if (entry.name === undefined) addPorts(out, proto, MIN_PORT, MAX_PORT);
    else for (const cp of destination?.ports ?? []) if (cp.name === entry.name && cp.protocol === proto) addPorts(out, proto, cp.port, cp.port);
  }
  return out;
}

/** Everything `self`'s policies of one direction allow with `other` (all when `self` is not isolated that way). */
export function allowedConnections(mesh: Mesh, self: Workload, direction: Direction, other: Endpoint, destination: Workload | undefined): ConnectionSet {
  const policies = selectingPolicies(mesh, self, direction);
  if (policies.length === 0) return allConnections();
  let out = emptyConnections();
  for (const p of policies) {
    for (const rule of compileRules(p)[direction]) {
      if (rule.peers && !rule.peers.some((peer) => peerMatches(mesh, p, self.cluster, peer, other))) continue;
      out = union(out, ruleConnections(rule.ports, destination));
    }
  }
  return out;
}

/** Every CIDR a policy's ipBlocks name (cidr and except entries), as written. */
export function ipBlockCidrs(policy: MeshPolicy): string[] {
  const out: string[] = [];
  for (const dir of ['ingress', 'egress'] as const) {
    const rules = getPath(policy.resource.obj, ['spec', dir]);
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) {
      const peers = getPath(rule, [dir === 'ingress' ? 'from' : 'to']);
      if (!Array.isArray(peers)) continue;
      for (const peer of peers) {
        const block = getPath(peer, ['ipBlock']);
        if (!block) continue;
        const except = getPath(block, ['except']);
        for (const cidr of [getPath(block, ['cidr']), ...(Array.isArray(except) ? except : [])]) out.push(String(cidr ?? ''));
      }
    }
  }
  return out;
}
