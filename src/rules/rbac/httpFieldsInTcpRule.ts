// ZT0415: HTTP-only conditions in an ALLOW rule for TCP ports, where Istio cannot evaluate them and the rule never matches.
import { mapSelectorMatches, workloadsMatchingLabels, type PodGroup } from '../../model/selectors';
import type { Resource } from '../../model/types';
import { getPath, stringMap } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { policyAction, policyFields, policySelectorLabels } from '../templates/authorizationPolicy';
import { inNamespace } from '../templates/kindLookup';
import type { Rule } from '../types';

const HTTP_OPERATION_FIELDS = new Set(['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths']);
const HTTP_SOURCE_FIELDS = new Set(['requestPrincipals', 'notRequestPrincipals']);
// Istio protocol selection: these port names / appProtocols are opaque TCP to the sidecar (TLS included: it cannot see inside).
const TCP_PROTOCOLS = new Set(['tcp', 'tls', 'mongo', 'mysql', 'redis', 'https']);

function isHttpOnly(section: string, name: string): boolean {
  if (section === 'operation') return HTTP_OPERATION_FIELDS.has(name);
  if (section === 'source') return HTTP_SOURCE_FIELDS.has(name);
  return name.startsWith('request.') || name === 'experimental.envoy.filters.network.mysql_proxy';
}

function portProtocol(port: Record<string, unknown>): 'tcp' | 'other' {
  const explicit = typeof port.appProtocol === 'string' ? port.appProtocol.toLowerCase() : undefined;
  const fromName = typeof port.name === 'string' ? port.name.toLowerCase().split('-')[0] : undefined;
  const proto = explicit ?? fromName;
  return proto !== undefined && TCP_PROTOCOLS.has(proto) ? 'tcp' : 'other';
}

/** Ports of the Services in front of `workloads`, by port and numeric targetPort, with their protocol. */
function servicePorts(index: WorkspaceIndex, namespace: string, workloads: PodGroup[]): Map<string, 'tcp' | 'other'> {
  const out = new Map<string, 'tcp' | 'other'>();
  for (const svc of inNamespace(index, 'Service', namespace)) {
    const selector = stringMap(getPath(svc.obj, ['spec', 'selector']));
    if (Object.keys(selector).length === 0 || !workloads.some((w) => mapSelectorMatches(selector, w.labels))) continue;
    const ports = getPath(svc.obj, ['spec', 'ports']);
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (!p || typeof p !== 'object') continue;
      const proto = portProtocol(p as Record<string, unknown>);
      for (const n of [getPath(p, ['port']), getPath(p, ['targetPort'])]) if (typeof n === 'number') out.set(String(n), proto);
    }
  }
  return out;
}

function ruleOperationPorts(policy: Resource, ruleIndex: number): string[] {
  return policyFields(policy)
    .filter((f) => f.ruleIndex === ruleIndex && f.section === 'operation' && f.name === 'ports')
    .flatMap((f) => f.values);
}

export const httpFieldsInTcpRule: Rule = {
  meta: {
    id: 'ZT0415',
    pillar: 4,
    severity: 'warning',
    title: 'HTTP-only condition in a TCP ALLOW rule',
    description:
      'methods, paths, hosts, requestPrincipals and request.* conditions need HTTP. For TCP traffic Istio cannot evaluate them, so an ALLOW rule containing them never matches: the connections it was written for are denied, and a later edit that "fixes" it by removing conditions tends to allow far more than intended.',
    fixable: false,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    if (policyAction(policy) !== 'ALLOW') return;
    const httpFields = policyFields(policy).filter((f) => isHttpOnly(f.section, f.name));
    if (httpFields.length === 0) return;
    const ns = namespaceOf(policy);
    const labels = policySelectorLabels(policy);
    const workloads = workloadsMatchingLabels(ctx.index, ns, labels ?? {});
    const ports = servicePorts(ctx.index, ns, workloads);
    if (ports.size === 0) return;
    const reported = new Set<number>();
    for (const f of httpFields) {
      if (reported.has(f.ruleIndex)) continue;
      const rulePorts = ruleOperationPorts(policy, f.ruleIndex);
      const tcpPorts =
        rulePorts.length > 0
          ? rulePorts.filter((p) => ports.get(p) === 'tcp')
          : [...ports.values()].every((p) => p === 'tcp')
            ? [...new Set(ports.keys())]
            : [];
      if (tcpPorts.length === 0) continue;
      reported.add(f.ruleIndex);
      ctx.report({
        resource: policy,
        path: f.path,
        part: 'key',
        message: `${f.name} is HTTP-only but rule ${f.ruleIndex} applies to TCP port ${tcpPorts.join(', ')}, so the rule never matches and the traffic is denied; use TCP attributes (principals, namespaces, ipBlocks, ports) or declare the port as HTTP`,
      });
    }
  },
};
