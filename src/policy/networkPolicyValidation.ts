// What the Kubernetes API server rejects in a NetworkPolicy (ValidateNetworkPolicySpec): such an object never exists
// in a cluster, so the engine ignores it and reports why at the field's line.
import { fieldRange } from '../model/position';
import { getPath } from '../model/workloads';
import { parseCidr } from './ipRange';
import type { MeshPolicy } from './types';

export interface NetworkPolicyRejection {
  /** 1-based line of the offending field. */
  line: number;
  message: string;
}

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
/** IANA_SVC_NAME (validation.IsValidPortName): 1-15 lowercase alphanumerics or '-', a letter, no '--' or edge '-'. */
const PORT_NAME = /^(?=.*[a-z])(?!-)(?!.*--)[a-z0-9-]{1,15}(?<!-)$/;

const cache = new WeakMap<MeshPolicy, NetworkPolicyRejection[]>();

export function rejectedByApiServer(p: MeshPolicy): boolean {
  return networkPolicyRejections(p).length > 0;
}

/** Every reason the API server would refuse `p`, in field order. */
export function networkPolicyRejections(p: MeshPolicy): NetworkPolicyRejection[] {
  let out = cache.get(p);
  if (out) return out;
  out = [];
  const errors = out;
  const at = (path: (string | number)[], message: string) => errors.push({ line: fieldRange(p.resource, path).start.line + 1, message });
  const spec = (p.resource.obj.spec ?? {}) as Record<string, unknown>;

  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') at(['spec', 'policyTypes', i], `policyTypes[${i}] '${String(t)}' is not Ingress or Egress`);
  });
  if (types.length > 2) at(['spec', 'policyTypes'], 'policyTypes lists more than two types');

  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = spec[dir];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, r) => {
      const ports = getPath(rule, ['ports']);
      if (Array.isArray(ports)) ports.forEach((entry, i) => checkPort(entry, [`spec`, dir, r, 'ports', i], `${dir}[${r}].ports[${i}]`, at));
      const peers = getPath(rule, [peersKey]);
      if (Array.isArray(peers)) peers.forEach((peer, i) => checkPeer(peer, ['spec', dir, r, peersKey, i], `${dir}[${r}].${peersKey}[${i}]`, at));
    });
  }
  cache.set(p, out);
  return out;
}

type At = (path: (string | number)[], message: string) => void;

function checkPort(entry: unknown, path: (string | number)[], where: string, at: At): void {
  const protocol = getPath(entry, ['protocol']);
  if (protocol !== undefined && protocol !== null && !PROTOCOLS.has(String(protocol)))
    at([...path, 'protocol'], `${where}.protocol '${String(protocol)}' is not TCP, UDP or SCTP`);
  const port = getPath(entry, ['port']);
  const endPort = getPath(entry, ['endPort']);
  const numeric = typeof port === 'number';
  if (numeric && (!Number.isInteger(port) || port < 1 || port > 65535)) at([...path, 'port'], `${where}.port ${port} is not 1-65535`);
  if (typeof port === 'string' && !PORT_NAME.test(port)) at([...path, 'port'], `${where}.port '${port}' is not a valid port name`);
  if (endPort === undefined || endPort === null) return;
  if (port === undefined || port === null) at([...path, 'endPort'], `${where}.endPort may not be set without port`);
  else if (!numeric) at([...path, 'endPort'], `${where}.endPort may not be set with a named port`);
  else if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort > 65535)
    at([...path, 'endPort'], `${where}.endPort ${String(endPort)} is not 1-65535`);
  else if (endPort < port) at([...path, 'endPort'], `${where}.endPort ${endPort} is less than port ${port}`);
}

function checkPeer(peer: unknown, path: (string | number)[], where: string, at: At): void {
  const has = (k: string) => getPath(peer, [k]) !== undefined && getPath(peer, [k]) !== null;
  const block = getPath(peer, ['ipBlock']);
  if (!has('podSelector') && !has('namespaceSelector') && !has('ipBlock'))
    return at(path, `${where} names no peer (podSelector, namespaceSelector or ipBlock)`);
  if (has('ipBlock') && (has('podSelector') || has('namespaceSelector')))
    return at(path, `${where} sets ipBlock together with a selector: one peer may be one or the other`);
  if (!has('ipBlock')) return;
  const cidrText = getPath(block, ['cidr']);
  const cidr = typeof cidrText === 'string' && cidrText.includes('/') ? parseCidr(cidrText) : undefined;
  if (!cidr) return at([...path, 'ipBlock', 'cidr'], `${where}.ipBlock.cidr '${String(cidrText ?? '')}' is not a valid CIDR`);
  const except = getPath(block, ['except']);
  if (!Array.isArray(except)) return;
  except.forEach((e, i) => {
    const c = typeof e === 'string' && e.includes('/') ? parseCidr(e) : undefined;
    if (!c) return at([...path, 'ipBlock', 'except', i], `${where}.ipBlock.except[${i}] '${String(e)}' is not a valid CIDR`);
    // ValidateIPBlock: each except must be a strict subset of cidr.
    if (c[0].kind() !== cidr[0].kind() || !c[0].match(cidr) || c[1] <= cidr[1])
      at([...path, 'ipBlock', 'except', i], `${where}.ipBlock.except[${i}] ${e} is not a strict subset of ${String(cidrText)}`);
  });
}
