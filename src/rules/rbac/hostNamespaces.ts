// ZT0408: pods that share the node's network, process or IPC namespace.
import { riskyFlagRule } from '../templates/podSecurity';

const SHARES: Record<string, string> = {
  hostNetwork: "the node's network (bypassing NetworkPolicies and the sidecar)",
  hostPID: "the node's processes",
  hostIPC: "the node's shared memory",
};

export const hostNamespaces = riskyFlagRule({
  meta: {
    id: 'ZT0408',
    pillar: 4,
    severity: 'error',
    title: 'Pod shares host namespaces',
    description:
      "hostNetwork, hostPID and hostIPC put the pod into the node's own namespaces: it sees other pods' traffic and processes, NetworkPolicies and sidecar interception no longer apply, and isolation between workloads is gone.",
    fixable: true,
  },
  level: 'pod',
  fields: ['hostNetwork', 'hostPID', 'hostIPC'],
  message: (field, where) => `${where} share ${SHARES[field]}; set ${field}: false`,
  fix: true,
});
